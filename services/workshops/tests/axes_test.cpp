#include "domain/axes.h"

#include <gtest/gtest.h>

using namespace workshops::domain;

namespace {
const std::vector<std::string> kFour = {"p1", "p2", "p3", "p4"};

int approvals_of(const AxesCount& c, const std::string& id) {
  for (const auto& t : c.tallies)
    if (t.proposal_id == id) return t.approvals;
  return -1;
}
}  // namespace

TEST(Axes, NamesRoundTrip) {
  for (auto k : {ProposerKind::member, ProposerKind::secretariat})
    EXPECT_EQ(parse_proposer_kind(to_string(k)), k);
  for (auto s : {AxesChoiceState::open, AxesChoiceState::closed})
    EXPECT_EQ(parse_axes_choice_state(to_string(s)), s);
  EXPECT_FALSE(parse_proposer_kind("mayor").has_value());
}

TEST(Axes, TheMostApprovedProposalsAreChosenInOrderOfApprovals) {
  auto c = count_approvals(
      kFour, {{"m1", {"p2", "p3"}}, {"m2", {"p3"}}, {"m3", {"p3", "p4", "p2"}}, {"m4", {"p1"}}}, 2);
  EXPECT_EQ(c.voters, 4);
  EXPECT_EQ(approvals_of(c, "p3"), 3);
  EXPECT_EQ(approvals_of(c, "p2"), 2);
  EXPECT_EQ(c.chosen, (std::vector<std::string>{"p3", "p2"}));
  EXPECT_EQ(c.tallies[2].rank, 1);
  EXPECT_EQ(c.tallies[1].rank, 2);
  EXPECT_EQ(c.tallies[0].rank, 0) << "p1 is not chosen";
  EXPECT_NE(c.method.find("approval"), std::string::npos);
  EXPECT_NE(c.method.find("order of proposal"), std::string::npos) << "the tie rule is written";
}

TEST(Axes, ATieAtTheLastSeatGoesToTheProposalMadeFirst) {
  auto c = count_approvals(kFour, {{"m1", {"p4", "p2"}}, {"m2", {"p4", "p1"}}, {"m3", {"p4"}}}, 2);
  EXPECT_EQ(c.chosen, (std::vector<std::string>{"p4", "p1"})) << "p1 and p2 tie; p1 came first";
  auto tie = count_approvals(kFour, {{"m1", {"p4", "p3"}}, {"m2", {"p3", "p4"}}}, 1);
  EXPECT_EQ(tie.chosen, (std::vector<std::string>{"p3"})) << "p3 was proposed before p4";
}

TEST(Axes, NoVoteChoosesNothing) {
  auto c = count_approvals(kFour, {}, 3);
  EXPECT_EQ(c.voters, 0);
  EXPECT_TRUE(c.chosen.empty());
  for (const auto& t : c.tallies) EXPECT_EQ(t.approvals, 0);
  auto blank = count_approvals(kFour, {{"m1", {}}}, 3);
  EXPECT_EQ(blank.voters, 1) << "a blank ballot is a voter";
  EXPECT_TRUE(blank.chosen.empty());
}

TEST(Axes, FewerApprovedProposalsThanSeatsAreAllChosen) {
  auto c = count_approvals({"p1", "p2"}, {{"m1", {"p1", "p2"}}}, 5);
  EXPECT_EQ(c.chosen, (std::vector<std::string>{"p1", "p2"}));
  auto some = count_approvals(kFour, {{"m1", {"p2"}}}, 3);
  EXPECT_EQ(some.chosen, (std::vector<std::string>{"p2"})) << "never a proposal nobody approved";
}

TEST(Axes, AChangedBallotCountsOnceAsItsLastVersion) {
  auto c = count_approvals(kFour, {{"m1", {"p1"}}, {"m2", {"p2"}}, {"m1", {"p3", "p3"}}}, 4);
  EXPECT_EQ(c.voters, 2);
  EXPECT_EQ(approvals_of(c, "p1"), 0) << "the first ballot of m1 is replaced";
  EXPECT_EQ(approvals_of(c, "p3"), 1) << "an approval repeated counts once";
  auto unknown = count_approvals(kFour, {{"m1", {"p9", "p1"}}}, 1);
  EXPECT_EQ(approvals_of(unknown, "p1"), 1);
  EXPECT_EQ(unknown.chosen, (std::vector<std::string>{"p1"}));
}
