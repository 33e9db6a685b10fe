// The event path against the local PostgreSQL and broker: the trace context a record carries in
// its `traceparent` header, taken up by the consumer.
#include <gtest/gtest.h>

#include <thread>

#include "assembly/db/migrations.h"
#include "assembly/events/consumer.h"
#include "assembly/events/outbox.h"
#include "assembly/logging/log.h"
#include "assembly/sortition/v1/events.pb.h"
#include "assembly/testing/stack.h"
#include "support.h"

using namespace assembly;
using itest_support::scalar;
using sortition::v1::PanelSelected;

namespace {

// A consumer's schema (outbox, inbox, `effects`), the topic it reads and its dead-letter topic;
// both topics are deleted at the end.
struct ConsumerCase {
  explicit ConsumerCase(const std::string& name)
      : schema(name + "_c"),
        topic(itest::create_topic(name, 1)),
        dlq(itest::create_topic(name + "-dlq", 1)),
        pg(itest::pg_conninfo()),
        brokers(itest::kafka_brokers()),
        producer({brokers, name + "-test"}) {
    pqxx::connection c(pg);
    auto list = events::migrations();
    list.push_back({"t-0001_effects",
                    "CREATE TABLE effects (draw_id TEXT PRIMARY KEY, trace_id TEXT NOT NULL)"});
    db::migrate(c, schema.name(), list);
  }
  ~ConsumerCase() {
    itest::delete_topic(topic);
    itest::delete_topic(dlq);
  }
  void send(const std::string& key, const std::string& value, const events::Headers& headers = {}) {
    ASSERT_EQ(producer.produce_sync(topic, key, value, headers), "");
  }
  static std::string event(const std::string& draw_id) {
    PanelSelected e;
    e.set_draw_id(draw_id);
    return events::wrap(e, draw_id, "test").SerializeAsString();
  }
  events::ConsumerOptions options() const {
    events::ConsumerOptions o;
    o.brokers = brokers;
    o.group_id = "g-" + schema.name();
    o.topics = {topic};
    o.dead_letter_topic = dlq;
    o.retry_backoff = std::chrono::milliseconds(20);
    return o;
  }
  long effects() const { return scalar(pg, "SELECT count(*) FROM " + schema.name() + ".effects"); }
  bool wait_effects(long n, int seconds) const {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (effects() < n && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return effects() >= n;
  }
  long dead_letters() const { return itest_support::topic_size(brokers, dlq, 1); }

  itest::TempSchema schema;
  const std::string topic, dlq, pg, brokers;
  events::Producer producer;
};

void record_effect(pqxx::work& tx, const PanelSelected& e) {
  tx.exec_params("INSERT INTO effects VALUES ($1, $2)", e.draw_id(), log::trace_id());
}

}  // namespace

// A record's `traceparent` header gives the consumer its trace: the handler's logs and the events
// it writes to its own outbox carry the same trace id (and the outbox row a traceparent of it).
TEST(EventFaults, TheTraceparentHeaderIsTakenUpByTheConsumerAndItsEvents) {
  ConsumerCase c("traced");
  const std::string trace = "4bf92f3577b34da6a3ce929d0e0e4736";
  c.send("t1", ConsumerCase::event("t1"),
         {{"traceparent", "00-" + trace + "-00f067aa0ba902b7-01"}});
  c.send("t2", ConsumerCase::event("t2"), {{"traceparent", "00-" + trace + "-zz-01"}});  // invalid

  db::Pool pool({c.pg, c.schema.name(), 2});
  events::Outbox outbox(c.topic + "-out", "test", c.schema.name());
  events::Dispatcher dispatcher;
  dispatcher.on<PanelSelected>(
      [&outbox](pqxx::work& tx, const PanelSelected& e, const events::Envelope&) {
        record_effect(tx, e);
        outbox.append(tx, e, e.draw_id());
      });
  events::Consumer consumer(c.options(), pool, c.producer, dispatcher);
  consumer.start();
  ASSERT_TRUE(c.wait_effects(2, 60));
  consumer.stop();

  pqxx::connection conn(c.pg);
  pqxx::nontransaction tx(conn);
  EXPECT_EQ(
      tx.exec("SELECT trace_id FROM " + c.schema.name() + ".effects WHERE draw_id = 't1'")[0][0]
          .as<std::string>(),
      trace)
      << "the handler ran under the record's trace";
  auto other =
      tx.exec("SELECT trace_id FROM " + c.schema.name() + ".effects WHERE draw_id = 't2'")[0][0]
          .as<std::string>();
  EXPECT_NE(other, trace) << "an invalid traceparent is not taken up";
  EXPECT_EQ(other.size(), 32u) << "a trace of its own instead: " << other;

  auto row = tx.exec("SELECT envelope, traceparent FROM " + c.schema.name() +
                     ".outbox WHERE aggregate_id = 't1'");
  ASSERT_EQ(row.size(), 1u);
  events::Envelope written;
  ASSERT_TRUE(written.ParseFromString(pqxx::binarystring(row[0][0]).str()));
  EXPECT_EQ(written.trace_id(), trace) << "the event the handler wrote carries the trace id";
  const auto traceparent = row[0][1].as<std::string>();
  ASSERT_EQ(traceparent.size(), 55u) << traceparent;
  EXPECT_EQ(traceparent.substr(0, 36), "00-" + trace + "-");
  EXPECT_NE(traceparent.substr(36, 16), "00f067aa0ba902b7") << "the consumer's own span";
}
