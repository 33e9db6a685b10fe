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
