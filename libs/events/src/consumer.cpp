#include "assembly/events/consumer.h"

#include <librdkafka/rdkafkacpp.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>

#include <algorithm>
#include <future>
#include <mutex>

#include "assembly/logging/log.h"
#include "assembly/logging/trace.h"
#include "assembly/metrics/metrics.h"
#include "kafka_log.h"

namespace assembly::events {
namespace {

struct ConsumerMetrics {
  prometheus::Family<prometheus::Counter>& consumed =
      metrics::counter_family("events_consumed_total", "Events applied, by topic and type");
  prometheus::Family<prometheus::Counter>& duplicates = metrics::counter_family(
      "events_duplicates_total", "Redelivered events recognised by the inbox and skipped");
  prometheus::Family<prometheus::Counter>& retried = metrics::counter_family(
      "events_retried_total", "Handler attempts that failed and were retried");
  prometheus::Family<prometheus::Counter>& dead = metrics::counter_family(
      "events_dead_lettered_total", "Messages sent to the dead-letter topic");
  prometheus::Family<prometheus::Counter>& dead_letter_failures = metrics::counter_family(
      "events_dead_letter_failures_total",
      "Messages that could not be written to the dead-letter topic (kept, tried again)");
  prometheus::Family<prometheus::Gauge>& lag = metrics::gauge_family(
      "consumer_lag_messages", "Messages behind the partition's high watermark");
  std::mutex mutex;
  std::map<std::string, prometheus::Counter*> children;

  prometheus::Counter& child(prometheus::Family<prometheus::Counter>& f, const std::string& topic,
                             const std::string& type = {}) {
    std::lock_guard lock(mutex);
    auto key = f.GetName() + "|" + topic + "|" + type;
    auto& c = children[key];
    if (!c) {
      std::map<std::string, std::string> labels{{"topic", topic}};
      if (!type.empty()) labels["type"] = type;
      c = &f.Add(labels);
    }
    return *c;
  }
};

ConsumerMetrics& consumer_metrics() {
  static ConsumerMetrics m;
  return m;
}

void set(RdKafka::Conf& conf, const std::string& key, const std::string& value) {
  std::string err;
  if (conf.set(key, value, err) != RdKafka::Conf::CONF_OK)
    throw std::runtime_error("kafka consumer config " + key + ": " + err);
}

// Not the message's fault, and gone by itself after a while: the database away, a serialization
// failure or deadlock, a statement canceled by statement_timeout (57014), a lock not available
// (55P03). Retried, however long, never dead-lettered.
bool temporary(std::exception_ptr error) {
  if (db::is_transient(error)) return true;
  try {
    std::rethrow_exception(error);
  } catch (const pqxx::sql_error& e) {
    const std::string state = e.sqlstate();
    return state == "57014" || state == "55P03";
  } catch (...) {
  }
  return false;
}

// The record's `traceparent` header ("" when it has none).
std::string traceparent_of(RdKafka::Message& msg) {
  auto* headers = msg.headers();
  if (headers == nullptr) return {};
  auto h = headers->get_last("traceparent");
  if (h.err() != RdKafka::ERR_NO_ERROR || h.value() == nullptr) return {};
  // Anything longer is not a valid traceparent: not copied.
  if (h.value_size() > 64) return {};
  return std::string(static_cast<const char*>(h.value()), h.value_size());
}

}  // namespace

Consumer::Consumer(ConsumerOptions options, db::Pool& pool, Producer& dead_letters,
                   Dispatcher dispatcher)
    : options_(std::move(options)),
      pool_(pool),
      dead_letters_(dead_letters),
      dispatcher_(std::move(dispatcher)) {
  // Counters at zero for every subscribed topic, so dashboards and alerts see "none yet" rather
  // than no series at all (a dead letter's first increase would otherwise go unseen).
  auto& m = consumer_metrics();
  // The same for each event type handled, on its topic (the type's package, as topics are named
  // after the producer's package): every family a dashboard reads exists from the start.
  for (const auto& topic : options_.topics) {
    for (auto* family : {&m.duplicates, &m.retried, &m.dead, &m.dead_letter_failures})
      m.child(*family, topic);
    for (const auto& type : dispatcher_.types())
      if (type.size() > topic.size() && type.compare(0, topic.size(), topic) == 0 &&
          type[topic.size()] == '.')
        m.child(m.consumed, topic, type);
  }
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  set(*conf, "bootstrap.servers", options_.brokers);
  for (const auto& [key, value] : kafka_properties(options_.security)) set(*conf, key, value);
  set(*conf, "group.id", options_.group_id);
  // Small requests go out at once: with TLS, a record split over two segments otherwise waits
  // for the first one's delayed ACK (Nagle), some 40 ms a hop (BENCHMARKS.md, event latency).
  set(*conf, "socket.nagle.disable", "true");
  set(*conf, "client.id", options_.group_id);
  set(*conf, "enable.auto.commit", "true");
  set(*conf, "enable.auto.offset.store", "false");
  set(*conf, "auto.offset.reset", "earliest");
  set(*conf, "auto.commit.interval.ms", "500");
  set(*conf, "session.timeout.ms", std::to_string(options_.session_timeout_ms));
  set(*conf, "heartbeat.interval.ms",
      std::to_string(std::max(500, options_.session_timeout_ms / 4)));
  set(*conf, "reconnect.backoff.max.ms", "1000");
  std::string err;
  if (conf->set("event_cb", static_cast<RdKafka::EventCb*>(detail::kafka_log()), err) !=
      RdKafka::Conf::CONF_OK)
    throw std::runtime_error("kafka consumer event_cb: " + err);
  consumer_.reset(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!consumer_) throw std::runtime_error("kafka consumer: " + err);
}

Consumer::~Consumer() {
  stop();
}

void Consumer::start() {
  auto rc = consumer_->subscribe(options_.topics);
  if (rc != RdKafka::ERR_NO_ERROR)
    throw std::runtime_error("kafka subscribe: " + RdKafka::err2str(rc));
  running_ = true;
  thread_ = std::thread([this] { loop(); });
}

void Consumer::stop() {
  if (!consumer_) return;
  running_ = false;
  if (thread_.joinable()) thread_.join();
  // close() commits stored offsets and leaves the group; in 2.0.2 it can hang: bound it.
  auto* raw = consumer_.release();
  auto done = std::make_shared<std::promise<void>>();
  auto future = done->get_future();
  std::thread([raw, done] {
    raw->close();
    delete raw;
    done->set_value();
  }).detach();
  if (future.wait_for(std::chrono::seconds(5)) != std::future_status::ready)
    log::warn("kafka consumer close timed out; continuing shutdown");
}

void Consumer::loop() {
  while (running_) {
    std::unique_ptr<RdKafka::Message> msg(consumer_->consume(100));
    if (msg->err() == RdKafka::ERR_NO_ERROR) {
      handle(*msg);
    } else if (msg->err() != RdKafka::ERR__TIMED_OUT && msg->err() != RdKafka::ERR__PARTITION_EOF) {
      log::warn("kafka consume error", {{"error", msg->errstr()}});
    }
    auto now = std::chrono::steady_clock::now();
    if (now - last_lag_ > std::chrono::seconds(5)) {
      update_lag();
      last_lag_ = now;
    }
  }
}

void Consumer::handle(RdKafka::Message& msg) {
  const std::string topic = msg.topic_name();
  Envelope envelope;
  if (!envelope.ParseFromArray(msg.payload(), static_cast<int>(msg.len())) ||
      envelope.event_id().empty() || envelope.event_type().empty()) {
    give_up(msg, "not an event envelope");
    return;
  }
  // The record's trace (its traceparent header, else the envelope's trace id, else a new one): the
  // handler's logs and the events it writes carry it.
  log::TraceContextScope trace(log::continue_trace(traceparent_of(msg), envelope.trace_id()));
  const RawHandler* handler = dispatcher_.find(envelope.event_type());
  if (handler == nullptr) {  // not for us: acknowledged
    store_offset(msg);
    return;
  }
  int attempts = 0;
  auto temporary_wait = std::chrono::milliseconds(options_.retry_backoff * 5);
  while (running_) {
    try {
      bool applied = pool_.transact([&](pqxx::work& tx) {
        auto r = tx.exec_params(
            "INSERT INTO inbox (event_id, event_type, topic, kafka_partition, kafka_offset) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING",
            envelope.event_id(), envelope.event_type(), topic, msg.partition(),
            static_cast<long long>(msg.offset()));
        if (r.affected_rows() == 0) return false;  // applied before: no second effect
        (*handler)(tx, envelope);
        return true;
      });
      if (applied)
        consumer_metrics()
            .child(consumer_metrics().consumed, topic, envelope.event_type())
            .Increment();
      else
        consumer_metrics().child(consumer_metrics().duplicates, topic).Increment();
      if (options_.after_commit) options_.after_commit();
      store_offset(msg);
      return;
    } catch (const Poison& e) {
      give_up(msg, e.what());
      return;
    } catch (...) {
      auto error = std::current_exception();
      std::string what = "unknown error";
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      consumer_metrics().child(consumer_metrics().retried, topic).Increment();
      if (temporary(error)) {
        // Not the message's fault: wait for it to pass, however long, backing off (from five
        // times retry_backoff, doubling, up to max_backoff).
        log::warn("temporary database error while applying an event; retrying", {{"error", what}});
        pause(temporary_wait);
        temporary_wait = std::min(temporary_wait * 2, options_.max_backoff);
        continue;
      }
      if (++attempts >= options_.max_attempts) {
        give_up(msg, what);
        return;
      }
      pause(options_.retry_backoff * attempts);
    }
  }
}

void Consumer::pause(std::chrono::milliseconds wait) {
  const auto until = std::chrono::steady_clock::now() + wait;
  while (running_ && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::min(std::chrono::milliseconds(50), wait));
}

void Consumer::give_up(RdKafka::Message& msg, const std::string& error) {
  if (dead_letter(msg, error)) {
    store_offset(msg);
    return;
  }
  // Not written: the record stays. Its offset is not stored, and the partition goes back to it
  // (the records after it wait), to try again after a pause; a stop meanwhile leaves it for the
  // next consumer of the group.
  std::vector<RdKafka::TopicPartition*> parts = {
      RdKafka::TopicPartition::create(msg.topic_name(), msg.partition(), msg.offset())};
  auto rc = consumer_->seek(*parts[0], 2000);
  RdKafka::TopicPartition::destroy(parts);
  if (rc != RdKafka::ERR_NO_ERROR)
    log::warn("seek back to a record not dead-lettered failed", {{"error", RdKafka::err2str(rc)}});
  pause(options_.max_backoff);
}

bool Consumer::dead_letter(RdKafka::Message& msg, const std::string& error) {
  std::string key = msg.key() ? *msg.key() : std::string();
  std::string value(static_cast<const char*>(msg.payload()), msg.len());
  Headers headers = {{"dlq-error", error},
                     {"dlq-source-topic", msg.topic_name()},
                     {"dlq-source-partition", std::to_string(msg.partition())},
                     {"dlq-source-offset", std::to_string(msg.offset())},
                     {"dlq-consumer-group", options_.group_id}};
  // The offset moves on only once the dead letter is safely written. A bounded number of tries,
  // each waited for only while the consumer runs: a stop is never held up by it.
  for (int attempt = 1; attempt <= options_.dead_letter_attempts && running_; ++attempt) {
    auto report = std::make_shared<std::promise<std::string>>();
    auto done = report->get_future();
    dead_letters_.produce(options_.dead_letter_topic, key, value, headers,
                          [report](const std::string& e) { report->set_value(e); });
    while (running_ && done.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
    }
    if (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready) break;  // stopping
    auto err = done.get();
    if (err.empty()) {
      consumer_metrics().child(consumer_metrics().dead, msg.topic_name()).Increment();
      log::error("event dead-lettered", {{"topic", msg.topic_name()},
                                         {"partition", msg.partition()},
                                         {"offset", msg.offset()},
                                         {"error", error}});
      return true;
    }
    log::warn("dead-letter produce failed", {{"error", err}, {"attempt", attempt}});
    if (attempt < options_.dead_letter_attempts) pause(options_.retry_backoff * 5 * attempt);
  }
  consumer_metrics().child(consumer_metrics().dead_letter_failures, msg.topic_name()).Increment();
  log::error("event not dead-lettered; the record stays and is tried again",
             {{"topic", msg.topic_name()},
              {"partition", msg.partition()},
              {"offset", msg.offset()},
              {"error", error}});
  return false;
}

void Consumer::store_offset(RdKafka::Message& msg) {
  std::vector<RdKafka::TopicPartition*> parts = {
      RdKafka::TopicPartition::create(msg.topic_name(), msg.partition(), msg.offset() + 1)};
  auto rc = consumer_->offsets_store(parts);
  if (rc != RdKafka::ERR_NO_ERROR)
    log::warn("offset store failed (partition revoked?)", {{"error", RdKafka::err2str(rc)}});
  RdKafka::TopicPartition::destroy(parts);
}

void Consumer::update_lag() {
  std::vector<RdKafka::TopicPartition*> parts;
  if (consumer_->assignment(parts) != RdKafka::ERR_NO_ERROR) return;
  consumer_->position(parts);
  // A partition with nothing consumed since it was assigned has no position yet: its committed
  // offset says where the group stands (not the low watermark, which would count every message
  // already applied as lag). Asking the broker for it is a round trip that holds up this loop, so
  // it is asked only for such partitions (an idle one, or one just assigned).
  std::vector<RdKafka::TopicPartition*> committed;
  for (auto* p : parts)
    if (p->offset() < 0)
      committed.push_back(RdKafka::TopicPartition::create(p->topic(), p->partition()));
  const bool have_committed =
      !committed.empty() && consumer_->committed(committed, 2000) == RdKafka::ERR_NO_ERROR;
  for (std::size_t i = 0, unknown = 0; i < parts.size(); ++i) {
    auto* p = parts[i];
    auto pos = p->offset();
    if (pos < 0 && have_committed) pos = committed[unknown]->offset();
    if (p->offset() < 0) ++unknown;
    int64_t low = 0, high = 0;
    if (consumer_->get_watermark_offsets(p->topic(), p->partition(), &low, &high) !=
        RdKafka::ERR_NO_ERROR)
      continue;
    if (pos < 0) pos = low;
    consumer_metrics()
        .lag.Add({{"topic", p->topic()}, {"partition", std::to_string(p->partition())}})
        .Set(static_cast<double>(std::max<int64_t>(0, high - pos)));
  }
  RdKafka::TopicPartition::destroy(parts);
  RdKafka::TopicPartition::destroy(committed);
}

}  // namespace assembly::events
