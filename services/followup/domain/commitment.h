#pragma once
// What the city commits to for one recommendation of an adopted motion, and the rules its
// progress follows. Pure domain: no HTTP, SQL or Kafka here.
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace followup::domain {

enum class CommitmentStatus { planned, in_progress, done, delayed, abandoned };

std::string to_string(CommitmentStatus s);
std::optional<CommitmentStatus> parse_status(const std::string& s);
// done and abandoned are final: a closed commitment no longer changes.
bool is_closed(CommitmentStatus s);

struct CommitmentState {
  CommitmentStatus status = CommitmentStatus::planned;
  int progress = 0;  // percent
  bool operator==(const CommitmentState&) const = default;
};

// A change asked by the department: a new status, a new progress, or both, and why.
struct CommitmentChange {
  std::optional<CommitmentStatus> status{};
  std::optional<int> progress{};
  std::string reason{};
};

// Why a change is refused: the field at fault, and whether the commitment's state (not the
// request) is the obstacle (a 409 rather than a 422).
struct RuleError {
  std::string field;
  std::string message;
  bool conflict = false;
};

// The progress rules:
//  - progress is a whole percent from 0 to 100;
//  - done and abandoned are final; nothing returns to planned;
//  - done means 100 % (set when omitted; any other figure is refused);
//  - abandoned and delayed need a reason, and so does progress going down;
//  - progress above 0 on a planned commitment puts it in progress;
//  - a change that changes nothing is refused.
std::variant<CommitmentState, RuleError> apply(const CommitmentState& current,
                                               const CommitmentChange& change);

// A dated step of a commitment. Dates are "YYYY-MM-DD"; done_on is "" until done.
struct Milestone {
  std::string id, title, due_on, done_on{}, created_on{};
};
// Past its due date and not done by `today`.
bool overdue(const Milestone& m, const std::string& today);

}  // namespace followup::domain
