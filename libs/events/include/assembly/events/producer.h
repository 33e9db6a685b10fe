#pragma once
// One idempotent Kafka producer per process (enable.idempotence, acks=all), polled by its own
// thread so delivery reports arrive without the callers polling.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "assembly/events/security.h"

namespace RdKafka {
class Producer;
class DeliveryReportCb;
}  // namespace RdKafka

namespace assembly::events {

struct ProducerOptions {
  std::string brokers;
  std::string client_id = "assembly";
  int message_timeout_ms = 10000;  // a delivery report (success or failure) comes within this
  int linger_ms = 2;
  KafkaSecurity security{};  // TLS and SASL (plaintext by default)
};

using Headers = std::vector<std::pair<std::string, std::string>>;
// Called once per message from the poll thread: error is empty on success.
using OnDelivery = std::function<void(const std::string& error)>;

// Receives one message's delivery report (from the poll thread). The relay keeps one per row in
// its batch, so a message costs no allocation of its own.
class DeliveryTarget {
 public:
  virtual ~DeliveryTarget() = default;
  virtual void delivered(const std::string& error) = 0;
  // True when the report should delete the target (one-off callbacks).
  virtual bool owned_by_report() const { return false; }
};

class Producer {
 public:
  explicit Producer(ProducerOptions options);
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // Queues a message; blocks (polling) while the local queue is full.
  void produce(const std::string& topic, const std::string& key, const std::string& value,
               const Headers& headers, OnDelivery on_delivery);
  // The same with at most the `traceparent` header (none when empty), and no allocation without
  // it: target must outlive the report. A message refused at once (say, larger than the producer
  // accepts) is reported to target before this returns.
  void produce(const std::string& topic, std::string_view key, std::string_view value,
               DeliveryTarget* target, std::string_view traceparent = {});
  // Produces and waits for the delivery report; returns the error ("" on success).
  std::string produce_sync(const std::string& topic, const std::string& key,
                           const std::string& value, const Headers& headers);
  // True when the broker answers a metadata request within the timeout.
  bool reachable(std::chrono::milliseconds timeout);
  // Waits for outstanding deliveries (bounded), then stops the poll thread.
  void close(std::chrono::milliseconds timeout);

 private:
  std::unique_ptr<RdKafka::DeliveryReportCb> report_cb_;
  std::unique_ptr<RdKafka::Producer> producer_;
  std::atomic<bool> running_{true};
  std::thread poller_;
};

}  // namespace assembly::events
