#include "assembly/logging/log.h"

#include <gtest/gtest.h>

#include <vector>

namespace lg = assembly::log;

TEST(Log, WritesOneJsonObjectPerLineWithTheStandardFields) {
  std::vector<std::string> lines;
  lg::init("sortition", lg::Level::info);
  lg::set_sink([&](const std::string& l) { lines.push_back(l); });
  {
    lg::TraceScope scope("trace-1");
    lg::info("draw started", {{"draw_id", "d1"}});
  }
  lg::debug("hidden");
  lg::set_sink(nullptr);
  ASSERT_EQ(lines.size(), 1u);
  auto j = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j["level"], "info");
  EXPECT_EQ(j["service"], "sortition");
  EXPECT_EQ(j["message"], "draw started");
  EXPECT_EQ(j["trace_id"], "trace-1");
  EXPECT_EQ(j["draw_id"], "d1");
  EXPECT_TRUE(j.contains("time"));
  EXPECT_EQ(lg::trace_id(), "");
}

TEST(Log, InvalidUtf8DoesNotThrow) {
  std::vector<std::string> lines;
  lg::set_sink([&](const std::string& l) { lines.push_back(l); });
  lg::warn(std::string("bad \xff byte"));
  lg::set_sink(nullptr);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(nlohmann::json::accept(lines[0]));
}

TEST(Log, ParseLevelRejectsUnknown) {
  EXPECT_EQ(lg::parse_level("warn"), lg::Level::warn);
  EXPECT_THROW(lg::parse_level("loud"), std::invalid_argument);
}
