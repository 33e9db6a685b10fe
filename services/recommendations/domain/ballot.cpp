#include "domain/ballot.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "assembly/core/names.h"

namespace recommendations::domain {

namespace {

constexpr std::pair<Rule, std::string_view> kRules[] = {
    {Rule::simple_majority, "simple-majority"},
    {Rule::two_thirds, "two-thirds"},
    {Rule::unanimity_of_votes_cast, "unanimity-of-votes-cast"},
    {Rule::unanimity_of_electorate, "unanimity-of-electorate"}};
constexpr std::pair<Choice, std::string_view> kChoices[] = {
    {Choice::for_, "for"}, {Choice::against, "against"}, {Choice::abstain, "abstain"}};

// The quorum is a decimal share (0.3, 0.5, 2/3...) that a double cannot always hold exactly:
// 0.55 * 100 is 55.00000000000001, which would refuse 55 participants out of 100. Participants are
// whole people, so a tolerance far below one person (yet far above the rounding error of
// quorum * electorate for any realistic electorate) makes "exactly reached" count as reached.
constexpr double kQuorumTolerance = 1e-9;

bool adopted(Rule rule, int electorate, const Tally& t) {
  // Every rule needs at least one vote for: nothing cast (all abstain, or an empty electorate
  // under a zero quorum) can never adopt a motion, even where a rule would hold vacuously.
  if (t.for_votes == 0) return false;
  switch (rule) {
    case Rule::simple_majority:
      return t.for_votes > t.against;
    // for / cast >= 2/3, in integers so that exactly two thirds is not lost to rounding.
    case Rule::two_thirds:
      return 3 * static_cast<long long>(t.for_votes) >= 2LL * t.cast();
    case Rule::unanimity_of_votes_cast:
      return t.against == 0;
    case Rule::unanimity_of_electorate:
      return t.for_votes == electorate;
  }
  return false;
}

}  // namespace

std::optional<Rule> parse_rule(std::string_view s) {
  return assembly::core::value_of(kRules, s);
}

std::string_view to_string(Rule r) {
  return assembly::core::name_of(kRules, r, "simple-majority");
}

Result decide(Rule rule, int electorate, double quorum, const Tally& tally) {
  if (electorate < 0 || tally.for_votes < 0 || tally.against < 0 || tally.abstain < 0)
    throw std::invalid_argument("ballot: negative count");
  // Written so that NaN is refused too.
  if (!(quorum >= 0.0 && quorum <= 1.0))
    throw std::invalid_argument("ballot: quorum outside [0, 1]");
  // In 64 bits: three counts near INT_MAX must not overflow into a small, accepted sum.
  const long long participants =
      static_cast<long long>(tally.for_votes) + tally.against + tally.abstain;
  if (participants > electorate)
    throw std::invalid_argument("ballot: more participants than the electorate");

  Result r;
  r.electorate = electorate;
  r.tally = tally;
  r.turnout = electorate == 0 ? 0.0 : static_cast<double>(participants) / electorate;
  // With nobody to vote the share that took part is 0/0: we read it as 0, so an empty electorate
  // meets only a zero quorum (participants >= quorum * electorate alone would say 0 >= 0 for any
  // quorum). The rules then see an empty tally and reject, since nothing was cast.
  r.quorum_met = electorate == 0
                     ? quorum == 0.0
                     : static_cast<double>(participants) + kQuorumTolerance >= quorum * electorate;
  if (!r.quorum_met)
    r.outcome = "no-quorum";
  else
    r.outcome = adopted(rule, electorate, tally) ? "adopted" : "rejected";
  return r;
}

std::vector<std::string> electorate(const std::vector<Member>& members,
                                    const std::string& workshop) {
  std::vector<std::string> ids;
  for (const auto& m : members)
    if (m.status == "active" && (workshop.empty() || m.workshop == workshop))
      ids.push_back(m.member_id);
  // The projection may list a member twice (replayed events); one member is one vote.
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

bool in_window(std::string_view opens_at, std::string_view closes_at, std::string_view now) {
  // All three are "YYYY-MM-DDTHH:MM:SSZ": fixed width, most significant field first, so the
  // byte order is the time order. Closing is exclusive: a vote at closes_at is already late.
  return opens_at <= now && now < closes_at;
}

std::string_view to_string(BallotState s) {
  return s == BallotState::open ? "open" : "closed";
}

std::optional<BallotState> parse_ballot_state(std::string_view s) {
  if (s == "open") return BallotState::open;
  if (s == "closed") return BallotState::closed;
  return std::nullopt;
}

std::string_view to_string(Choice c) {
  return assembly::core::name_of(kChoices, c, "abstain");
}

std::optional<Choice> parse_choice(std::string_view s) {
  return assembly::core::value_of(kChoices, s);
}

Tally count(const std::vector<Choice>& choices) {
  Tally t;
  for (auto c : choices) {
    if (c == Choice::for_)
      ++t.for_votes;
    else if (c == Choice::against)
      ++t.against;
    else
      ++t.abstain;
  }
  return t;
}

std::vector<TallyFault> tally_faults(const Tally& tally, int electorate) {
  std::vector<TallyFault> out;
  const std::string most = "at most the electorate (" + std::to_string(electorate) + ")";
  const std::pair<const char*, int> counts[] = {
      {"/for", tally.for_votes}, {"/against", tally.against}, {"/abstain", tally.abstain}};
  for (const auto& [pointer, n] : counts)
    if (n < 0 || n > electorate) out.push_back({pointer, "a count of hands from 0 to " + most});
  if (out.empty() && tally.participants() > electorate)
    for (const auto& [pointer, n] : counts)
      out.push_back({pointer, "for, against and abstain add up to " +
                                  std::to_string(tally.participants()) + ": " + most});
  return out;
}

}  // namespace recommendations::domain
