#pragma once
// One idempotent Kafka producer per process (enable.idempotence, acks=all), polled by its own
// thread so delivery reports arrive without the callers polling.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

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
};

using Headers = std::vector<std::pair<std::string, std::string>>;
// Called once per message from the poll thread: error is empty on success.
using OnDelivery = std::function<void(const std::string& error)>;

class Producer {
 public:
  explicit Producer(ProducerOptions options);
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // Queues a message; blocks (polling) while the local queue is full.
  void produce(const std::string& topic, const std::string& key, const std::string& value,
               const Headers& headers, OnDelivery on_delivery);
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
