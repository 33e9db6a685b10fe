// Faults on the event path, produced for real against the local PostgreSQL and broker: a handler
// running past statement_timeout, a row lock not available, a dead-letter topic that cannot be
// written, a delivery failing in the middle of a relay batch; and the trace context a record
// carries in its `traceparent` header, taken up by the consumer.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "assembly/db/migrations.h"
#include "assembly/events/consumer.h"
#include "assembly/events/outbox.h"
#include "assembly/events/relay.h"
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
        producer(itest::producer_options(name + "-test")) {
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
    o.security = itest::kafka_security();
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

// statement_timeout (57014) is temporary: a handler that runs past it is retried, with backoff,
// until it goes through, never dead-lettered after max_attempts.
TEST(EventFaults, AHandlerRunningPastStatementTimeoutIsRetriedNotDeadLettered) {
  ConsumerCase c("stmt_timeout");
  c.send("slow", ConsumerCase::event("slow"));

  db::PoolOptions po{c.pg, c.schema.name(), 2};
  po.statement_timeout = std::chrono::milliseconds(200);
  db::Pool pool(po);
  std::atomic<int> attempts{0};
  events::Dispatcher dispatcher;
  dispatcher.on<PanelSelected>(
      [&attempts](pqxx::work& tx, const PanelSelected& e, const events::Envelope&) {
        if (++attempts <= 5) tx.exec("SELECT pg_sleep(0.5)");  // canceled at 200 ms
        record_effect(tx, e);
      });
  events::Consumer consumer(c.options(), pool, c.producer, dispatcher);
  consumer.start();
  EXPECT_TRUE(c.wait_effects(1, 60)) << "applied once the handler was quick enough";
  consumer.stop();
  EXPECT_GT(attempts.load(), 5);
  EXPECT_EQ(c.dead_letters(), 0) << "nothing dead-lettered";
}

// lock-not-available (55P03) is temporary: the handler waits for the row a transaction holds and
// goes through once it is released.
TEST(EventFaults, AHandlerFindingARowLockedIsRetriedUntilTheLockIsReleased) {
  ConsumerCase c("lock_na");
  {
    pqxx::connection conn(c.pg);
    pqxx::work tx(conn);
    tx.exec("INSERT INTO " + c.schema.name() + ".effects VALUES ('held', '')");
    tx.commit();
  }
  pqxx::connection holder(c.pg);
  auto lock = std::make_unique<pqxx::work>(holder);
  lock->exec("SELECT * FROM " + c.schema.name() + ".effects WHERE draw_id = 'held' FOR UPDATE");

  c.send("locked", ConsumerCase::event("locked"));
  db::Pool pool({c.pg, c.schema.name(), 2});
  events::Dispatcher dispatcher;
  dispatcher.on<PanelSelected>([](pqxx::work& tx, const PanelSelected& e, const events::Envelope&) {
    tx.exec("SELECT * FROM effects WHERE draw_id = 'held' FOR UPDATE NOWAIT");
    record_effect(tx, e);
  });
  events::Consumer consumer(c.options(), pool, c.producer, dispatcher);
  consumer.start();
  std::this_thread::sleep_for(std::chrono::seconds(3));  // well past three attempts
  EXPECT_EQ(c.effects(), 1) << "not applied while the row is locked";
  lock->abort();
  EXPECT_TRUE(c.wait_effects(2, 60)) << "applied once the lock was released";
  consumer.stop();
  EXPECT_EQ(c.dead_letters(), 0) << "nothing dead-lettered";
}

// A dead letter that cannot be written (the dead-letter producer's broker unreachable) is tried a
// bounded number of times; the record stays unconsumed (its offset not stored, the records after
// it not applied) and the consumer stops promptly. Started again with a dead-letter topic it can
// write, the group dead-letters that record and goes on: nothing was lost.
TEST(EventFaults, AFailingDeadLetterWriteIsBoundedKeepsTheRecordAndDoesNotBlockTheStop) {
  ConsumerCase c("dlq_down");
  c.send("bad", "this is not an envelope");
  c.send("good", ConsumerCase::event("good"));

  auto pool = std::make_unique<db::Pool>(db::PoolOptions{c.pg, c.schema.name(), 2});
  events::Dispatcher dispatcher;
  dispatcher.on<PanelSelected>([](pqxx::work& tx, const PanelSelected& e, const events::Envelope&) {
    record_effect(tx, e);
  });
  events::ProducerOptions unreachable{"127.0.0.1:1", "dlq-unreachable"};
  unreachable.message_timeout_ms = 500;
  auto dead_letters = std::make_unique<events::Producer>(unreachable);
  auto consumer = std::make_unique<events::Consumer>(c.options(), *pool, *dead_letters, dispatcher);
  consumer->start();
  std::this_thread::sleep_for(std::chrono::seconds(5));
  EXPECT_EQ(c.effects(), 0) << "the record after the one not dead-lettered waits behind it";

  auto stopped = std::make_shared<std::promise<void>>();
  auto done = stopped->get_future();
  const auto start = std::chrono::steady_clock::now();
  std::thread([&consumer, stopped] {
    consumer->stop();
    stopped->set_value();
  }).detach();
  if (done.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
    ADD_FAILURE() << "the consumer did not stop within 20 s";
    (void)consumer.release();  // still stopping on the detached thread: left alone
    (void)dead_letters.release();
    (void)pool.release();
    return;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  consumer.reset();

  events::Consumer again(c.options(), *pool, c.producer, dispatcher);
  again.start();
  EXPECT_TRUE(c.wait_effects(1, 60)) << "the record after it is applied";
  again.stop();
  auto dead = itest_support::read_topic(c.brokers, c.dlq, 1, std::chrono::seconds(30));
  ASSERT_EQ(dead.size(), 1u) << "the bad record was kept and dead-lettered by the next run";
  EXPECT_EQ(dead[0].key, "bad");
}

// A delivery failing in the middle of a batch (an event larger than the producer accepts, refused
// at once) holds back the later events of its key: they are never published before it. Events of
// other keys go on. Once the row can be delivered, the key's events go out in order.
TEST(EventFaults, AFailedDeliveryInMidBatchNeverLetsTheKeysLaterEventsOvertakeIt) {
  itest_support::OutboxCase c("midbatch", 1, 0);
  events::Outbox outbox(c.topic, "test", c.schema.name());
  auto event = [](const std::string& draw_id, std::size_t padding) {
    PanelSelected e;
    e.set_draw_id(draw_id);
    e.set_assembly_id(std::string(padding, 'p'));
    return events::wrap(e, "A", "test");
  };
  const auto big = event("A2", 2 << 20);  // over the producer's message.max.bytes (1 MB)
  {
    pqxx::connection conn(c.pg);
    pqxx::work tx(conn);
    tx.exec("SET LOCAL search_path TO " + tx.quote_name(c.schema.name()));
    outbox.append(tx, event("A1", 0));
    outbox.append(tx, big);
    outbox.append(tx, event("A3", 0));
    PanelSelected other;
    other.set_draw_id("B1");
    outbox.append(tx, events::wrap(other, "B", "test"));
    tx.commit();
  }
  itest_support::RelayParts parts(c, "midbatch-test");
  events::OutboxRelay relay(parts.pool, parts.producer, c.relay_options());
  relay.drain_once();

  auto draw_ids = [&](std::size_t expected) {
    std::vector<std::string> out;
    for (const auto& r :
         itest_support::read_topic(c.brokers, c.topic, expected, std::chrono::seconds(15))) {
      events::Envelope e;
      EXPECT_TRUE(e.ParseFromString(r.value));
      out.push_back(events::unwrap<PanelSelected>(e).draw_id());
    }
    return out;
  };
  EXPECT_EQ(draw_ids(2), (std::vector<std::string>{"A1", "B1"}))
      << "A3 waits behind A2; B1 goes on";
  EXPECT_EQ(c.unsent(), 2);

  // The row becomes deliverable (smaller); the key's events follow in order.
  auto fixed = event("A2", 0);
  fixed.set_event_id(big.event_id());
  {
    pqxx::connection conn(c.pg);
    pqxx::work tx(conn);
    tx.exec_params("UPDATE " + c.schema.name() + ".outbox SET envelope = $1 WHERE event_id = $2",
                   pqxx::binarystring(fixed.SerializeAsString()), big.event_id());
    tx.commit();
  }
  relay.drain_once();
  relay.drain_once();
  EXPECT_EQ(c.unsent(), 0);
  std::vector<std::string> a;
  for (const auto& id : draw_ids(4))
    if (id[0] == 'A') a.push_back(id);
  EXPECT_EQ(a, (std::vector<std::string>{"A1", "A2", "A3"}));
}
