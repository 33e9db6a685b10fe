#include <gtest/gtest.h>

#include <map>

#include "domain/assignment.h"

using namespace membership::domain;

TEST(Assignment, SpreadsMembersEvenlyAndDeterministically) {
  std::vector<std::string> ids;
  for (int i = 0; i < 100; ++i) ids.push_back("p" + std::to_string(i));
  auto a = assign_workshops(ids);
  std::reverse(ids.begin(), ids.end());
  auto b = assign_workshops(ids);
  ASSERT_EQ(a.size(), 100u);
  std::map<std::string, int> sizes;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].person_id, b[i].person_id);
    EXPECT_EQ(a[i].workshop_theme, b[i].workshop_theme);
    sizes[a[i].workshop_theme]++;
  }
  ASSERT_EQ(sizes.size(), 3u);
  EXPECT_EQ(sizes["social-education"], 34);
  EXPECT_EQ(sizes["environment"], 33);
  EXPECT_EQ(sizes["public-space"], 33);
}

TEST(Assignment, DuplicatesCountOnceAndNoThemesIsAnError) {
  EXPECT_EQ(assign_workshops({"a", "a", "b"}).size(), 2u);
  EXPECT_THROW(assign_workshops({"a"}, {}), std::invalid_argument);
}
