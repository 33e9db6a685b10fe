#include "assembly/metrics/metrics.h"

#include <gtest/gtest.h>

#include <cstdio>

TEST(GaugeSnapshot, ALabelSetMissingFromTheLatestValuesDropsToZero) {
  assembly::metrics::set_prefix("snap");
  assembly::metrics::GaugeSnapshot g("things", "things by colour");
  g.publish({{{{"colour", "red"}}, 3}, {{{"colour", "blue"}}, 2}});
  auto text = assembly::metrics::exposition();
  EXPECT_NE(text.find("snap_things{colour=\"red\"} 3"), std::string::npos) << text;
  g.publish({{{{"colour", "blue"}}, 5}});
  text = assembly::metrics::exposition();
  EXPECT_NE(text.find("snap_things{colour=\"red\"} 0"), std::string::npos) << text;
  EXPECT_NE(text.find("snap_things{colour=\"blue\"} 5"), std::string::npos) << text;
}

TEST(Families, ADeclaredFamilyIsExposedBeforeItsFirstSeries) {
  assembly::metrics::set_prefix("fresh");
  auto& consumed = assembly::metrics::counter_family("events_consumed_total", "Events applied");
  auto text = assembly::metrics::exposition();
  EXPECT_NE(text.find("# HELP fresh_events_consumed_total Events applied\n"
                      "# TYPE fresh_events_consumed_total counter\n"),
            std::string::npos)
      << text;
  consumed.Add({{"topic", "assembly.membership.v1"}}).Increment();
  text = assembly::metrics::exposition();
  EXPECT_NE(text.find("fresh_events_consumed_total{topic=\"assembly.membership.v1\"} 1"),
            std::string::npos)
      << text;
  // Once it has a series, its HELP and TYPE are the serializer's, not written twice.
  EXPECT_EQ(text.find("# TYPE fresh_events_consumed_total"),
            text.rfind("# TYPE fresh_events_consumed_total"));
}

TEST(Families, TheExpositionPassesPromtool) {
  assembly::metrics::set_prefix("lint");
  assembly::metrics::histogram_family("request_duration_seconds", "Latency, by route");
  assembly::metrics::gauge_family("outbox_pending_events", "Rows\\waiting\nto go");
  const std::string path = ::testing::TempDir() + "metrics_promtool.prom";
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    auto text = assembly::metrics::exposition();
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  // promtool comes with the Debian package prometheus (ops/packages.txt).
  const std::string cmd = "promtool check metrics < " + path + " 2>&1";
  std::FILE* out = popen(cmd.c_str(), "r");
  ASSERT_NE(out, nullptr);
  std::string said;
  char buf[512];
  while (std::fgets(buf, sizeof buf, out)) said += buf;
  EXPECT_EQ(pclose(out), 0) << said;
}
