#include "domain/cohort.h"

#include <gtest/gtest.h>

using namespace membership::domain;

TEST(Cohort, FormsUntilItsMandateStarts) {
  EXPECT_EQ(cohort_state("", "", "2024-01-01"), CohortState::forming);
  EXPECT_EQ(cohort_state("2024-06-01", "2025-06-30", "2024-05-31"), CohortState::forming);
}

TEST(Cohort, SitsFromItsFirstToItsLastDayInclusive) {
  EXPECT_EQ(cohort_state("2024-06-01", "2025-06-30", "2024-06-01"), CohortState::sitting);
  EXPECT_EQ(cohort_state("2024-06-01", "2025-06-30", "2025-06-30"), CohortState::sitting);
  EXPECT_EQ(cohort_state("2024-06-01", "", "2030-01-01"), CohortState::sitting);
}

TEST(Cohort, EndsTheDayAfterItsMandate) {
  EXPECT_EQ(cohort_state("2022-06-01", "2023-06-30", "2023-07-01"), CohortState::ended);
  EXPECT_EQ(to_string(CohortState::ended), "ended");
  EXPECT_EQ(to_string(CohortState::sitting), "sitting");
}
