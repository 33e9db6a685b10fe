#include "domain/motion.h"

#include <gtest/gtest.h>

using namespace recommendations::domain;

TEST(Motion, StatusesRoundTripAndOnlyMoveForwardOneStep) {
  for (auto s : {MotionStatus::drafting, MotionStatus::voted, MotionStatus::sent_to_council})
    EXPECT_EQ(parse_status(to_string(s)), s);
  EXPECT_FALSE(parse_status("adopted").has_value());
  EXPECT_TRUE(can_move(MotionStatus::drafting, MotionStatus::voted));
  EXPECT_TRUE(can_move(MotionStatus::voted, MotionStatus::sent_to_council));
  EXPECT_FALSE(can_move(MotionStatus::drafting, MotionStatus::sent_to_council));
  EXPECT_FALSE(can_move(MotionStatus::voted, MotionStatus::drafting));
}

TEST(Motion, OnlyTheAssemblysVoteOnAMotionNamesItsPlenary) {
  EXPECT_TRUE(ballot_needs_plenary("", "motion-1"));          // the whole assembly on the motion
  EXPECT_FALSE(ballot_needs_plenary("culture", "motion-1"));  // the workshop's own vote
  EXPECT_FALSE(ballot_needs_plenary("", ""));                 // an assembly ballot on no motion
}
