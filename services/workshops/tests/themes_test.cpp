#include "domain/themes.h"

#include <gtest/gtest.h>

using namespace workshops::domain;

TEST(Themes, ParisThemesHaveTitlesAndSlugsAreChecked) {
  EXPECT_EQ(title_of("environment").value(), "Environment");
  EXPECT_FALSE(title_of("unknown").has_value());
  EXPECT_TRUE(is_valid_theme("public-space"));
  EXPECT_FALSE(is_valid_theme(""));
  EXPECT_FALSE(is_valid_theme("Public Space"));
  EXPECT_FALSE(is_valid_theme(std::string(65, 'a')));
}
