#include "domain/commitment.h"

#include "assembly/core/names.h"

namespace followup::domain {

namespace {
constexpr std::pair<CommitmentStatus, std::string_view> kCommitmentStatusNames[] = {
    {CommitmentStatus::planned, "planned"},
    {CommitmentStatus::in_progress, "in-progress"},
    {CommitmentStatus::done, "done"},
    {CommitmentStatus::delayed, "delayed"},
    {CommitmentStatus::abandoned, "abandoned"}};
}  // namespace

std::string to_string(CommitmentStatus s) {
  return std::string(assembly::core::name_of(kCommitmentStatusNames, s, "planned"));
}

std::optional<CommitmentStatus> parse_status(const std::string& s) {
  return assembly::core::value_of(kCommitmentStatusNames, s);
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
