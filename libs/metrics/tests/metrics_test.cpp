#include "assembly/metrics/metrics.h"

#include <gtest/gtest.h>

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
