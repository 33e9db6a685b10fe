#pragma once
// Ballots: who may vote (the electorate, fixed when the ballot opens), the voting window, and the
// result under each rule. Pure domain: no HTTP, SQL or Kafka here.
//
// Rules (the votes cast are for + against; an abstention is a vote recorded but not cast):
//   simple-majority            adopted when for > against (a tie is rejected);
//   two-thirds                 adopted when for >= 2/3 of the votes cast (and for > 0);
//   unanimity-of-votes-cast    adopted when nobody voted against and someone voted for
//                              (abstentions do not break it) — what the Paris assembly's
//                              "voted unanimously" means: no vote against among those present;
//   unanimity-of-electorate    adopted only when every member of the electorate voted for
//                              (an empty electorate never adopts).
// No rule adopts when nobody voted for (all abstained, or nobody took part).
// Quorum: the share of the electorate that took part (for, against or abstain) must reach
// `quorum` (0 to 1); below it the outcome is "no-quorum", whatever the counts. Reaching it exactly
// counts as met. An empty electorate meets only a zero quorum (and is then rejected).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recommendations::domain {

enum class Rule { simple_majority, two_thirds, unanimity_of_votes_cast, unanimity_of_electorate };
std::optional<Rule> parse_rule(std::string_view s);  // "simple-majority", "two-thirds", ...
std::string_view to_string(Rule r);

struct Tally {
  int for_votes = 0, against = 0, abstain = 0;
  int participants() const { return for_votes + against + abstain; }
  int cast() const { return for_votes + against; }
};

struct Result {
  int electorate = 0;
  Tally tally;
  double turnout = 0;  // participants / electorate (0 when the electorate is empty)
  bool quorum_met = false;
  std::string outcome;  // "adopted" | "rejected" | "no-quorum"
};

// A ballot is open (votes taken inside its window) until the secretariat closes it.
enum class BallotState { open, closed };
std::string_view to_string(BallotState s);  // "open", "closed"
std::optional<BallotState> parse_ballot_state(std::string_view s);

// A voter's choice: for and against are cast; an abstention takes part without being cast.
enum class Choice { for_, against, abstain };
std::string_view to_string(Choice c);  // "for", "against", "abstain"
std::optional<Choice> parse_choice(std::string_view s);
// The counts of a list of choices.
Tally count(const std::vector<Choice>& choices);

// A show-of-hands tally entered by the secretariat: each count from 0 to the electorate, and no
// more people than the electorate in all. Every fault, as (JSON pointer, what is wrong); none when
// the tally may be kept.
struct TallyFault {
  std::string pointer, detail;
};
std::vector<TallyFault> tally_faults(const Tally& tally, int electorate);

// Throws std::invalid_argument when counts are negative, quorum is outside [0, 1], or more
// people took part than the electorate holds.
Result decide(Rule rule, int electorate, double quorum, const Tally& tally);

// A member as the projection of membership's events knows them when a ballot opens.
struct Member {
  std::string member_id;
  std::string status;    // "active", "withdrawn", "completed", ...
  std::string workshop;  // the workshop theme ("" when none)
};
// The electorate of a ballot opened now: the active members of the workshop (`workshop` given) or
// of the whole assembly (`workshop` empty), sorted by member id. A member who withdrew before the
// opening is not in it; a replacement active by then is.
std::vector<std::string> electorate(const std::vector<Member>& members,
                                    const std::string& workshop);

// Whether a vote at `now` falls in the window [opens_at, closes_at) (RFC 3339 UTC strings).
bool in_window(std::string_view opens_at, std::string_view closes_at, std::string_view now);

}  // namespace recommendations::domain
