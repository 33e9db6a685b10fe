#include "assembly/events/relay.h"

#include <poll.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <system_error>
#include <unordered_set>

#include "assembly/events/outbox.h"
#include "assembly/logging/log.h"
#include "assembly/metrics/metrics.h"
#include "pq.h"
#include "wakeup.h"

namespace assembly::events {
namespace {

struct RelayMetrics {
  prometheus::Family<prometheus::Counter>& published =
      metrics::counter_family("events_published_total", "Outbox events delivered to Kafka");
  prometheus::Family<prometheus::Counter>& failed = metrics::counter_family(
      "events_publish_failures_total", "Outbox events whose delivery failed (retried later)");
  prometheus::Gauge& pending =
      metrics::gauge_family("outbox_pending_events",
                            "Outbox rows whose delivery failed in the last batch (retried)")
          .Add({});
  prometheus::Gauge& oldest = metrics::gauge_family("outbox_oldest_pending_seconds",
                                                    "Age of the oldest outbox row still to "
                                                    "publish after the relay's last pass (0: none)")
                                  .Add({});
  prometheus::Counter& published_all = published.Add({});
  prometheus::Counter& failed_all = failed.Add({});
};

RelayMetrics& relay_metrics() {
  static RelayMetrics m;
  return m;
}

struct Batch {
  std::mutex mutex;
  std::condition_variable cv;
  std::size_t outstanding = 0;
  std::vector<long long> delivered;
  std::size_t failures = 0;
  std::string first_error;
};

// One per row of a batch, allocated with the batch: the delivery report finds its row through it.
struct Slot : DeliveryTarget {
  Batch* batch = nullptr;
  long long id = 0;
  std::atomic<bool> failed{false};
  void delivered(const std::string& error) override {
    std::lock_guard lock(batch->mutex);
    if (error.empty()) {
      batch->delivered.push_back(id);
    } else {
      failed = true;
      if (batch->failures++ == 0) batch->first_error = error;
    }
    if (--batch->outstanding == 0) batch->cv.notify_all();
  }
};

}  // namespace

OutboxRelay::OutboxRelay(db::Pool& pool, Producer& producer, RelayOptions options)
    : pool_(pool),
      producer_(producer),
      options_(std::move(options)),
      wakeup_(std::make_shared<detail::Wakeup>()) {
  relay_metrics();
}

OutboxRelay::~OutboxRelay() {
  stop();
}

void OutboxRelay::start() {
  running_ = true;
  thread_ = std::thread([this] { loop(); });
}

void OutboxRelay::stop() {
  running_ = false;
  wakeup_->notify();  // out of its wait at once
  if (thread_.joinable()) thread_.join();
  disconnect();
}

void OutboxRelay::disconnect() {
  detail::clear_active_relay(options_.schema, wakeup_.get());
  conn_.reset();
}

bool OutboxRelay::ensure_connection() {
  if (conn_ && conn_->is_open()) return true;
  try {
    conn_ = std::make_unique<detail::PgConnection>(pool_);
    cursor_ = 0;
    // Only one relay per schema publishes: the lock goes with the session if the process dies.
    auto got = conn_->exec("SELECT pg_try_advisory_lock(hashtext($1))",
                           {"assembly.outbox-relay." + options_.schema});
    if (std::string_view(PQgetvalue(got.get(), 0, 0)) != "t") {
      disconnect();
      return false;
    }
    conn_->exec("LISTEN " + conn_->quote_name(outbox_channel(options_.schema)));
    detail::set_active_relay(options_.schema, wakeup_);
    return true;
  } catch (const std::exception& e) {
    log::warn("outbox relay cannot reach the database", {{"error", e.what()}});
    disconnect();
    return false;
  }
}

long OutboxRelay::drain_once() {
  if (!ensure_connection()) throw db::Unavailable("outbox relay: no database connection or lock");
  // Ids come from a sequence, so a transaction may commit a row below ids already published. Such
  // a row is found by a scan from the start of the table (delivered rows are deleted, so what that
  // scan finds is exactly what is still to publish). A drain goes on from the cursor, and scans
  // from the start when the cursor found nothing (a late commit's NOTIFY, or the idle poll) or
  // when the last full scan is older than full_scan_interval: a late row waits at most that long.
  auto now = std::chrono::steady_clock::now();
  if (now - last_full_scan_ >= options_.full_scan_interval) {
    last_full_scan_ = now;
    return drain_from(0);
  }
  bool read_any = false;
  long marked = drain_from(cursor_, &read_any);
  if (!read_any) {
    last_full_scan_ = now;
    marked += drain_from(0);
  }
  return marked;
}

long OutboxRelay::drain_from(long long start, bool* read_any) {
  cursor_ = start;
  // A batch handed to the producer. Its slots receive the delivery reports, so it is not freed
  // before the last report came, even when an error unwinds the drain.
  struct InFlight {
    detail::Rows rows;
    std::shared_ptr<Batch> batch;
    std::vector<Slot> slots;
    InFlight() = default;
    InFlight(InFlight&&) = default;
    InFlight& operator=(InFlight&&) = default;
    ~InFlight() {
      if (!batch) return;
      std::unique_lock lock(batch->mutex);
      batch->cv.wait(lock, [&] { return batch->outstanding == 0; });
    }
  };
  // The next rows after the cursor, in binary format. From the cursor on: the index range scan
  // skips the entries of rows already deleted (dead until vacuum).
  auto send_read = [this] {
    conn_->send(
        "SELECT id, topic, aggregate_id, envelope, traceparent FROM outbox WHERE id > $1 ORDER "
        "BY id LIMIT $2",
        {std::to_string(cursor_), std::to_string(options_.batch_size)}, 1);
  };
  // Keys (aggregates) with an event not delivered in this drain: their later events are held
  // back, so that none overtakes it (see docs/events.md, order).
  std::unordered_set<std::string> held;
  // Hands a batch's rows to the producer. The envelope carries the event type and id; the only
  // header is the event's traceparent.
  auto produce = [this, &held](detail::Rows rows) {
    InFlight f;
    f.rows = std::move(rows);
    f.batch = std::make_shared<Batch>();
    f.batch->outstanding = f.rows.size();
    f.slots = std::vector<Slot>(f.rows.size());
    std::string topic;
    for (std::size_t i = 0; i < f.rows.size(); ++i) {
      auto& slot = f.slots[i];
      slot.batch = f.batch.get();
      slot.id = f.rows.int8(i, 0);
      if (auto t = f.rows.bytes(i, 1); topic != t) topic = t;
      const auto key = f.rows.bytes(i, 2);
      if (!held.empty() && held.count(std::string(key))) {
        slot.delivered("held behind an earlier event of its key that was not delivered");
        continue;
      }
      producer_.produce(topic, key, f.rows.bytes(i, 3), &slot, f.rows.bytes(i, 4));
      // Refused at once (too large, unknown topic...): the key's later events wait for it.
      if (slot.failed) held.emplace(key);
    }
    return f;
  };
  // Waits for every delivery report of a batch (each comes within message.timeout.ms), deletes
  // the delivered rows — the topic is the record from then on, and a DELETE costs a fraction of
  // an UPDATE here — and returns the first id not delivered (0: all were).
  auto settle = [this, &held](InFlight& f, long& marked) -> long long {
    std::vector<long long> delivered;
    std::size_t failures = 0;
    std::string first_error;
    {
      std::unique_lock lock(f.batch->mutex);
      f.batch->cv.wait(lock, [&] { return f.batch->outstanding == 0; });
      delivered.swap(f.batch->delivered);
      failures = f.batch->failures;
      first_error = f.batch->first_error;
    }
    if (options_.after_delivery) options_.after_delivery(delivered.size());
    if (!delivered.empty()) {
      delete_delivered(f.rows, delivered);
      marked += static_cast<long>(delivered.size());
      relay_metrics().published_all.Increment(static_cast<double>(delivered.size()));
    }
    if (failures == 0) return 0;
    relay_metrics().failed_all.Increment(static_cast<double>(failures));
    relay_metrics().pending.Set(static_cast<double>(failures));
    log::warn("outbox delivery failed; will retry",
              {{"failed", failures}, {"delivered", delivered.size()}, {"error", first_error}});
    long long first = 0;
    for (std::size_t i = 0; i < f.rows.size(); ++i)
      if (f.slots[i].failed) {
        if (first == 0) first = f.rows.int8(i, 0);
        held.emplace(f.rows.bytes(i, 2));
      }
    return first;
  };

  // Two batches in flight: while the broker acknowledges one, the next is produced; and the
  // server reads the batch after that while this thread produces. Reading, producing and deleting
  // overlap instead of adding up. The connection runs one statement at a time: a read sent is
  // received before the previous batch's delete.
  long marked = 0;
  send_read();
  detail::Rows rows(conn_->receive());
  if (read_any && !rows.empty()) *read_any = true;
  std::optional<InFlight> previous;
  while (!rows.empty()) {
    cursor_ = rows.int8(rows.size() - 1, 0);
    const bool more = rows.size() == static_cast<std::size_t>(options_.batch_size);
    if (more) send_read();
    InFlight current = produce(std::move(rows));
    rows = more ? detail::Rows(conn_->receive()) : detail::Rows();
    if (previous) {
      if (long long failed = settle(*previous, marked); failed != 0) {
        settle(current, marked);
        cursor_ = failed - 1;  // resume at the first row not delivered; later ones may go out twice
        return marked;
      }
    }
    previous = std::move(current);
  }
  if (previous) {
    if (long long failed = settle(*previous, marked); failed != 0) {
      cursor_ = failed - 1;
      return marked;
    }
  }
  relay_metrics().pending.Set(0);
  return marked;
}

// The rows of a batch are the ones between its first and last id when the batch was read. When
// all were delivered they go by that range: a range scan, a fraction of the cost of looking up each
// id (0.3 s against 0.8 s for 200,000 rows). A row committed late inside the range (its id taken
// before the read, its commit after) was not read, so it must stay: the range delete is kept only
// if it removed exactly the batch's rows, otherwise it is rolled back and the ids go one by one.
void OutboxRelay::delete_delivered(const detail::Rows& rows,
                                   const std::vector<long long>& delivered) {
  if (delivered.size() == rows.size()) {
    conn_->exec("BEGIN");
    auto deleted = conn_->exec(
        "DELETE FROM outbox WHERE id BETWEEN $1 AND $2",
        {std::to_string(rows.int8(0, 0)), std::to_string(rows.int8(rows.size() - 1, 0))});
    if (detail::PgConnection::affected(deleted) == rows.size()) {
      conn_->exec("COMMIT");
      return;
    }
    conn_->exec("ROLLBACK");
  }
  std::string ids = "{";
  for (std::size_t i = 0; i < delivered.size(); ++i)
    ids += (i ? "," : "") + std::to_string(delivered[i]);
  ids += "}";
  conn_->exec("DELETE FROM outbox WHERE id = ANY($1::bigint[])",
              {ids});  // one statement: atomic by itself
}

// How long the first row still in the outbox has waited (ids follow commits closely enough).
double OutboxRelay::oldest_pending_seconds() {
  auto r = conn_->exec(
      "SELECT COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - (SELECT created_at FROM outbox "
      "ORDER BY id LIMIT 1)), 0)");
  return std::stod(PQgetvalue(r.get(), 0, 0));
}

// Until a writer of this process wakes the relay after its commit, a NOTIFY comes from another
// replica's writer, or the fallback interval passes.
void OutboxRelay::wait_for_work() {
  if (conn_->pending_notifications() > 0)
    return;  // already read from the socket with a query's result
  pollfd fds[2] = {{conn_->socket(), POLLIN, 0}, {wakeup_->fd(), POLLIN, 0}};
  if (::poll(fds, 2, static_cast<int>(options_.idle_wait.count())) < 0 && errno != EINTR)
    throw std::system_error(errno, std::generic_category(), "poll");
  if (fds[1].revents & POLLIN) wakeup_->clear();
  conn_->notifications();  // consumes what came on the socket; throws if the connection is lost
}

void OutboxRelay::loop() {
  while (running_) {
    if (!ensure_connection()) {
      std::this_thread::sleep_for(options_.retry_backoff);
      continue;
    }
    try {
      auto before = relay_metrics().failed_all.Value();
      drain_once();
      if (relay_metrics().failed_all.Value() > before) {
        relay_metrics().oldest.Set(oldest_pending_seconds());
        std::this_thread::sleep_for(options_.retry_backoff);
        continue;
      }
      relay_metrics().oldest.Set(0);
      wait_for_work();
    } catch (const std::exception& e) {
      log::warn("outbox relay lost its database connection", {{"error", e.what()}});
      disconnect();
      std::this_thread::sleep_for(options_.retry_backoff);
    }
  }
}

}  // namespace assembly::events
