#pragma once
// The members' choice of their workshop's priority axes: proposals (by a member or the
// secretariat), a choice opened with a number of seats, approval ballots (each member approves any
// number of proposals, one ballot per member, changed at will until the close) and the count.
// Pure domain: no HTTP, SQL or Kafka here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace workshops::domain {

enum class ProposerKind { member, secretariat };
std::string_view to_string(ProposerKind k);  // "member", "secretariat"
std::optional<ProposerKind> parse_proposer_kind(std::string_view s);

enum class AxesChoiceState { open, closed };
std::string_view to_string(AxesChoiceState s);  // "open", "closed"
std::optional<AxesChoiceState> parse_axes_choice_state(std::string_view s);

inline constexpr std::size_t kAxisTitleMax = 120, kAxisTextMax = 1000;
inline constexpr int kSeatsMin = 1, kSeatsMax = 10;

// One member's ballot: the proposals they approve.
struct AxisBallot {
  std::string member_id;
  std::vector<std::string> approved;
};

struct AxisTally {
  std::string proposal_id;
  int approvals = 0;
  int rank = 0;  // 1, 2, ... for the chosen proposals; 0 otherwise
};

struct AxesCount {
  std::string method;
  int seats = 0, voters = 0;
  std::vector<AxisTally> tallies;   // in the proposals' order
  std::vector<std::string> chosen;  // the chosen proposals' ids, by rank
};

// The rule the count follows, written in every result.
std::string approval_method(int seats);

// Approval voting: each proposal counts the ballots approving it (a member's ballot once, its last
// one when `ballots` holds several of the same member; an approval repeated in a ballot once; an
// approval of an unknown proposal not at all). The `seats` proposals with most approvals are
// chosen, at least one approval each; a tie at the last seat goes to the proposal made first
// (`proposals` is in the order they were made). Fewer proposals with an approval than seats: all
// of them.
AxesCount count_approvals(const std::vector<std::string>& proposals,
                          const std::vector<AxisBallot>& ballots, int seats);

}  // namespace workshops::domain
