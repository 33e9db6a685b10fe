#include "domain/council.h"

#include "assembly/core/refusal.h"

namespace followup::domain {

std::string to_string(CouncilDecision d) {
  switch (d) {
    case CouncilDecision::adopted:
      return "adopted";
    case CouncilDecision::adopted_with_amendments:
      return "adopted-with-amendments";
    case CouncilDecision::rejected:
      return "rejected";
  }
  return "adopted";
}

std::optional<CouncilDecision> parse_decision(const std::string& s) {
  for (auto d : {CouncilDecision::adopted, CouncilDecision::adopted_with_amendments,
                 CouncilDecision::rejected})
    if (to_string(d) == s) return d;
  return std::nullopt;
}

bool adopts(CouncilDecision d) {
  return d != CouncilDecision::rejected;
}

std::string to_string(GroupPosition p) {
  switch (p) {
    case GroupPosition::for_:
      return "for";
    case GroupPosition::against:
      return "against";
    case GroupPosition::abstention:
      return "abstention";
    case GroupPosition::divided:
      return "divided";
  }
  return "for";
}

std::optional<GroupPosition> parse_group_position(const std::string& s) {
  for (auto p : {GroupPosition::for_, GroupPosition::against, GroupPosition::abstention,
                 GroupPosition::divided})
    if (to_string(p) == s) return p;
  return std::nullopt;
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
