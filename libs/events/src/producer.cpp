#include "assembly/events/producer.h"

#include <librdkafka/rdkafkacpp.h>

#include <future>
#include <stdexcept>

#include "assembly/logging/log.h"
#include "kafka_log.h"

namespace assembly::events {
namespace {

class FunctionTarget : public DeliveryTarget {
 public:
  explicit FunctionTarget(OnDelivery fn) : fn_(std::move(fn)) {}
  void delivered(const std::string& error) override { fn_(error); }
  bool owned_by_report() const override { return true; }

 private:
  OnDelivery fn_;
};

class ReportCb : public RdKafka::DeliveryReportCb {
 public:
  void dr_cb(RdKafka::Message& message) override {
    auto* target = static_cast<DeliveryTarget*>(message.msg_opaque());
    if (target == nullptr) return;
    // Ask before reporting: once delivered() returns, a target the report does not own (a
    // relay batch slot) may already be freed by the thread it woke.
    const bool owned = target->owned_by_report();
    target->delivered(message.err() == RdKafka::ERR_NO_ERROR ? std::string() : message.errstr());
    if (owned) delete target;
  }
};

void set(RdKafka::Conf& conf, const std::string& key, const std::string& value) {
  std::string err;
  if (conf.set(key, value, err) != RdKafka::Conf::CONF_OK)
    throw std::runtime_error("kafka producer config " + key + ": " + err);
}

}  // namespace

Producer::Producer(ProducerOptions options) : report_cb_(std::make_unique<ReportCb>()) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  set(*conf, "bootstrap.servers", options.brokers);
  for (const auto& [key, value] : kafka_properties(options.security)) set(*conf, key, value);
  set(*conf, "client.id", options.client_id);
  // Small requests go out at once: with TLS, a record split over two segments otherwise waits
  // for the first one's delayed ACK (Nagle), some 40 ms a hop (BENCHMARKS.md, event latency).
  set(*conf, "socket.nagle.disable", "true");
  set(*conf, "enable.idempotence", "true");
  set(*conf, "acks", "all");
  set(*conf, "linger.ms", std::to_string(options.linger_ms));
  set(*conf, "message.timeout.ms", std::to_string(options.message_timeout_ms));
  set(*conf, "reconnect.backoff.max.ms", "1000");
  std::string err;
  if (conf->set("event_cb", static_cast<RdKafka::EventCb*>(detail::kafka_log()), err) !=
      RdKafka::Conf::CONF_OK)
    throw std::runtime_error("kafka producer event_cb: " + err);
  if (conf->set("dr_cb", report_cb_.get(), err) != RdKafka::Conf::CONF_OK)
    throw std::runtime_error("kafka producer dr_cb: " + err);
  producer_.reset(RdKafka::Producer::create(conf.get(), err));
  if (!producer_) throw std::runtime_error("kafka producer: " + err);
  poller_ = std::thread([this] {
    while (running_.load()) producer_->poll(50);
  });
}

Producer::~Producer() {
  close(std::chrono::milliseconds(3000));
}

void Producer::produce(const std::string& topic, const std::string& key, const std::string& value,
                       const Headers& headers, OnDelivery on_delivery) {
  auto* target = new FunctionTarget(std::move(on_delivery));
  while (true) {
    RdKafka::Headers* hs = nullptr;
    if (!headers.empty()) {
      hs = RdKafka::Headers::create();
      for (const auto& [k, v] : headers) hs->add(k, v);
    }
    auto rc =
        producer_->produce(topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
                           const_cast<char*>(value.data()), value.size(), key.data(), key.size(), 0,
                           hs, static_cast<DeliveryTarget*>(target));
    if (rc == RdKafka::ERR_NO_ERROR) return;  // librdkafka owns the headers now
    delete hs;
    if (rc == RdKafka::ERR__QUEUE_FULL) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    target->delivered(RdKafka::err2str(rc));
    delete target;
    return;
  }
}

void Producer::produce(const std::string& topic, std::string_view key, std::string_view value,
                       DeliveryTarget* target, std::string_view traceparent) {
  while (true) {
    RdKafka::Headers* hs = nullptr;
    if (!traceparent.empty()) {
      hs = RdKafka::Headers::create();
      hs->add("traceparent", traceparent.data(), traceparent.size());
    }
    auto rc = producer_->produce(topic, RdKafka::Topic::PARTITION_UA,
                                 RdKafka::Producer::RK_MSG_COPY, const_cast<char*>(value.data()),
                                 value.size(), key.data(), key.size(), 0, hs, target);
    if (rc == RdKafka::ERR_NO_ERROR) return;  // librdkafka owns the headers now
    delete hs;
    if (rc == RdKafka::ERR__QUEUE_FULL) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    target->delivered(RdKafka::err2str(rc));
    return;
  }
}

std::string Producer::produce_sync(const std::string& topic, const std::string& key,
                                   const std::string& value, const Headers& headers) {
  auto promise = std::make_shared<std::promise<std::string>>();
  auto future = promise->get_future();
  produce(topic, key, value, headers, [promise](const std::string& e) { promise->set_value(e); });
  return future.get();
}

bool Producer::reachable(std::chrono::milliseconds timeout) {
  RdKafka::Metadata* md = nullptr;
  auto rc = producer_->metadata(false, nullptr, &md, static_cast<int>(timeout.count()));
  delete md;
  return rc == RdKafka::ERR_NO_ERROR;
}

void Producer::close(std::chrono::milliseconds timeout) {
  if (!poller_.joinable()) return;
  producer_->flush(static_cast<int>(timeout.count()));
  running_ = false;
  poller_.join();
  if (producer_->outq_len() > 0)
    log::warn("kafka producer closed with messages undelivered",
              {{"queued", producer_->outq_len()}});
}

}  // namespace assembly::events
