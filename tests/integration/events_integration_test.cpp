// Outbox -> Kafka -> inbox against the real PostgreSQL and broker, with processes killed for real.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <thread>

#include "assembly/db/migrations.h"
#include "assembly/events/consumer.h"
#include "assembly/events/outbox.h"
#include "assembly/events/relay.h"
#include "assembly/sortition/v1/events.pb.h"
#include "assembly/testing/stack.h"
#include "support.h"

using namespace assembly;
using itest_support::scalar;

namespace {

struct Run {
  int status;
  std::string output;
};

// Runs the harness; returns its exit status and what it printed.
Run harness(const std::string& args) {
  std::string cmd = std::string(EVENT_HARNESS) + " " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 256> buf{};
  while (fgets(buf.data(), buf.size(), p)) out += buf.data();
  int rc = pclose(p);
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, out};
}

std::string q(const std::string& s) {
  return "'" + s + "'";
}

long duplicates(const std::string& output) {
  auto pos = output.find("duplicates=");
  return pos == std::string::npos ? -1 : std::stol(output.substr(pos + 11));
}

// Events written to a producer schema's outbox, relayed by the harness to a topic of three
// partitions and consumed into a consumer schema's `effects`, with a dead-letter topic. The
// topics are deleted at the end.
struct RelayAndConsume {
  RelayAndConsume(const std::string& schemas, const std::string& topics, int events)
      : producer_side(schemas + "_p"),
        consumer_side(schemas + "_c"),
        topic(itest::create_topic(topics, 3)),
        dlq(itest::create_topic(topics + "-dlq", 1)),
        pg(itest::pg_conninfo()),
        brokers(itest::kafka_brokers()) {
    itest_support::write_events(pg, producer_side.name(), topic, events);
  }
  ~RelayAndConsume() {
    itest::delete_topic(topic);
    itest::delete_topic(dlq);
  }
  std::string relay_args() const {
    return "relay " + q(pg) + " " + producer_side.name() + " " + brokers;
  }
  std::string consume_args(int expected) const {
    return "consume " + q(pg) + " " + consumer_side.name() + " " + brokers + " " + topic + " g-" +
           consumer_side.name() + " " + dlq + " " + std::to_string(expected);
  }
  // The consumer's effects, or the distinct events among them.
  long effects(bool distinct = false) const {
    return scalar(pg, std::string("SELECT count(") + (distinct ? "DISTINCT draw_id" : "*") +
                          ") FROM " + consumer_side.name() + ".effects");
  }

  itest::TempSchema producer_side, consumer_side;
  const std::string topic, dlq, pg, brokers;
};

}  // namespace

TEST(OutboxToInbox, RelayKilledMidBatchLosesNothingAndEachEventHasOneEffect) {
  RelayAndConsume c("relay", "relaykill", 2000);

  // First relay: publishes its first batches of 500, gets the delivery reports of the first, and
  // dies before marking it.
  auto first = harness(c.relay_args() + " --die-after-delivery");
  EXPECT_EQ(first.status, 137);
  EXPECT_EQ(scalar(c.pg, "SELECT count(*) FROM " + c.producer_side.name() + ".outbox"), 2000);
  const long published_before_kill = itest_support::topic_size(c.brokers, c.topic, 3);
  EXPECT_GE(published_before_kill, 500);

  // Second relay: publishes everything again from the first unmarked row.
  auto second = harness(c.relay_args());
  EXPECT_EQ(second.status, 0);
  EXPECT_EQ(scalar(c.pg, "SELECT count(*) FROM " + c.producer_side.name() + ".outbox"), 0);
  const long on_topic = itest_support::topic_size(c.brokers, c.topic, 3);
  EXPECT_EQ(on_topic, 2000 + published_before_kill)
      << "what the killed relay sent is on the topic twice";

  auto consumer = harness(c.consume_args(2000));
  EXPECT_EQ(consumer.status, 0) << consumer.output;
  EXPECT_EQ(duplicates(consumer.output), on_topic - 2000)
      << "the inbox recognised every redelivered event";
  EXPECT_EQ(c.effects(), 2000);
  EXPECT_EQ(c.effects(true), 2000);
}

// Outbox ids come from a sequence, so a transaction can commit a row with a smaller id after rows
// with larger ids were already published: the relay must still publish it.
TEST(OutboxToInbox, ARowCommittedLateBelowPublishedOnesIsStillPublished) {
  itest_support::OutboxCase c("late", 3, 1);

  pqxx::connection slow(c.pg);
  pqxx::work late(slow);  // takes its id now, commits last
  c.append_uncommitted(late, "late");
  itest_support::write_events(c.pg, c.schema.name(), c.topic, 5);

  itest_support::RelayParts parts(c, "late-test");
  events::OutboxRelay relay(parts.pool, parts.producer, c.relay_options());
  EXPECT_EQ(relay.drain_once(), 6);
  late.commit();
  EXPECT_EQ(relay.drain_once(), 1) << "the late row is published by the next drain";
  EXPECT_EQ(c.unsent(), 0);
  EXPECT_EQ(itest_support::topic_size(c.brokers, c.topic, 3), 7);
}

// A delivered batch is deleted by its id range. A row whose id lies in that range but whose
// transaction commits after the batch was read (here: between the delivery reports and the delete)
// was never published, so it must survive the delete and go out with the next drain.
TEST(OutboxToInbox, ARowCommittedInsideADeliveredBatchsRangeIsNotDeletedUnpublished) {
  itest_support::OutboxCase c("inrange", 3, 1);

  pqxx::connection slow(c.pg);
  pqxx::work late(slow);  // takes its id now, between the others'
  c.append_uncommitted(late, "late");
  itest_support::write_events(c.pg, c.schema.name(), c.topic, 5);

  itest_support::RelayParts parts(c, "inrange-test");
  auto options = c.relay_options();
  bool committed = false;
  options.after_delivery = [&](std::size_t) {
    if (!committed) late.commit();  // after the read, before the delete
    committed = true;
  };
  events::OutboxRelay relay(parts.pool, parts.producer, options);
  EXPECT_EQ(relay.drain_once(), 6);
  ASSERT_TRUE(committed);
  EXPECT_EQ(scalar(c.pg, "SELECT count(*) FROM " + c.schema.name() +
                             ".outbox WHERE aggregate_id = 'late'"),
            1)
      << "the late row was deleted without being published";
  EXPECT_EQ(relay.drain_once(), 1);
  EXPECT_EQ(c.unsent(), 0);
  EXPECT_EQ(itest_support::topic_size(c.brokers, c.topic, 3), 7);
}

// PostgreSQL delivers a NOTIFY to every backend listening in the database, whatever the channel,
// so a writer in the process whose relay is active wakes it in-process after its commit and sends
// no NOTIFY: the event is published at once although the relay's fallback poll is far away, and
// a listener on the channel hears nothing. Once that relay has stopped, writers NOTIFY again (the
// active relay may then be another replica's).
TEST(OutboxToInbox, AnActiveRelayIsWokenInProcessWithoutANotify) {
  itest_support::OutboxCase c("wake", 1, 1);

  itest_support::RelayParts parts(c, "wake-test");
  auto& pool = parts.pool;
  auto options = c.relay_options();
  options.idle_wait = std::chrono::seconds(60);
  options.full_scan_interval = std::chrono::seconds(60);
  events::OutboxRelay relay(pool, parts.producer, options);
  relay.start();
  auto published = [&](long n, std::chrono::seconds within) {
    const auto until = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < until) {
      if (c.unsent() == 0 && itest_support::topic_size(c.brokers, c.topic, 1) == n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  };
  ASSERT_TRUE(published(1, std::chrono::seconds(20))) << "the relay's first drain";

  pqxx::connection listener(c.pg);
  {
    pqxx::nontransaction tx(listener);
    tx.exec("LISTEN " + tx.quote_name(events::outbox_channel(c.schema.name())));
  }
  events::Outbox outbox(c.topic, "test", c.schema.name());
  sortition::v1::PanelSelected e;
  e.set_draw_id("woken");
  const auto start = std::chrono::steady_clock::now();
  pool.transact([&](pqxx::work& tx) { outbox.append(tx, e, "woken"); });
  EXPECT_TRUE(published(2, std::chrono::seconds(10))) << "woken in-process, not by the 60 s poll";
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(listener.await_notification(0, 300000), 0) << "no NOTIFY was sent";

  relay.stop();
  e.set_draw_id("notified");
  pool.transact([&](pqxx::work& tx) { outbox.append(tx, e, "notified"); });
  EXPECT_EQ(listener.await_notification(5, 0), 1) << "without an active relay here, a NOTIFY";
}

TEST(OutboxToInbox, ConsumerKilledBetweenCommitAndOffsetStoreAppliesEachEventOnce) {
  RelayAndConsume c("ckill", "consumerkill", 300);
  ASSERT_EQ(harness(c.relay_args()).status, 0);

  const std::string args = c.consume_args(300);
  auto killed = harness(args + " --die-after-commit 150");
  EXPECT_EQ(killed.status, 137);
  EXPECT_EQ(c.effects(), 150);

  auto resumed = harness(args);
  EXPECT_EQ(resumed.status, 0) << resumed.output;
  EXPECT_GE(duplicates(resumed.output), 1) << "the event whose offset was not stored came back";
  EXPECT_EQ(c.effects(), 300);
  EXPECT_EQ(c.effects(true), 300);
}

TEST(OutboxToInbox, BadMessagesGoToTheDeadLetterTopicAndTheConsumerGoesOn) {
  itest::TempSchema consumer_side("dlq_c");
  auto topic = itest::create_topic("poison", 1);
  auto dlq = itest::create_topic("poison-dlq", 1);
  const auto pg = itest::pg_conninfo();
  const auto brokers = itest::kafka_brokers();
  {
    pqxx::connection c(pg);
    auto list = events::migrations();
    list.push_back({"t-0001_effects", "CREATE TABLE effects (draw_id TEXT NOT NULL)"});
    db::migrate(c, consumer_side.name(), list);
  }
  events::Producer producer(itest::producer_options("poison-test"));
  auto send = [&](const std::string& key, const std::string& value) {
    ASSERT_EQ(producer.produce_sync(topic, key, value, {}), "");
  };
  auto event = [](const std::string& draw_id) {
    sortition::v1::PanelSelected e;
    e.set_draw_id(draw_id);
    return events::wrap(e, draw_id, "test").SerializeAsString();
  };
  send("a", event("ok-1"));
  send("b", "this is not an envelope");  // malformed bytes
  auto bad_payload = events::wrap(sortition::v1::PanelSelected(), "c", "test");
  bad_payload.set_payload("\xff\xff\xff\xff");  // envelope fine, payload does not parse
  send("c", bad_payload.SerializeAsString());
  send("d", event("boom"));  // the handler fails every time
  send("e", event("ok-2"));

  db::Pool pool({pg, consumer_side.name(), 2});
  events::Dispatcher dispatcher;
  dispatcher.on<sortition::v1::PanelSelected>(
      [](pqxx::work& tx, const sortition::v1::PanelSelected& e, const events::Envelope&) {
        if (e.draw_id() == "boom") throw std::runtime_error("handler refuses boom");
        tx.exec_params("INSERT INTO effects VALUES ($1)", e.draw_id());
      });
  events::ConsumerOptions options;
  options.brokers = brokers;
  options.security = itest::kafka_security();
  options.group_id = "g-" + consumer_side.name();
  options.topics = {topic};
  options.dead_letter_topic = dlq;
  options.retry_backoff = std::chrono::milliseconds(20);
  events::Consumer consumer(options, pool, producer, dispatcher);
  consumer.start();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (scalar(pg, "SELECT count(*) FROM " + consumer_side.name() + ".effects") < 2 &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  consumer.stop();

  EXPECT_EQ(scalar(pg, "SELECT count(*) FROM " + consumer_side.name() + ".effects"), 2);
  auto dead = itest_support::read_topic(brokers, dlq, 3, std::chrono::seconds(30));
  ASSERT_EQ(dead.size(), 3u);
  EXPECT_EQ(dead[0].key, "b");
  EXPECT_EQ(dead[0].headers["dlq-error"], "not an event envelope");
  EXPECT_EQ(dead[1].key, "c");
  EXPECT_NE(dead[1].headers["dlq-error"].find("does not parse"), std::string::npos);
  EXPECT_EQ(dead[2].key, "d");
  EXPECT_EQ(dead[2].headers["dlq-error"], "handler refuses boom");
  for (auto& d : dead) {
    EXPECT_EQ(d.headers["dlq-source-topic"], topic);
    EXPECT_FALSE(d.headers["dlq-source-offset"].empty());
  }
  itest::delete_topic(topic);
  itest::delete_topic(dlq);
}
