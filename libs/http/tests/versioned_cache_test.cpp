// VersionedCache: an answer is served again only at the version it was built at, and never past
// its maximum age.
#include "assembly/http/versioned_cache.h"

#include <gtest/gtest.h>

namespace assembly::http {
namespace {

Response answer(const std::string& body, int status = 200) {
  return Response::text(status, body, "application/json");
}

TEST(VersionedCache, ServesAnAnswerOnlyAtTheVersionItWasBuiltAt) {
  VersionedCache cache;
  EXPECT_FALSE(cache.find("a", 1));
  cache.keep("a", 1, answer("one"));
  ASSERT_TRUE(cache.find("a", 1));
  EXPECT_EQ(cache.find("a", 1)->body, "one");
  EXPECT_FALSE(cache.find("a", 2)) << "the data changed since: built again";
  EXPECT_FALSE(cache.find("b", 1)) << "another key";
  cache.keep("a", 2, answer("two"));
  EXPECT_EQ(cache.find("a", 2)->body, "two");
  EXPECT_FALSE(cache.find("a", 1));
  // A build that read an older version finishes late: it does not replace the newer one.
  cache.keep("a", 1, answer("one again"));
  EXPECT_EQ(cache.find("a", 2)->body, "two");
  EXPECT_FALSE(cache.find("a", 1));
}

TEST(VersionedCache, KeepsOnlySuccessfulAnswers) {
  VersionedCache cache;
  cache.keep("a", 1, answer("{}", 404));
  EXPECT_FALSE(cache.find("a", 1));
  EXPECT_EQ(cache.size(), 0u);
}

TEST(VersionedCache, ForgetsAnAnswerPastItsMaximumAge) {
  VersionedCache cache(8, std::chrono::seconds(60));
  auto t = VersionedCache::Clock::now();
  cache.now = [&] { return t; };
  cache.keep("a", 1, answer("one"));
  t += std::chrono::seconds(59);
  EXPECT_TRUE(cache.find("a", 1));
  t += std::chrono::seconds(1);
  EXPECT_FALSE(cache.find("a", 1)) << "60 s old: built again";
  EXPECT_EQ(cache.size(), 0u) << "and dropped from memory";
}

TEST(VersionedCache, IsBounded) {
  VersionedCache cache(3, std::chrono::seconds(60));
  auto t = VersionedCache::Clock::now();
  cache.now = [&] { return t; };
  cache.keep("old", 1, answer("x"));
  t += std::chrono::seconds(61);
  cache.keep("a", 1, answer("a"));
  cache.keep("b", 1, answer("b"));
  cache.keep("c", 1, answer("c"));  // full: the old one goes first
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_FALSE(cache.find("old", 1));
  EXPECT_TRUE(cache.find("c", 1));
  cache.keep("d", 1, answer("d"));  // full of young ones: emptied, then kept
  EXPECT_LE(cache.size(), 3u);
  EXPECT_TRUE(cache.find("d", 1));
}

}  // namespace
}  // namespace assembly::http
