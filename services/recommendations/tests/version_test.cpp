#include "domain/version.h"

#include <gtest/gtest.h>

using namespace recommendations::domain;

namespace {

std::vector<std::string> pointers(const Proposer& p) {
  std::vector<std::string> out;
  for (const auto& problem : proposer_problems(p, "/proposed_by")) out.push_back(problem.pointer);
  return out;
}

using Pointers = std::vector<std::string>;

}  // namespace

TEST(MotionVersion, ProposerKindsRoundTripAndUnknownIsNullopt) {
  for (auto k : {ProposerKind::member, ProposerKind::department,
                 ProposerKind::elected_representative, ProposerKind::secretariat})
    EXPECT_EQ(parse_proposer_kind(to_string(k)), k);
  EXPECT_EQ(to_string(ProposerKind::elected_representative), "elected-representative");
  EXPECT_FALSE(parse_proposer_kind("expert").has_value());
  EXPECT_FALSE(parse_proposer_kind("").has_value());
}

TEST(MotionVersion, AMemberProposesUnderTheirIdAndNoOrganisation) {
  EXPECT_EQ(pointers({ProposerKind::member, "m-1", ""}), Pointers{});
  EXPECT_EQ(pointers({ProposerKind::member, "", ""}), Pointers{"/proposed_by/member_id"});
  EXPECT_EQ(pointers({ProposerKind::member, "m-1", "DAC"}), Pointers{"/proposed_by/organisation"});
}

TEST(MotionVersion, ADepartmentOrARepresentativeProposesUnderItsOrganisation) {
  for (auto k : {ProposerKind::department, ProposerKind::elected_representative}) {
    SCOPED_TRACE(std::string(to_string(k)));
    EXPECT_EQ(pointers({k, "", "Direction des affaires culturelles"}), Pointers{});
    EXPECT_EQ(pointers({k, "", ""}), Pointers{"/proposed_by/organisation"});
    EXPECT_EQ(pointers({k, "m-1", ""}),
              (Pointers{"/proposed_by/member_id", "/proposed_by/organisation"}))
        << "every fault at once";
  }
}

TEST(MotionVersion, TheSecretariatNamesNeitherMemberNorOrganisation) {
  EXPECT_EQ(pointers({ProposerKind::secretariat, "", ""}), Pointers{});
  EXPECT_EQ(pointers({ProposerKind::secretariat, "m-1", "DAC"}),
            (Pointers{"/proposed_by/member_id", "/proposed_by/organisation"}));
}

TEST(MotionVersion, TheTextIsEditableOnlyWhileDrafted) {
  EXPECT_TRUE(text_editable(MotionStatus::drafting));
  EXPECT_FALSE(text_editable(MotionStatus::approved_by_workshop)) << "frozen by the workshop";
  EXPECT_FALSE(text_editable(MotionStatus::voted));
  EXPECT_FALSE(text_editable(MotionStatus::sent_to_council));
}

TEST(MotionVersion, TheWorkshopApprovesUnanimouslyThenTheAssemblyVotes) {
  EXPECT_TRUE(workshop_rule(Rule::unanimity_of_votes_cast));
  for (auto r : {Rule::simple_majority, Rule::two_thirds, Rule::unanimity_of_electorate})
    EXPECT_FALSE(workshop_rule(r)) << to_string(r);
  EXPECT_EQ(status_for_ballot(true), MotionStatus::drafting);
  EXPECT_EQ(status_after_ballot(true), MotionStatus::approved_by_workshop);
  EXPECT_EQ(status_for_ballot(false), MotionStatus::approved_by_workshop)
      << "the plenary votes a motion approved by its workshop";
  EXPECT_EQ(status_after_ballot(false), MotionStatus::voted);
  for (bool workshop : {true, false})
    EXPECT_TRUE(can_move(status_for_ballot(workshop), status_after_ballot(workshop)));
}
