#include "assembly/logging/trace.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "assembly/logging/log.h"

namespace lg = assembly::log;

namespace {
const std::string kTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
const std::string kValid = "00-" + kTrace + "-00f067aa0ba902b7-01";
}  // namespace

TEST(Trace, AValidTraceparentIsParsed) {
  auto c = lg::parse_traceparent(kValid);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->trace_id, kTrace);
  EXPECT_EQ(c->span_id, "00f067aa0ba902b7");
  EXPECT_EQ(c->flags, "01");
  EXPECT_EQ(c->traceparent(), kValid);
}

TEST(Trace, AnythingElseIsRefused) {
  for (const std::string& bad : std::vector<std::string>{
           std::string(),
           "01-" + kTrace + "-00f067aa0ba902b7-01",                    // another version
           "ff-" + kTrace + "-00f067aa0ba902b7-01",                    // the invalid version
           "00-" + std::string(32, '0') + "-00f067aa0ba902b7-01",      // trace id all zero
           "00-" + kTrace + "-0000000000000000-01",                    // parent id all zero
           "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",  // upper case
           "00-" + kTrace + "-00f067aa0ba902b7-1",                     // short flags
           "00-" + kTrace + "-00f067aa0ba902b7-0g",                    // not hex
           kValid + "-extra",                                          // longer
           "00_" + kTrace + "_00f067aa0ba902b7_01",                    // separators
           std::string("\xff\xfe") + kValid.substr(2),                 // not UTF-8
       })
    EXPECT_FALSE(lg::parse_traceparent(bad)) << bad;
}

TEST(Trace, ACallersTraceIsContinuedUnderASpanOfOurOwn) {
  auto c = lg::continue_trace(kValid);
  EXPECT_EQ(c.trace_id, kTrace);
  EXPECT_EQ(c.flags, "01");
  EXPECT_EQ(c.span_id.size(), 16u);
  EXPECT_NE(c.span_id, "00f067aa0ba902b7");
  EXPECT_TRUE(lg::parse_traceparent(c.traceparent()));
}

TEST(Trace, AnInvalidValueStartsANewTraceOrUsesAValidFallback) {
  auto fresh = lg::continue_trace(std::string(5000, '\xff'));
  EXPECT_TRUE(lg::valid_trace_id(fresh.trace_id));
  EXPECT_TRUE(lg::parse_traceparent(fresh.traceparent()));
  EXPECT_NE(lg::new_trace().trace_id, lg::new_trace().trace_id);
  EXPECT_EQ(lg::continue_trace("garbage", kTrace).trace_id, kTrace);
  EXPECT_NE(lg::continue_trace("garbage", "not-a-trace").trace_id, "not-a-trace");
}

TEST(Trace, TheScopeSetsTheLogTraceIdAndWhatIsPassedOn) {
  {
    lg::TraceContextScope scope(*lg::parse_traceparent(kValid));
    EXPECT_EQ(lg::trace_id(), kTrace);
    EXPECT_EQ(lg::traceparent_for(kTrace), kValid);
    auto other = lg::traceparent_for("0af7651916cd43dd8448eb211c80319c");
    EXPECT_EQ(other.substr(0, 36), "00-0af7651916cd43dd8448eb211c80319c-");
    EXPECT_EQ(lg::traceparent_for("bad"), "");
  }
  EXPECT_EQ(lg::trace_id(), "");
  EXPECT_EQ(lg::current_trace().trace_id, "");
}
