// Outages under the running services: PostgreSQL stopped (readyz and writes 503, never a crash,
// recovery by itself) and Kafka stopped (writes succeed, events follow). Runs alone (RUN_SERIAL).
#include <gtest/gtest.h>

#include "assembly/testing/stack.h"
#include "e2e.h"

TEST(DatabaseOutage, ReadyzAndWritesAre503ThenTheServiceRecovers) {
  const auto stack = assembly::itest::env("ROOT") + "/ops/stack";
  const auto staff = e2e::token("secretariat");
  ASSERT_EQ(e2e::get("sortition", "/readyz").status, 200);

  ASSERT_EQ(assembly::itest::shell(stack + " stop postgres >/dev/null"), 0);
  auto ready = e2e::get("sortition", "/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(ready.headers["content-type"], "application/problem+json");
  auto write =
      e2e::post("sortition", "/v1/panel-draws", e2e::panel_request("outage", 10, 3), staff);
  EXPECT_EQ(write.status, 503) << write.body;
  EXPECT_EQ(e2e::get("sortition", "/healthz").status, 200) << "the process is alive";

  ASSERT_EQ(assembly::itest::shell(stack + " start postgres >/dev/null"), 0);
  EXPECT_TRUE(e2e::eventually([] { return e2e::get("sortition", "/readyz").status == 200; },
                              std::chrono::seconds(60)));
  EXPECT_TRUE(e2e::eventually(
      [&] {
        return e2e::post("sortition", "/v1/panel-draws", e2e::panel_request("outage", 10, 3), staff)
                   .status == 201;
      },
      std::chrono::seconds(30)));
}

TEST(KafkaOutage, ServiceWritesSucceedAndTheEventsFollowWhenTheBrokerReturns) {
  const auto stack = assembly::itest::env("ROOT") + "/ops/stack";
  const auto staff = e2e::token("secretariat");
  const auto assembly_id = e2e::fresh("kafka-outage");

  ASSERT_EQ(assembly::itest::shell(stack + " stop kafka >/dev/null"), 0);
  auto write =
      e2e::post("sortition", "/v1/panel-draws", e2e::panel_request(assembly_id, 30, 9), staff);
  EXPECT_EQ(write.status, 201) << write.body;
  EXPECT_EQ(e2e::get("sortition", "/readyz").status, 503) << "readiness reports the broker";

  ASSERT_EQ(assembly::itest::shell(stack + " start kafka >/dev/null"), 0);
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("membership", "/v1/members?assembly_id=" + assembly_id, staff);
        return r.status == 200 && nlohmann::json::parse(r.body)["items"].size() == 9;
      },
      std::chrono::seconds(120)))
      << "the panel reached membership after the outage";
  e2e::seat_everyone(assembly_id,
                     staff);  // their workshops' events go on to recommendations and follow-up
  EXPECT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("followup", "/v1/dossiers?assembly_id=" + assembly_id);
        return r.status == 200 && nlohmann::json::parse(r.body)["items"].size() == 3;
      },
      std::chrono::seconds(120)))
      << "the panel's events reached follow-up after the outage";
}
