// Kafka stopped while writes go on: writes succeed, the outbox holds the events, and the relay
// catches up when the broker is back. Stops the shared broker, so it runs alone (RUN_SERIAL).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "assembly/events/relay.h"
#include "assembly/testing/stack.h"
#include "support.h"

using namespace assembly;
using itest_support::scalar;

TEST(KafkaOutage, WritesSucceedAndTheRelayCatchesUp) {
  itest_support::OutboxCase c("outage", 3, 10);
  const auto stack = itest::env("ROOT") + "/ops/stack";

  itest_support::RelayParts parts(c, "outage-test");
  auto options = c.relay_options();
  options.retry_backoff = std::chrono::milliseconds(500);
  events::OutboxRelay relay(parts.pool, parts.producer, options);
  relay.start();
  auto wait_unsent_zero = [&](int seconds) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (c.unsent() > 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return c.unsent();
  };
  ASSERT_EQ(wait_unsent_zero(30), 0);

  ASSERT_EQ(itest::shell(stack + " stop kafka >/dev/null"), 0);
  EXPECT_NO_THROW(
      itest_support::write_events(c.pg, c.schema.name(), c.topic, 200));  // writes go on
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(c.unsent(), 200) << "nothing is marked sent while the broker is away";

  ASSERT_EQ(itest::shell(stack + " start kafka >/dev/null"), 0);
  EXPECT_EQ(wait_unsent_zero(120), 0) << "the relay catches up once the broker is back";
  relay.stop();

  // At least once: a send that timed out while the broker came back may also have landed, so the
  // topic can hold duplicates. Read all it holds, then count distinct events.
  const auto on_topic =
      static_cast<std::size_t>(std::max(210L, itest_support::topic_size(c.brokers, c.topic, 3)));
  auto records = itest_support::read_topic(c.brokers, c.topic, on_topic, std::chrono::seconds(60));
  std::set<std::string> ids;
  for (const auto& r : records) {
    events::Envelope e;
    ASSERT_TRUE(e.ParseFromString(r.value));
    ids.insert(e.event_id());
  }
  EXPECT_EQ(ids.size(), 210u);
}
