#pragma once
// The consumer loop: one message at a time (librdkafka 2.0's batch APIs can lose messages on
// rebalance); for each, one PostgreSQL transaction inserts the event id into the inbox and applies
// the handler; the offset is stored only after that commit (enable.auto.offset.store=false), so a
// crash anywhere redelivers and the inbox makes the second delivery a no-op. A message that cannot
// be applied goes, after bounded retries, to the dead-letter topic with the error in its headers;
// temporary database errors are retried until they pass. A dead letter that cannot be written
// leaves the record unconsumed, to try again. The record's `traceparent` header gives the trace
// of the handler's logs and events.
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "assembly/db/pool.h"
#include "assembly/events/envelope.h"
#include "assembly/events/producer.h"
#include "assembly/events/security.h"

namespace RdKafka {
class KafkaConsumer;
class Message;
}  // namespace RdKafka

namespace assembly::events {

using RawHandler = std::function<void(pqxx::work&, const Envelope&)>;

// Handlers by event type; an event type with no handler is acknowledged and skipped.
class Dispatcher {
 public:
  template <typename M, typename Fn>
  Dispatcher& on(Fn handler) {
    handlers_[M::descriptor()->full_name()] = [handler](pqxx::work& tx, const Envelope& e) {
      handler(tx, unwrap<M>(e), e);
    };
    return *this;
  }
  const RawHandler* find(const std::string& type) const {
    auto it = handlers_.find(type);
    return it == handlers_.end() ? nullptr : &it->second;
  }
  bool empty() const { return handlers_.empty(); }
  // The event types handled, by full name ("assembly.membership.v1.MemberDeclined").
  std::vector<std::string> types() const {
    std::vector<std::string> out;
    for (const auto& [type, _] : handlers_) out.push_back(type);
    return out;
  }

 private:
  std::map<std::string, RawHandler> handlers_;
};

struct ConsumerOptions {
  std::string brokers;
  std::string group_id;
  std::vector<std::string> topics;
  std::string dead_letter_topic = "assembly.deadletter.v1";
  // For handler errors. Temporary database errors (lost connection, serialization failure,
  // deadlock, statement_timeout, lock not available) are retried until they pass.
  int max_attempts = 3;
  std::chrono::milliseconds retry_backoff{200};
  // The longest wait between tries of a temporary error, and before a record that could not be
  // dead-lettered is tried again.
  std::chrono::milliseconds max_backoff{5000};
  // Tries of a dead-letter write before the record is left where it is (offset not stored).
  int dead_letter_attempts = 3;
  // A consumer that died holds its partitions this long before the group reassigns them.
  int session_timeout_ms = 10000;
  // Fault injection for tests: called after the inbox transaction commits, before the offset store.
  std::function<void()> after_commit{};
  KafkaSecurity security{};  // TLS and SASL (plaintext by default)
};

class Consumer {
 public:
  Consumer(ConsumerOptions options, db::Pool& pool, Producer& dead_letters, Dispatcher dispatcher);
  ~Consumer();
  void start();
  // Stops the loop, then closes the consumer with a bounded wait (close() can hang in 2.0.2).
  void stop();
  bool running() const { return running_; }

 private:
  void loop();
  void handle(RdKafka::Message& message);
  // Dead-letters the message and stores its offset; when the dead letter cannot be written, leaves
  // the record unconsumed (the partition goes back to it) and pauses.
  void give_up(RdKafka::Message& message, const std::string& error);
  bool dead_letter(RdKafka::Message& message, const std::string& error);
  // Sleeps, returning early when the consumer stops.
  void pause(std::chrono::milliseconds wait);
  void store_offset(RdKafka::Message& message);
  void update_lag();

  ConsumerOptions options_;
  db::Pool& pool_;
  Producer& dead_letters_;
  Dispatcher dispatcher_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  std::atomic<bool> running_{false};
  std::thread thread_;
  std::chrono::steady_clock::time_point last_lag_{};
};

}  // namespace assembly::events
