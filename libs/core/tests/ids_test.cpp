#include "assembly/core/ids.h"

#include <gtest/gtest.h>

#include <set>

using namespace assembly::core;

TEST(Ids, UuidsAreCanonicalVersion4AndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto u = new_uuid();
    ASSERT_TRUE(is_uuid(u)) << u;
    EXPECT_EQ(u[14], '4');
    EXPECT_NE(std::string("89ab").find(u[19]), std::string::npos);
    seen.insert(u);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(Ids, IsUuidRejectsOtherShapes) {
  EXPECT_FALSE(is_uuid(""));
  EXPECT_FALSE(is_uuid("not-a-uuid"));
  EXPECT_FALSE(is_uuid("123e4567-e89b-12d3-a456-42661417400g"));
  EXPECT_FALSE(is_uuid("123e4567e89b-12d3-a456-4266141740000"));
  EXPECT_TRUE(is_uuid("123e4567-e89b-12d3-a456-426614174000"));
}

TEST(Ids, SlugsAreShortLowerCaseWordsJoinedByDashes) {
  EXPECT_TRUE(is_slug("paris-2022"));
  EXPECT_TRUE(is_slug("a"));
  EXPECT_TRUE(is_slug(std::string(64, 'x')));
  EXPECT_FALSE(is_slug(std::string(65, 'x')));
  EXPECT_FALSE(is_slug(""));
  EXPECT_FALSE(is_slug("-lead"));
  EXPECT_FALSE(is_slug("Paris"));
  EXPECT_FALSE(is_slug("a b"));
  EXPECT_FALSE(is_slug("%00"));
  EXPECT_FALSE(is_slug(std::string("a\0b", 3)));
  EXPECT_FALSE(is_slug("caf\xc3\xa9"));
}

#include "assembly/core/time.h"

TEST(Time, UtcTimesAndDates) {
  EXPECT_EQ(assembly::core::utc_time(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(assembly::core::utc_time(1641837600), "2022-01-10T18:00:00Z");
  EXPECT_EQ(assembly::core::utc_date(1641837600), "2022-01-10");
  EXPECT_EQ(assembly::core::utc_now().size(), 20u);
  EXPECT_EQ(assembly::core::utc_today(), assembly::core::utc_now().substr(0, 10));
}
