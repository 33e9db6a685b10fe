#include "domain/recommendation.h"

#include <gtest/gtest.h>

#include <map>

using namespace recommendations::domain;

TEST(Recommendation, EveryLegalAndIllegalStep) {
  const std::vector<std::string> statuses = {
      "draft", "adopted", "handed-over", "in-co-construction", "carried", "withdrawn"};
  const std::vector<std::string> actions = {"adopt", "hand-over", "co-construct", "carry",
                                            "withdraw"};
  const std::map<std::pair<std::string, std::string>, std::string> legal = {
      {{"draft", "adopt"}, "adopted"},
      {{"adopted", "hand-over"}, "handed-over"},
      {{"handed-over", "co-construct"}, "in-co-construction"},
      {{"in-co-construction", "carry"}, "carried"},
      {{"draft", "withdraw"}, "withdrawn"},
      {{"adopted", "withdraw"}, "withdrawn"},
      {{"handed-over", "withdraw"}, "withdrawn"},
      {{"in-co-construction", "withdraw"}, "withdrawn"}};
  int allowed = 0;
  for (const auto& s : statuses)
    for (const auto& a : actions) {
      auto it = legal.find({s, a});
      auto got = next_status(s, a);
      if (it == legal.end()) {
        EXPECT_FALSE(got.has_value()) << a << " from " << s;
      } else {
        ASSERT_TRUE(got.has_value()) << a << " from " << s;
        EXPECT_EQ(*got, it->second);
        ++allowed;
      }
    }
  EXPECT_EQ(allowed, 8);
  EXPECT_EQ(refusal("adopted", "co-construct"),
            "the recommendation is adopted; co-construct needs it handed-over");
  EXPECT_EQ(refusal("carried", "withdraw"),
            "the recommendation is carried; withdraw needs it draft or adopted or handed-over or "
            "in-co-construction");
  EXPECT_EQ(refusal("draft", "publish"), "no action \"publish\"");
  EXPECT_TRUE(amendable("draft"));
  EXPECT_FALSE(amendable("adopted"));
}

TEST(RecommendationStatus, NamesRoundTripAndTypedStepsFollowTheNamedOnes) {
  using S = RecommendationStatus;
  for (auto s :
       {S::draft, S::adopted, S::handed_over, S::in_co_construction, S::carried, S::withdrawn})
    EXPECT_EQ(parse_recommendation_status(to_string(s)), s);
  EXPECT_EQ(to_string(S::handed_over), "handed-over");
  EXPECT_EQ(parse_recommendation_status("voted"), std::nullopt);
  EXPECT_EQ(next_status(S::draft, "adopt"), S::adopted);
  EXPECT_EQ(next_status(S::carried, "withdraw"), std::nullopt);
  EXPECT_TRUE(amendable(S::draft));
  EXPECT_FALSE(amendable(S::adopted));
}

TEST(Recommendation, OnlyTheHandOverNamesAPlenary) {
  EXPECT_TRUE(step_needs_plenary("hand-over"));
  for (const char* action : {"adopt", "co-construct", "carry", "withdraw"})
    EXPECT_FALSE(step_needs_plenary(action)) << action;
}
