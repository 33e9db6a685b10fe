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
  itest::TempSchema schema("outage");
  auto topic = itest::create_topic("outage", 3);
  const auto pg = itest::pg_conninfo();
  const auto brokers = itest::kafka_brokers();
  const auto stack = itest::env("ROOT") + "/ops/stack";
  itest_support::write_events(pg, schema.name(), topic, 10);  // creates the outbox

  db::Pool pool({pg, schema.name(), 2});
  events::Producer producer({brokers, "outage-test"});
  events::RelayOptions options;
  options.schema = schema.name();
  options.retry_backoff = std::chrono::milliseconds(500);
  events::OutboxRelay relay(pool, producer, options);
  relay.start();
  auto unsent = [&] { return scalar(pg, "SELECT count(*) FROM " + schema.name() + ".outbox"); };
  auto wait_unsent_zero = [&](int seconds) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (unsent() > 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return unsent();
  };
  ASSERT_EQ(wait_unsent_zero(30), 0);

  ASSERT_EQ(itest::shell(stack + " stop kafka >/dev/null"), 0);
  EXPECT_NO_THROW(itest_support::write_events(pg, schema.name(), topic, 200));  // writes go on
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(unsent(), 200) << "nothing is marked sent while the broker is away";

  ASSERT_EQ(itest::shell(stack + " start kafka >/dev/null"), 0);
  EXPECT_EQ(wait_unsent_zero(120), 0) << "the relay catches up once the broker is back";
  relay.stop();

  // At least once: a send that timed out while the broker came back may also have landed, so the
  // topic can hold duplicates. Read all it holds, then count distinct events.
  const auto on_topic =
      static_cast<std::size_t>(std::max(210L, itest_support::topic_size(brokers, topic, 3)));
  auto records = itest_support::read_topic(brokers, topic, on_topic, std::chrono::seconds(60));
  std::set<std::string> ids;
  for (const auto& r : records) {
    events::Envelope e;
    ASSERT_TRUE(e.ParseFromString(r.value));
    ids.insert(e.event_id());
  }
  EXPECT_EQ(ids.size(), 210u);
  itest::delete_topic(topic);
}
