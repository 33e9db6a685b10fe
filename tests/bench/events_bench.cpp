// Event pipeline benchmarks against the real PostgreSQL and broker.
//   bench-events relay   CONNINFO SCHEMA BROKERS TOPIC COUNT PAYLOAD_FILE
//       writes COUNT outbox rows (untimed), then times the relay publishing them all; prints
//       "relay_events_per_second=<x>". Writes one envelope to PAYLOAD_FILE (kcat's input unit).
//   bench-events latency CONNINFO PSCHEMA CSCHEMA BROKERS TOPIC RATE SECONDS
//       writes RATE events/s for SECONDS, each in its own transaction, relayed and consumed by the
//       real relay and consumer; latency = consumer commit - outbox commit; prints p50/p99/max.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "assembly/db/migrations.h"
#include "assembly/events/consumer.h"
#include "assembly/events/outbox.h"
#include "assembly/events/relay.h"
#include "assembly/logging/log.h"
#include "assembly/sortition/v1/events.pb.h"
#include "assembly/testing/stack.h"

using namespace assembly;
using Clock = std::chrono::system_clock;

namespace {

sortition::v1::PanelSelected sample(int i) {
  sortition::v1::PanelSelected e;
  e.set_draw_id("draw-" + std::to_string(i));
  e.set_assembly_id("bench");
  for (int k = 0; k < 3; ++k) {
    auto* m = e.add_members();
    m->set_person_id("person-" + std::to_string(i * 3 + k));
    m->set_pool("roll");
    (*m->mutable_attributes())["arrondissement"] = std::to_string(1 + k);
  }
  return e;
}

long long now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch())
      .count();
}

int relay(char** argv) {
  std::string conninfo = argv[2], schema = argv[3], brokers = argv[4], topic = argv[5];
  int count = std::stoi(argv[6]);
  {
    pqxx::connection c(conninfo);
    db::migrate(c, schema, events::migrations());
    events::Outbox outbox(topic, "bench", schema);
    for (int start = 0; start < count; start += 1000) {
      pqxx::work tx(c);
      tx.exec("SET LOCAL search_path TO " + tx.quote_name(schema));
      for (int i = start; i < std::min(count, start + 1000); ++i)
        outbox.append(tx, sample(i), "draw-" + std::to_string(i));
      tx.commit();
    }
    std::ofstream(argv[7], std::ios::binary)
        << events::wrap(sample(0), "draw-0", "bench").SerializeAsString();
  }
  db::Pool pool({conninfo, schema, 1});
  events::Producer producer({brokers, "bench-relay", 10000, 5, itest::kafka_security()});
  events::RelayOptions options;
  options.schema = schema;
  events::OutboxRelay relay(pool, producer, options);
  // Untimed warm-up: the idempotent producer's id and the topic's metadata (kcat pays that too,
  // but once per process and before its first batch as well; here it is excluded from both sides
  // as far as possible, see BENCHMARKS.md).
  producer.produce_sync(topic, "warm-up", "warm-up", {});
  auto start = std::chrono::steady_clock::now();
  long sent = 0;
  while (sent < count) sent += relay.drain_once();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "relay_events=" << sent << " relay_seconds=" << seconds
            << " relay_events_per_second=" << static_cast<long>(sent / seconds) << std::endl;
  return 0;
}

int latency(char** argv) {
  std::string conninfo = argv[2], pschema = argv[3], cschema = argv[4], brokers = argv[5],
              topic = argv[6];
  int rate = std::stoi(argv[7]), seconds = std::stoi(argv[8]);
  {
    pqxx::connection c(conninfo);
    db::migrate(c, pschema, events::migrations());
    db::migrate(c, cschema, events::migrations());
  }
  db::Pool ppool({conninfo, pschema, 2}), cpool({conninfo, cschema, 2});
  events::Producer producer({brokers, "bench-latency", 10000, 0, itest::kafka_security()});
  events::RelayOptions roptions;
  roptions.schema = pschema;
  events::OutboxRelay relay(ppool, producer, roptions);

  std::mutex mutex;
  std::vector<double> latencies_ms;
  std::atomic<long long> current_occurred{0};
  events::Dispatcher dispatcher;
  dispatcher.on<sortition::v1::PanelSelected>(
      [&](pqxx::work&, const sortition::v1::PanelSelected&, const events::Envelope& e) {
        current_occurred = events::occurred_at_micros(e);
      });
  events::ConsumerOptions coptions;
  coptions.brokers = brokers;
  coptions.security = itest::kafka_security();
  coptions.group_id = "bench-" + cschema;
  coptions.topics = {topic};
  coptions.after_commit = [&] {
    double ms = (now_micros() - current_occurred.load()) / 1000.0;
    std::lock_guard lock(mutex);
    latencies_ms.push_back(ms);
  };
  events::Consumer consumer(coptions, cpool, producer, dispatcher);
  relay.start();
  consumer.start();

  // Warm-up, untimed: one event through the whole pipeline (group join, partition assignment,
  // producer id), so the figures are those of the running system, not of its start.
  events::Outbox outbox(topic, "bench", pschema);
  ppool.transact([&](pqxx::work& tx) { outbox.append(tx, sample(-1), "warm-up"); });
  for (int i = 0; i < 600; ++i) {
    {
      std::lock_guard lock(mutex);
      if (!latencies_ms.empty()) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  {
    std::lock_guard lock(mutex);
    latencies_ms.clear();
  }

  const int total = rate * seconds;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < total; ++i) {
    std::this_thread::sleep_until(start + std::chrono::microseconds(1000000LL * i / rate));
    ppool.transact([&](pqxx::work& tx) {
      // occurred_at is stamped just before the commit: the latency starts at the outbox commit.
      outbox.append(tx, sample(i), "draw-" + std::to_string(i));
    });
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(mutex);
      if (static_cast<int>(latencies_ms.size()) >= total) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  consumer.stop();
  relay.stop();
  std::lock_guard lock(mutex);
  if (std::getenv("BENCH_TRACE")) {
    // p99 per second of the run, to tell warm-up from steady state.
    for (std::size_t s = 0; s * rate < latencies_ms.size(); ++s) {
      std::vector<double> w(latencies_ms.begin() + s * rate,
                            latencies_ms.begin() + std::min(latencies_ms.size(), (s + 1) * rate));
      std::sort(w.begin(), w.end());
      std::cerr << "second " << s << ": p50 " << w[w.size() / 2] << " p99 "
                << w[w.size() * 99 / 100] << "\n";
    }
  }
  auto v = latencies_ms;
  std::sort(v.begin(), v.end());
  if (v.empty()) {
    std::cout << "no events consumed" << std::endl;
    return 1;
  }
  auto pct = [&](double p) {
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
  };
  std::cout << "latency_events=" << v.size() << "/" << total << " rate=" << rate
            << "/s p50_ms=" << pct(0.50) << " p99_ms=" << pct(0.99) << " max_ms=" << v.back()
            << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  log::init("bench", log::Level::warn);
  if (argc >= 8 && std::string(argv[1]) == "relay") return relay(argv);
  if (argc >= 9 && std::string(argv[1]) == "latency") return latency(argv);
  std::cerr << "usage: bench-events relay CONNINFO SCHEMA BROKERS TOPIC COUNT PAYLOAD_FILE\n"
               "       bench-events latency CONNINFO PSCHEMA CSCHEMA BROKERS TOPIC RATE SECONDS\n";
  return 2;
}
