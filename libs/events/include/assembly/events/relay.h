#pragma once
// The outbox relay: publishes committed outbox rows to Kafka in id order, key = aggregate id,
// with the event's `traceparent` header, and marks a row sent — deletes it — only when its
// delivery report says so. An event not delivered holds back the later events of its key (none
// overtakes it). One relay per schema
// is active at a time (a PostgreSQL advisory lock), so a scaled-out service keeps per-aggregate
// order.
#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "assembly/db/pool.h"
#include "assembly/events/producer.h"

namespace assembly::events {
namespace detail {
class Wakeup;
class PgConnection;
class Rows;
}  // namespace detail

struct RelayOptions {
  std::string schema;
  int batch_size = 10000;                         // rows per read; two batches are in flight
  std::chrono::milliseconds idle_wait{500};       // fallback poll when no NOTIFY arrives
  std::chrono::milliseconds retry_backoff{1000};  // after a failed batch or a lost database
  // Longest wait of a row committed below ids already published (see drain_once).
  std::chrono::milliseconds full_scan_interval{1000};
  // Fault injection for tests: called after a batch's delivery reports, before it is marked sent.
  std::function<void(std::size_t delivered)> after_delivery{};
};

class OutboxRelay {
 public:
  OutboxRelay(db::Pool& pool, Producer& producer, RelayOptions options);
  ~OutboxRelay();
  void start();
  void stop();
  // Publishes what is pending now, in batches; returns how many rows it marked sent.
  // The background loop calls it; tests and tools may too (with the loop stopped).
  long drain_once();

 private:
  void loop();
  bool ensure_connection();
  void disconnect();
  void wait_for_work();
  long drain_from(long long start, bool* read_any = nullptr);
  void delete_delivered(const detail::Rows& rows, const std::vector<long long>& delivered);
  double oldest_pending_seconds();

  db::Pool& pool_;
  Producer& producer_;
  RelayOptions options_;
  std::shared_ptr<detail::Wakeup> wakeup_;  // from this process's writers, while active
  std::unique_ptr<detail::PgConnection> conn_;
  std::atomic<bool> running_{false};
  std::thread thread_;
  long long cursor_ = 0;  // highest outbox id handed to the producer in this drain
  std::chrono::steady_clock::time_point last_full_scan_{};
};

}  // namespace assembly::events
