#include "assembly/http/rate_limit.h"

#include <gtest/gtest.h>

#include "assembly/http/http.h"

using assembly::http::ConcurrencyLimit;
using assembly::http::Problem;
using assembly::http::RateLimiter;

TEST(RateLimit, ABurstPassesThenTheCallerWaitsAndOthersDoNot) {
  RateLimiter limiter(6, 3);  // one token every 10 s, 3 at once
  for (int i = 0; i < 3; ++i) EXPECT_NO_THROW(limiter.take("10.0.0.1"));
  try {
    limiter.take("10.0.0.1");
    FAIL() << "the fourth attempt in a row passed";
  } catch (const Problem& p) {
    EXPECT_EQ(p.status(), 429);
    ASSERT_EQ(p.headers().size(), 1u);
    EXPECT_EQ(p.headers()[0].first, "Retry-After");
    EXPECT_GE(std::stoi(p.headers()[0].second), 9);
  }
  EXPECT_NO_THROW(limiter.take("10.0.0.2")) << "another caller has its own bucket";
}

TEST(ConcurrencyLimit, SlotsBeyondTheLimitAre503WithRetryAfterUntilOneIsReleased) {
  ConcurrencyLimit limit(2, 7);
  auto a = limit.enter("snapshots");
  auto b = limit.enter("snapshots");
  EXPECT_EQ(limit.in_use(), 2u);
  try {
    limit.enter("snapshots");
    FAIL() << "a third slot was given";
  } catch (const Problem& p) {
    EXPECT_EQ(p.status(), 503);
    ASSERT_EQ(p.headers().size(), 1u);
    EXPECT_EQ(p.headers()[0], (std::pair<std::string, std::string>{"Retry-After", "7"}));
    EXPECT_NE(p.detail().find("2 snapshots"), std::string::npos) << p.detail();
  }
  auto copy = a;
  a.reset();
  EXPECT_THROW(limit.enter("snapshots"), Problem) << "a copy of the slot still holds it";
  copy.reset();
  EXPECT_EQ(limit.in_use(), 1u);
  EXPECT_NO_THROW(limit.enter("snapshots"));
  EXPECT_EQ(limit.in_use(), 1u) << "a slot not kept is released at once";
}
