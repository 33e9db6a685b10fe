#include "domain/ballot.h"

#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <stdexcept>

using namespace recommendations::domain;

namespace {

constexpr Rule kAllRules[] = {Rule::simple_majority, Rule::two_thirds,
                              Rule::unanimity_of_votes_cast, Rule::unanimity_of_electorate};

std::string outcome(Rule rule, int electorate, double quorum, int f, int a, int abs) {
  return decide(rule, electorate, quorum, Tally{f, a, abs}).outcome;
}

}  // namespace

TEST(BallotRule, NamesRoundTripAndUnknownIsNullopt) {
  for (auto r : kAllRules) EXPECT_EQ(parse_rule(to_string(r)), r);
  EXPECT_EQ(to_string(Rule::simple_majority), "simple-majority");
  EXPECT_EQ(to_string(Rule::two_thirds), "two-thirds");
  EXPECT_EQ(to_string(Rule::unanimity_of_votes_cast), "unanimity-of-votes-cast");
  EXPECT_EQ(to_string(Rule::unanimity_of_electorate), "unanimity-of-electorate");
  EXPECT_EQ(parse_rule("majority"), std::nullopt);
  EXPECT_EQ(parse_rule("Simple-Majority"), std::nullopt);  // names are case-sensitive
  EXPECT_EQ(parse_rule(""), std::nullopt);
}

TEST(BallotDecide, ResultCarriesTallyElectorateAndTurnout) {
  auto r = decide(Rule::simple_majority, 8, 0.5, Tally{3, 1, 2});
  EXPECT_EQ(r.electorate, 8);
  EXPECT_EQ(r.tally.for_votes, 3);
  EXPECT_EQ(r.tally.against, 1);
  EXPECT_EQ(r.tally.abstain, 2);
  EXPECT_DOUBLE_EQ(r.turnout, 6.0 / 8.0);  // abstentions take part
  EXPECT_TRUE(r.quorum_met);
  EXPECT_EQ(r.outcome, "adopted");

  EXPECT_DOUBLE_EQ(decide(Rule::two_thirds, 3, 0, Tally{1, 0, 0}).turnout, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(decide(Rule::two_thirds, 4, 0, Tally{2, 1, 1}).turnout, 1.0);
  EXPECT_DOUBLE_EQ(decide(Rule::two_thirds, 4, 0, Tally{}).turnout, 0.0);
}

TEST(BallotQuorum, BelowQuorumIsNoQuorumWhateverTheCounts) {
  for (auto rule : kAllRules) {
    SCOPED_TRACE(to_string(rule));
    // 4 of 10 took part, all for: would be adopted under every rule but unanimity-of-electorate.
    auto r = decide(rule, 10, 0.5, Tally{4, 0, 0});
    EXPECT_FALSE(r.quorum_met);
    EXPECT_EQ(r.outcome, "no-quorum");
    EXPECT_DOUBLE_EQ(r.turnout, 0.4);
    EXPECT_EQ(outcome(rule, 10, 0.5, 0, 4, 0), "no-quorum");
    EXPECT_EQ(outcome(rule, 10, 0.5, 0, 0, 4), "no-quorum");
    EXPECT_EQ(outcome(rule, 10, 1.0, 9, 0, 0), "no-quorum");  // full quorum, one missing
  }
}

TEST(BallotQuorum, ExactlyReachedCountsAsMet) {
  auto r = decide(Rule::simple_majority, 10, 0.5, Tally{3, 1, 1});
  EXPECT_TRUE(r.quorum_met);
  EXPECT_EQ(r.outcome, "adopted");
  // 0.55 * 100 is 55.00000000000001 in doubles: 55 of 100 must still reach a 0.55 quorum.
  EXPECT_TRUE(decide(Rule::simple_majority, 100, 0.55, Tally{50, 3, 2}).quorum_met);
  EXPECT_TRUE(decide(Rule::simple_majority, 50, 0.14, Tally{7, 0, 0}).quorum_met);
  EXPECT_FALSE(decide(Rule::simple_majority, 50, 0.14, Tally{6, 0, 0}).quorum_met);
  EXPECT_TRUE(decide(Rule::simple_majority, 10, 0.3, Tally{2, 1, 0}).quorum_met);
  EXPECT_TRUE(decide(Rule::simple_majority, 100, 0.7, Tally{70, 0, 0}).quorum_met);
  EXPECT_FALSE(decide(Rule::simple_majority, 100, 0.7, Tally{69, 0, 0}).quorum_met);
  // A third of the assembly, with the quorum given as 1/3 or as a decimal rounding up.
  EXPECT_TRUE(decide(Rule::simple_majority, 30, 1.0 / 3.0, Tally{10, 0, 0}).quorum_met);
  EXPECT_FALSE(decide(Rule::simple_majority, 30, 0.334, Tally{10, 0, 0}).quorum_met);
  // Everybody took part under a full quorum; nobody needed under a zero quorum.
  EXPECT_TRUE(decide(Rule::simple_majority, 7, 1.0, Tally{4, 2, 1}).quorum_met);
  EXPECT_TRUE(decide(Rule::simple_majority, 7, 0.0, Tally{}).quorum_met);
}

TEST(BallotSimpleMajority, MoreForThanAgainAdoptsATieRejects) {
  EXPECT_EQ(outcome(Rule::simple_majority, 10, 0, 5, 4, 0), "adopted");
  EXPECT_EQ(outcome(Rule::simple_majority, 10, 0, 4, 4, 0), "rejected");
  EXPECT_EQ(outcome(Rule::simple_majority, 10, 0, 4, 5, 0), "rejected");
  // Abstentions are not cast: 2 for, 1 against, 7 abstain is still a majority of votes cast.
  EXPECT_EQ(outcome(Rule::simple_majority, 10, 0, 2, 1, 7), "adopted");
  EXPECT_EQ(outcome(Rule::simple_majority, 10, 0, 0, 0, 10), "rejected");
}

TEST(BallotTwoThirds, ExactlyTwoThirdsAdoptsJustBelowRejects) {
  EXPECT_EQ(outcome(Rule::two_thirds, 10, 0, 2, 1, 0), "adopted");  // 2/3 exactly
  EXPECT_EQ(outcome(Rule::two_thirds, 10, 0, 6, 3, 1), "adopted");  // 2/3, with an abstention
  EXPECT_EQ(outcome(Rule::two_thirds, 300, 0, 200, 100, 0), "adopted");
  EXPECT_EQ(outcome(Rule::two_thirds, 300, 0, 199, 100, 0), "rejected");  // just below
  EXPECT_EQ(outcome(Rule::two_thirds, 10, 0, 3, 2, 0), "rejected");       // 60%
  EXPECT_EQ(outcome(Rule::two_thirds, 10, 0, 1, 0, 0), "adopted");
  EXPECT_EQ(outcome(Rule::two_thirds, 10, 0, 0, 1, 0), "rejected");
}

TEST(BallotTwoThirds, AllAbstainIsRejectedBecauseNothingWasCast) {
  EXPECT_EQ(outcome(Rule::two_thirds, 5, 0.5, 0, 0, 5), "rejected");
  EXPECT_EQ(outcome(Rule::two_thirds, 5, 0, 0, 0, 0), "rejected");
}

TEST(BallotUnanimityOfVotesCast, AbstentionsDoNotBreakItOneAgainstDoes) {
  EXPECT_EQ(outcome(Rule::unanimity_of_votes_cast, 10, 0.5, 4, 0, 3), "adopted");
  EXPECT_EQ(outcome(Rule::unanimity_of_votes_cast, 10, 0.5, 1, 0, 9), "adopted");
  EXPECT_EQ(outcome(Rule::unanimity_of_votes_cast, 10, 0.5, 10, 0, 0), "adopted");
  EXPECT_EQ(outcome(Rule::unanimity_of_votes_cast, 10, 0.5, 9, 1, 0), "rejected");
  EXPECT_EQ(outcome(Rule::unanimity_of_votes_cast, 10, 0.5, 6, 1, 3), "rejected");
  EXPECT_EQ(outcome(Rule::unanimity_of_votes_cast, 10, 0.5, 0, 0, 10), "rejected");  // all abstain
}

TEST(BallotUnanimityOfElectorate, OnlyEveryMemberForAdopts) {
  EXPECT_EQ(outcome(Rule::unanimity_of_electorate, 10, 0.5, 10, 0, 0), "adopted");
  EXPECT_EQ(outcome(Rule::unanimity_of_electorate, 10, 0.5, 9, 0, 1), "rejected");  // abstention
  EXPECT_EQ(outcome(Rule::unanimity_of_electorate, 10, 0.5, 9, 0, 0), "rejected");  // non-voter
  EXPECT_EQ(outcome(Rule::unanimity_of_electorate, 10, 0.5, 9, 1, 0), "rejected");
  EXPECT_EQ(outcome(Rule::unanimity_of_electorate, 1, 1.0, 1, 0, 0), "adopted");
}

TEST(BallotEmptyElectorate, NoQuorumUnlessQuorumIsZeroThenRejected) {
  for (auto rule : kAllRules) {
    SCOPED_TRACE(to_string(rule));
    auto r = decide(rule, 0, 0.1, Tally{});
    EXPECT_FALSE(r.quorum_met);
    EXPECT_EQ(r.outcome, "no-quorum");
    EXPECT_EQ(r.turnout, 0.0);
    EXPECT_FALSE(std::isnan(r.turnout));
    // Quorum 0 is met by nobody; the rules then see nothing cast. unanimity-of-electorate holds
    // vacuously (0 for == 0 members) and must still reject.
    r = decide(rule, 0, 0.0, Tally{});
    EXPECT_TRUE(r.quorum_met);
    EXPECT_EQ(r.outcome, "rejected");
    EXPECT_EQ(r.turnout, 0.0);
  }
}

TEST(BallotDecide, InvalidInputThrows) {
  const auto bad = [](int electorate, double quorum, Tally t) {
    EXPECT_THROW(decide(Rule::simple_majority, electorate, quorum, t), std::invalid_argument);
  };
  bad(10, 0.5, Tally{-1, 0, 0});
  bad(10, 0.5, Tally{0, -1, 0});
  bad(10, 0.5, Tally{0, 0, -1});
  bad(10, 0.5, Tally{3, -1, 0});  // sums to a valid count but is not one
  bad(-1, 0.5, Tally{});
  bad(10, -0.01, Tally{});
  bad(10, 1.01, Tally{});
  bad(10, std::nan(""), Tally{});
  bad(10, 0.5, Tally{5, 5, 1});  // 11 participants out of 10
  bad(0, 0.0, Tally{0, 0, 1});
  // INT_MAX + INT_MAX + 2 wraps to 0 in int: the sum must not overflow into an accepted count.
  bad(10, 0.5, Tally{INT_MAX, INT_MAX, 2});
  // The boundaries themselves are valid.
  EXPECT_NO_THROW(decide(Rule::simple_majority, 10, 0.0, Tally{}));
  EXPECT_NO_THROW(decide(Rule::simple_majority, 10, 1.0, Tally{5, 4, 1}));
}

TEST(BallotElectorate, ActiveMembersOfTheWorkshopSortedById) {
  const std::vector<Member> members{
      {"m-05", "active", "transport"},
      {"m-02", "active", "housing"},
      {"m-03", "withdrawn", "transport"},  // withdrew before the opening
      {"m-09", "active", "transport"},     // m-03's replacement
      {"m-01", "active", "transport"},
      {"m-04", "completed", "transport"},
      {"m-07", "active", ""},
  };
  EXPECT_EQ(electorate(members, "transport"), (std::vector<std::string>{"m-01", "m-05", "m-09"}));
  EXPECT_EQ(electorate(members, "housing"), (std::vector<std::string>{"m-02"}));
  EXPECT_TRUE(electorate(members, "energy").empty());
  // No workshop: the whole assembly, including members in no workshop.
  EXPECT_EQ(electorate(members, ""),
            (std::vector<std::string>{"m-01", "m-02", "m-05", "m-07", "m-09"}));
  EXPECT_TRUE(electorate({}, "").empty());
}

TEST(BallotElectorate, StatusMustBeExactlyActive) {
  const std::vector<Member> members{
      {"a", "Active", "w"}, {"b", "inactive", "w"}, {"c", "", "w"}, {"d", "active", "w"}};
  EXPECT_EQ(electorate(members, "w"), (std::vector<std::string>{"d"}));
}

TEST(BallotElectorate, DuplicateMemberCountsOnce) {
  const std::vector<Member> members{{"m-2", "active", "w"},
                                    {"m-1", "active", "w"},
                                    {"m-2", "active", "w"},
                                    {"m-1", "active", ""}};
  EXPECT_EQ(electorate(members, "w"), (std::vector<std::string>{"m-1", "m-2"}));
  EXPECT_EQ(electorate(members, ""), (std::vector<std::string>{"m-1", "m-2"}));
}

TEST(BallotWindow, OpensInclusiveClosesExclusive) {
  const std::string_view opens = "2024-03-09T09:00:00Z", closes = "2024-03-09T18:00:00Z";
  EXPECT_TRUE(in_window(opens, closes, "2024-03-09T09:00:00Z"));  // at opening: accepted
  EXPECT_TRUE(in_window(opens, closes, "2024-03-09T12:30:00Z"));
  EXPECT_TRUE(in_window(opens, closes, "2024-03-09T17:59:59Z"));
  EXPECT_FALSE(in_window(opens, closes, "2024-03-09T18:00:00Z"));  // at closing: too late
  EXPECT_FALSE(in_window(opens, closes, "2024-03-09T08:59:59Z"));
  EXPECT_FALSE(in_window(opens, closes, "2024-03-10T10:00:00Z"));  // next day, inside the hours
  EXPECT_FALSE(in_window(opens, closes, "2023-12-31T23:59:59Z"));
  // A window over midnight and a new year compares by date first.
  EXPECT_TRUE(in_window("2024-12-31T22:00:00Z", "2025-01-01T02:00:00Z", "2025-01-01T01:00:00Z"));
  // An empty window accepts nothing.
  EXPECT_FALSE(in_window(opens, opens, opens));
}

TEST(BallotState, StatesAndChoicesRoundTripByName) {
  for (auto s : {BallotState::open, BallotState::closed})
    EXPECT_EQ(parse_ballot_state(to_string(s)), s);
  EXPECT_EQ(parse_ballot_state("voting"), std::nullopt);
  for (auto c : {Choice::for_, Choice::against, Choice::abstain})
    EXPECT_EQ(parse_choice(to_string(c)), c);
  EXPECT_EQ(to_string(Choice::for_), "for");
  EXPECT_EQ(parse_choice("yes"), std::nullopt);
}

TEST(BallotState, CountAddsEachChoice) {
  auto t = count({Choice::for_, Choice::against, Choice::for_, Choice::abstain});
  EXPECT_EQ(t.for_votes, 2);
  EXPECT_EQ(t.against, 1);
  EXPECT_EQ(t.abstain, 1);
  EXPECT_EQ(count({}).participants(), 0);
}

TEST(BallotShowOfHands, ATallyWithinTheElectorateHasNoFault) {
  EXPECT_TRUE(tally_faults({20, 3, 2}, 25).empty());
  EXPECT_TRUE(tally_faults({0, 0, 0}, 25).empty());
}

TEST(BallotShowOfHands, EveryCountOutOfRangeIsNamed) {
  auto faults = tally_faults({-1, 30, 26}, 25);
  ASSERT_EQ(faults.size(), 3u);
  EXPECT_EQ(faults[0].pointer, "/for");
  EXPECT_EQ(faults[1].pointer, "/against");
  EXPECT_EQ(faults[2].pointer, "/abstain");
  EXPECT_NE(faults[1].detail.find("25"), std::string::npos);
}

TEST(BallotShowOfHands, MoreHandsThanElectorsNamesEachCount) {
  auto faults = tally_faults({10, 10, 6}, 25);
  ASSERT_EQ(faults.size(), 3u);
  EXPECT_NE(faults[0].detail.find("26"), std::string::npos);
}
