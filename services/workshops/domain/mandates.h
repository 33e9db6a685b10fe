#pragma once
// A workshop's mandate: proposed by the executive, then adopted or rejected by the plenary's vote.
// Pure domain: no HTTP, SQL or Kafka here.
#include <optional>
#include <string_view>

namespace workshops::domain {

enum class MandateState { proposed, adopted, rejected };
std::string_view to_string(MandateState s);  // "proposed", "adopted", "rejected"
std::optional<MandateState> parse_mandate_state(std::string_view s);

// The plenary's vote: adopted when more for than against among the votes cast.
inline MandateState vote_outcome(int votes_for, int votes_against) {
  return votes_for > votes_against ? MandateState::adopted : MandateState::rejected;
}
// Adopted with no vote against and no abstention.
inline bool unanimous(MandateState s, int votes_against, int abstentions) {
  return s == MandateState::adopted && votes_against == 0 && abstentions == 0;
}

}  // namespace workshops::domain
