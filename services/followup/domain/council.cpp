#include "domain/council.h"

#include "assembly/core/names.h"
#include "assembly/core/refusal.h"

namespace followup::domain {

namespace {
constexpr std::pair<CouncilDecision, std::string_view> kCouncilDecisionNames[] = {
    {CouncilDecision::adopted, "adopted"},
    {CouncilDecision::adopted_with_amendments, "adopted-with-amendments"},
    {CouncilDecision::rejected, "rejected"}};
}  // namespace

std::string to_string(CouncilDecision d) {
  return std::string(assembly::core::name_of(kCouncilDecisionNames, d, "adopted"));
}

std::optional<CouncilDecision> parse_decision(const std::string& s) {
  return assembly::core::value_of(kCouncilDecisionNames, s);
}

bool adopts(CouncilDecision d) {
  return d != CouncilDecision::rejected;
}

namespace {
constexpr std::pair<GroupPosition, std::string_view> kGroupPositionNames[] = {
    {GroupPosition::for_, "for"},
    {GroupPosition::against, "against"},
    {GroupPosition::abstention, "abstention"},
    {GroupPosition::divided, "divided"}};
}  // namespace

std::string to_string(GroupPosition p) {
  return std::string(assembly::core::name_of(kGroupPositionNames, p, "for"));
}

std::optional<GroupPosition> parse_group_position(const std::string& s) {
  return assembly::core::value_of(kGroupPositionNames, s);
}

void check(const Decision& d) {
  namespace core = assembly::core;
  if (d.decision == CouncilDecision::adopted_with_amendments && d.amendments.empty())
    throw core::invalid("say which amendments the Council made", "/amendments");
  if (adopts(d.decision) && d.votes_for <= d.votes_against)
    throw core::invalid("an adopted motion has more votes for than against", "/votes_for");
  if (!adopts(d.decision) && d.votes_for > d.votes_against)
    throw core::invalid("a rejected motion has no more votes for than against", "/votes_against");
}

}  // namespace followup::domain
