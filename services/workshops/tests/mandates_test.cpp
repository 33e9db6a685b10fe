#include "domain/mandates.h"

#include <gtest/gtest.h>

using namespace workshops::domain;

TEST(Mandates, StatesRoundTripByName) {
  for (auto s : {MandateState::proposed, MandateState::adopted, MandateState::rejected})
    EXPECT_EQ(parse_mandate_state(to_string(s)), s);
  EXPECT_FALSE(parse_mandate_state("voted").has_value());
}

TEST(Mandates, AdoptedWithMoreForThanAgainstUnanimousWithoutAgainstNorAbstention) {
  EXPECT_EQ(vote_outcome(3, 2), MandateState::adopted);
  EXPECT_EQ(vote_outcome(2, 2), MandateState::rejected) << "a tie rejects";
  EXPECT_TRUE(unanimous(MandateState::adopted, 0, 0));
  EXPECT_FALSE(unanimous(MandateState::adopted, 0, 1));
  EXPECT_FALSE(unanimous(MandateState::rejected, 0, 0));
}
