#include "domain/commitment.h"

namespace followup::domain {

std::string to_string(CommitmentStatus s) {
  switch (s) {
    case CommitmentStatus::planned:
      return "planned";
    case CommitmentStatus::in_progress:
      return "in-progress";
    case CommitmentStatus::done:
      return "done";
    case CommitmentStatus::delayed:
      return "delayed";
    case CommitmentStatus::abandoned:
      return "abandoned";
  }
  return "planned";
}

std::optional<CommitmentStatus> parse_status(const std::string& s) {
  for (auto st : {CommitmentStatus::planned, CommitmentStatus::in_progress, CommitmentStatus::done,
                  CommitmentStatus::delayed, CommitmentStatus::abandoned})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

bool is_closed(CommitmentStatus s) {
  return s == CommitmentStatus::done || s == CommitmentStatus::abandoned;
}

std::variant<CommitmentState, RuleError> apply(const CommitmentState& current,
                                               const CommitmentChange& change) {
  using S = CommitmentStatus;
  if (!change.status && !change.progress)
    return RuleError{"status", "give a status, a progress or both"};
  if (change.progress && (*change.progress < 0 || *change.progress > 100))
    return RuleError{"progress", "progress is a percent from 0 to 100"};
  if (is_closed(current.status))
    return RuleError{"status",
                     "the commitment is " + to_string(current.status) + ": it no longer changes",
                     true};

  CommitmentState next = current;
  if (change.progress) next.progress = *change.progress;
  if (change.status)
    next.status = *change.status;
  else if (current.status == S::planned && next.progress > 0)
    next.status = S::in_progress;

  if (next.status == S::planned && current.status != S::planned)
    return RuleError{"status", "a commitment under way does not return to planned", true};
  if (next.status == S::planned && next.progress != 0)
    return RuleError{"progress", "a planned commitment is at 0 %"};
  if (next.status == S::done) {
    if (change.progress && *change.progress != 100)
      return RuleError{"progress", "a done commitment is at 100 %"};
    next.progress = 100;
  }
  const bool needs_reason = (next.status != current.status &&
                             (next.status == S::abandoned || next.status == S::delayed)) ||
                            next.progress < current.progress;
  if (needs_reason && change.reason.empty())
    return RuleError{"reason", next.progress < current.progress
                                   ? "progress going down needs a reason"
                                   : "a " + to_string(next.status) + " commitment needs a reason"};
  // The request would be fine on another commitment: this one's state is what refuses it (409).
  if (next == current)
    return RuleError{change.status ? "status" : "progress",
                     "nothing changes: the commitment is already " + to_string(current.status) +
                         " at " + std::to_string(current.progress) + " %",
                     true};
  return next;
}

bool overdue(const Milestone& m, const std::string& today) {
  const bool done_by_today = !m.done_on.empty() && m.done_on <= today;
  return !done_by_today && m.due_on < today;
}

}  // namespace followup::domain
