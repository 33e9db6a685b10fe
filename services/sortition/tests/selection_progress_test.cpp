// The progress fraction a running selection reports (domain/selection_progress.h).
#include "domain/selection_progress.h"

#include <gtest/gtest.h>

namespace sortition::domain {
namespace {

fair::Progress settled(int fixed, int types) {
  fair::Progress p;
  p.algorithm = "leximin";
  p.fixed_types = fixed;
  p.types = types;
  return p;
}

TEST(SelectionProgress, SettledTypesOfTheCurrentPoolAfterThePoolsFinished) {
  // The second of three pools, half of its types settled, little time used.
  EXPECT_DOUBLE_EQ(progress_fraction({1, 3, 1.0, 300.0}, settled(50, 100)), 0.5);
  EXPECT_DOUBLE_EQ(progress_fraction({0, 1, 1.0, 300.0}, settled(25, 100)), 0.25);
  // MAXIMIN's stage settles nothing: the pools before it only.
  EXPECT_DOUBLE_EQ(progress_fraction({2, 4, 0.0, 0.0}, settled(0, 100)), 0.5);
}

TEST(SelectionProgress, TheTimeLimitBoundsItFromBelow) {
  // Nothing settled, but 120 s of a 300-s limit used: the selection ends by then at the latest.
  EXPECT_DOUBLE_EQ(progress_fraction({0, 1, 120.0, 300.0}, settled(0, 100)), 0.4);
  // No time limit: the work alone.
  EXPECT_DOUBLE_EQ(progress_fraction({0, 1, 120.0, 0.0}, settled(10, 100)), 0.1);
}

TEST(SelectionProgress, NeverOneWhileRunningAndAlwaysWithinRange) {
  EXPECT_DOUBLE_EQ(progress_fraction({0, 1, 0.0, 0.0}, settled(100, 100)), 0.99);
  EXPECT_DOUBLE_EQ(progress_fraction({0, 1, 900.0, 300.0}, settled(0, 100)), 0.99);
  // Out-of-range inputs are clamped, not trusted.
  EXPECT_DOUBLE_EQ(progress_fraction({7, 2, -5.0, 300.0}, settled(-3, 0)), 0.5);
  EXPECT_DOUBLE_EQ(progress_fraction({0, 0, 0.0, 0.0}, settled(0, 10)), 0.0);
}

}  // namespace
}  // namespace sortition::domain
