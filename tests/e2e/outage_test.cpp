// Outages under the running services: PostgreSQL stopped (readyz and writes 503, never a crash,
// recovery by itself) and Kafka stopped (the services stay ready, writes succeed, events follow).
// Runs alone (RUN_SERIAL).
#include <gtest/gtest.h>

#include <thread>

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

namespace {

// Starts the broker again when the test ends, however it ends: the stack is shared.
struct BrokerBack {
  std::string stack;
  ~BrokerBack() { assembly::itest::shell(stack + " start kafka >/dev/null"); }
};

// On one line: ops/lib/check_services.py compares the lists of services with services/services.txt.
// clang-format off
const char* kServices[] = {"sortition", "membership", "workshops", "recommendations", "followup", "notifications"};
// clang-format on

}  // namespace

// The outbox exists to keep accepting writes while the broker is away: readiness does not depend
// on Kafka (a broker outage would take every pod out of service); the outage shows in the metrics
// (kafka_connected, outbox_oldest_pending_seconds), which the alerts read.
TEST(KafkaOutage, ServicesStayReadyWritesSucceedAndTheEventsFollowWhenTheBrokerReturns) {
  const auto stack = assembly::itest::env("ROOT") + "/ops/stack";
  const auto staff = e2e::token("secretariat");
  const auto assembly_id = e2e::fresh("kafka-outage");
  for (const char* svc : kServices) {
    // Ready first (the database outage before this test may still be wearing off), then the broker
    // taken away.
    ASSERT_TRUE(e2e::eventually([svc] { return e2e::get(svc, "/readyz").status == 200; },
                                std::chrono::seconds(30)))
        << svc << " is not ready before the outage";
    // Connected first: the broker may have been restarted by the test before this one.
    ASSERT_TRUE(e2e::eventually(
        [svc] { return e2e::metric(svc, std::string(svc) + "_kafka_connected") == 1; },
        std::chrono::seconds(60)))
        << svc << " is not connected to Kafka before the outage";
  }

  BrokerBack restore{stack};
  ASSERT_EQ(assembly::itest::shell(stack + " stop kafka >/dev/null"), 0);
  auto write =
      e2e::post("sortition", "/v1/panel-draws", e2e::panel_request(assembly_id, 30, 9), staff);
  EXPECT_EQ(write.status, 201) << write.body;
  // Longer than a readiness probe's failure threshold would allow.
  const auto outage_end = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < outage_end) {
    for (const char* svc : kServices)
      EXPECT_EQ(e2e::get(svc, "/readyz").status, 200) << svc << " stays ready without Kafka";
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  EXPECT_TRUE(
      e2e::eventually([] { return e2e::metric("sortition", "sortition_kafka_connected") == 0; },
                      std::chrono::seconds(30)))
      << "the metric shows the broker is away";
  EXPECT_TRUE(e2e::eventually(
      [] { return e2e::metric("sortition", "sortition_outbox_oldest_pending_seconds") >= 5; },
      std::chrono::seconds(30)))
      << "the metric shows how long the panel's event has waited";

  ASSERT_EQ(assembly::itest::shell(stack + " start kafka >/dev/null"), 0);
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("membership", "/v1/members?assembly_id=" + assembly_id, staff);
        return r.status == 200 && nlohmann::json::parse(r.body)["items"].size() == 9;
      },
      std::chrono::seconds(120)))
      << "the panel reached membership after the outage";
  EXPECT_TRUE(e2e::eventually(
      [] {
        return e2e::metric("sortition", "sortition_kafka_connected") == 1 &&
               e2e::metric("sortition", "sortition_outbox_oldest_pending_seconds") == 0;
      },
      std::chrono::seconds(60)))
      << "the metrics show the broker back and the backlog gone";
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
