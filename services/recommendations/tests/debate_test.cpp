#include "domain/debate.h"

#include <gtest/gtest.h>

using namespace recommendations::domain;

TEST(Debate, SpeakerRolesRoundTripAndUnknownIsNullopt) {
  for (auto r : {SpeakerRole::member, SpeakerRole::spokesperson, SpeakerRole::department,
                 SpeakerRole::elected_representative, SpeakerRole::elected_official,
                 SpeakerRole::expert, SpeakerRole::secretariat, SpeakerRole::public_})
    EXPECT_EQ(parse_speaker_role(to_string(r)), r);
  EXPECT_EQ(to_string(SpeakerRole::elected_representative), "elected-representative");
  EXPECT_EQ(to_string(SpeakerRole::public_), "public");
  EXPECT_FALSE(parse_speaker_role("mayor").has_value());
  EXPECT_FALSE(parse_speaker_role("Member").has_value());
  EXPECT_FALSE(parse_speaker_role("").has_value());
  EXPECT_EQ(speaker_role_names(),
            "member, spokesperson, department, elected-representative, elected-official, expert, "
            "secretariat, public");
}

TEST(Debate, ANameIsRecordedOnlyWithTheSpeakersConsent) {
  EXPECT_TRUE(name_recordable("Awa Diallo", true));
  EXPECT_FALSE(name_recordable("Awa Diallo", false));
  EXPECT_TRUE(name_recordable("", false));  // by role only
  EXPECT_TRUE(name_recordable("", true));   // consent, but no name given: none recorded
}

TEST(Debate, RecordedOnceTheTextIsFinalUntilTheMotionGoesToTheCouncil) {
  EXPECT_FALSE(debate_recordable(MotionStatus::drafting));
  EXPECT_TRUE(debate_recordable(MotionStatus::approved_by_workshop));
  EXPECT_TRUE(debate_recordable(MotionStatus::voted));
  EXPECT_FALSE(debate_recordable(MotionStatus::sent_to_council));
}
