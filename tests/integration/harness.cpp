// event-harness: one role of the event pipeline in its own process, so a test can SIGKILL it.
//   event-harness relay   CONNINFO SCHEMA BROKERS [--die-after-delivery]
//       publishes the schema's outbox until nothing is pending, then exits 0; with
//       --die-after-delivery it _exits after the first batch's delivery reports, before marking.
//   event-harness consume CONNINFO SCHEMA BROKERS TOPIC GROUP DLQ EXPECT [--die-after-commit K]
//       applies events (one row in `effects` per application) until `effects` holds EXPECT rows;
//       with --die-after-commit K it _exits after the K-th commit, before storing the offset.
//       Prints "duplicates=N" (events the inbox recognised) on a normal exit.
#include <unistd.h>

#include <iostream>
#include <thread>

#include "assembly/db/migrations.h"
#include "assembly/events/consumer.h"
#include "assembly/events/outbox.h"
#include "assembly/events/relay.h"
#include "assembly/metrics/metrics.h"
#include "assembly/sortition/v1/events.pb.h"
#include "assembly/testing/stack.h"

using namespace assembly;

namespace {

long count(pqxx::connection& c, const std::string& sql) {
  pqxx::nontransaction tx(c);
  return tx.exec(sql)[0][0].as<long>();
}

int relay(int argc, char** argv) {
  std::string conninfo = argv[2], schema = argv[3], brokers = argv[4];
  bool die = argc > 5 && std::string(argv[5]) == "--die-after-delivery";
  db::Pool pool({conninfo, schema, 1});
  events::Producer producer({brokers, "harness-relay", 10000, 2, itest::kafka_security()});
  events::RelayOptions options;
  options.schema = schema;
  options.batch_size = 500;
  if (die) options.after_delivery = [](std::size_t) { _exit(137); };
  events::OutboxRelay relay(pool, producer, options);
  auto conn = pool.connect();
  while (count(*conn, "SELECT count(*) FROM outbox") > 0) relay.drain_once();
  return 0;
}

int consume(int argc, char** argv) {
  std::string conninfo = argv[2], schema = argv[3], brokers = argv[4], topic = argv[5],
              group = argv[6], dlq = argv[7];
  long expect = std::stol(argv[8]);
  long die_after =
      (argc > 10 && std::string(argv[9]) == "--die-after-commit") ? std::stol(argv[10]) : -1;
  metrics::set_prefix("harness");
  db::Pool pool({conninfo, schema, 2});
  {
    auto conn = pool.connect();
    auto list = events::migrations();
    list.push_back({"harness-0001_effects",
                    "CREATE TABLE effects (event_id TEXT NOT NULL, draw_id TEXT NOT NULL)"});
    db::migrate(*conn, schema, list);
  }
  events::Producer producer({brokers, "harness-dlq", 10000, 2, itest::kafka_security()});
  events::Dispatcher dispatcher;
  dispatcher.on<sortition::v1::PanelSelected>(
      [](pqxx::work& tx, const sortition::v1::PanelSelected& e, const events::Envelope& env) {
        // No unique constraint here on purpose: only the inbox stands between a redelivery and a
        // second row.
        tx.exec_params("INSERT INTO effects (event_id, draw_id) VALUES ($1, $2)", env.event_id(),
                       e.draw_id());
      });
  events::ConsumerOptions options;
  options.brokers = brokers;
  options.security = itest::kafka_security();
  options.group_id = group;
  options.topics = {topic};
  options.dead_letter_topic = dlq;
  options.session_timeout_ms =
      6000;  // the broker's minimum: the killed member's partitions come back sooner
  long commits = 0;
  if (die_after > 0)
    options.after_commit = [&commits, die_after] {
      if (++commits == die_after) _exit(137);
    };
  events::Consumer consumer(options, pool, producer, dispatcher);
  consumer.start();
  auto conn = pool.connect();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (count(*conn, "SELECT count(*) FROM effects") < expect &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // Let redeliveries, if any, arrive and be recognised before reporting.
  std::this_thread::sleep_for(std::chrono::seconds(2));
  consumer.stop();
  auto text = metrics::exposition();
  double dup = 0;
  auto pos = text.find("harness_events_duplicates_total{");
  if (pos != std::string::npos) dup = std::stod(text.substr(text.find("} ", pos) + 2));
  std::cout << "duplicates=" << static_cast<long>(dup) << std::endl;
  return count(*conn, "SELECT count(*) FROM effects") >= expect ? 0 : 3;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 5 && std::string(argv[1]) == "relay") return relay(argc, argv);
  if (argc >= 9 && std::string(argv[1]) == "consume") return consume(argc, argv);
  std::cerr << "usage: event-harness relay CONNINFO SCHEMA BROKERS [--die-after-delivery]\n"
               "       event-harness consume CONNINFO SCHEMA BROKERS TOPIC GROUP DLQ EXPECT "
               "[--die-after-commit K]\n";
  return 2;
}
