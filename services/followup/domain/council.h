#pragma once
// The Council's decision on a motion and the political groups' positions in its debate. Pure
// domain.
#include <optional>
#include <string>

namespace followup::domain {

enum class CouncilDecision { adopted, adopted_with_amendments, rejected };
std::string to_string(CouncilDecision d);
std::optional<CouncilDecision> parse_decision(const std::string& s);
// Adopted, with or without amendments: commitments can be made.
bool adopts(CouncilDecision d);

enum class GroupPosition { for_, against, abstention, divided };
std::string to_string(GroupPosition p);
std::optional<GroupPosition> parse_group_position(const std::string& s);

struct Decision {
  CouncilDecision decision = CouncilDecision::adopted;
  int votes_for = 0, votes_against = 0, abstentions = 0;
  std::string amendments{};
};
// An adoption with amendments says which; an adopted motion has more votes for than against, a
// rejected one does not. Throws core::Refused (invalid, with the field at fault).
void check(const Decision& d);

}  // namespace followup::domain
