#include "domain/motion.h"

#include <gtest/gtest.h>

using namespace recommendations::domain;

TEST(Motion, StatusesRoundTripAndOnlyMoveForwardOneStep) {
  for (auto s : {MotionStatus::drafting, MotionStatus::approved_by_workshop, MotionStatus::voted,
                 MotionStatus::sent_to_council})
    EXPECT_EQ(parse_status(to_string(s)), s);
  EXPECT_EQ(to_string(MotionStatus::approved_by_workshop), "approved-by-workshop");
  EXPECT_FALSE(parse_status("adopted").has_value());
  EXPECT_TRUE(can_move(MotionStatus::drafting, MotionStatus::approved_by_workshop));
  EXPECT_TRUE(can_move(MotionStatus::approved_by_workshop, MotionStatus::voted));
  EXPECT_TRUE(can_move(MotionStatus::voted, MotionStatus::sent_to_council));
  EXPECT_FALSE(can_move(MotionStatus::drafting, MotionStatus::voted))
      << "the plenary votes a motion approved by its workshop";
  EXPECT_FALSE(can_move(MotionStatus::drafting, MotionStatus::sent_to_council));
  EXPECT_FALSE(can_move(MotionStatus::voted, MotionStatus::drafting));
  EXPECT_FALSE(can_move(MotionStatus::approved_by_workshop, MotionStatus::drafting));
}

TEST(Motion, OnlyTheAssemblysVoteOnAMotionNamesItsPlenary) {
  EXPECT_TRUE(ballot_needs_plenary("", "motion-1"));          // the whole assembly on the motion
  EXPECT_FALSE(ballot_needs_plenary("culture", "motion-1"));  // the workshop's own vote
  EXPECT_FALSE(ballot_needs_plenary("", ""));                 // an assembly ballot on no motion
}
