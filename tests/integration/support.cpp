#include "support.h"

#include <memory>
#include <stdexcept>

#include "assembly/db/migrations.h"
#include "assembly/events/outbox.h"
#include "assembly/sortition/v1/events.pb.h"
#include "assembly/testing/stack.h"

namespace itest_support {

namespace {
// The tests' Kafka principal on a librdkafka configuration.
void set_security(RdKafka::Conf& conf) {
  std::string err;
  for (const auto& [k, v] : assembly::events::kafka_properties(assembly::itest::kafka_security()))
    if (conf.set(k, v, err) != RdKafka::Conf::CONF_OK) throw std::runtime_error(k + ": " + err);
}
}  // namespace

std::vector<Record> read_topic(const std::string& brokers, const std::string& topic,
                               std::size_t expected, std::chrono::seconds timeout) {
  std::string err;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  conf->set("bootstrap.servers", brokers, err);
  set_security(*conf);
  conf->set("group.id",
            "reader-" + topic + "-" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()),
            err);
  conf->set("auto.offset.reset", "earliest", err);
  conf->set("enable.auto.commit", "false", err);
  std::unique_ptr<RdKafka::KafkaConsumer> c(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!c) throw std::runtime_error(err);
  c->subscribe({topic});
  std::vector<Record> out;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out.size() < expected && std::chrono::steady_clock::now() < deadline) {
    std::unique_ptr<RdKafka::Message> m(c->consume(200));
    if (m->err() != RdKafka::ERR_NO_ERROR) continue;
    Record r;
    if (m->key()) r.key = *m->key();
    r.value.assign(static_cast<const char*>(m->payload()), m->len());
    if (auto* hs = m->headers())
      for (const auto& h : hs->get_all())
        r.headers[h.key()] = std::string(static_cast<const char*>(h.value()), h.value_size());
    out.push_back(std::move(r));
  }
  c->close();
  return out;
}

long topic_size(const std::string& brokers, const std::string& topic, int partitions) {
  std::string err;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  conf->set("bootstrap.servers", brokers, err);
  set_security(*conf);
  std::unique_ptr<RdKafka::Producer> p(RdKafka::Producer::create(conf.get(), err));
  if (!p) throw std::runtime_error(err);
  long total = 0;
  for (int i = 0; i < partitions; ++i) {
    int64_t low = 0, high = 0;
    if (p->query_watermark_offsets(topic, i, &low, &high, 10000) != RdKafka::ERR_NO_ERROR)
      throw std::runtime_error("cannot read the watermarks of " + topic);
    total += high;
  }
  return total;
}

long scalar(const std::string& conninfo, const std::string& sql) {
  pqxx::connection conn(conninfo);
  pqxx::nontransaction tx(conn);
  return tx.exec(sql)[0][0].as<long>();
}

void write_events(const std::string& conninfo, const std::string& schema, const std::string& topic,
                  int count) {
  pqxx::connection conn(conninfo);
  assembly::db::migrate(conn, schema, assembly::events::migrations());
  assembly::events::Outbox outbox(topic, "harness", schema);
  for (int start = 0; start < count; start += 100) {
    pqxx::work tx(conn);
    tx.exec("SET LOCAL search_path TO " + tx.quote_name(schema));
    for (int i = start; i < std::min(count, start + 100); ++i) {
      assembly::sortition::v1::PanelSelected e;
      e.set_draw_id("d" + std::to_string(i));
      e.set_assembly_id("harness");
      outbox.append(tx, e, e.draw_id());
    }
    tx.commit();
  }
}

OutboxCase::OutboxCase(const std::string& name, int partitions, int initial)
    : schema(name),
      topic(assembly::itest::create_topic(name, partitions)),
      pg(assembly::itest::pg_conninfo()),
      brokers(assembly::itest::kafka_brokers()) {
  write_events(pg, schema.name(), topic, initial);
}

OutboxCase::~OutboxCase() {
  assembly::itest::delete_topic(topic);
}

long OutboxCase::unsent() const {
  return scalar(pg, "SELECT count(*) FROM " + schema.name() + ".outbox");
}

assembly::events::RelayOptions OutboxCase::relay_options() const {
  assembly::events::RelayOptions options;
  options.schema = schema.name();
  return options;
}

void OutboxCase::append_uncommitted(pqxx::work& tx, const std::string& id) const {
  tx.exec("SET LOCAL search_path TO " + tx.quote_name(schema.name()));
  assembly::sortition::v1::PanelSelected e;
  e.set_draw_id(id);
  assembly::events::Outbox(topic, "test", schema.name()).append(tx, e, id);
}

RelayParts::RelayParts(const OutboxCase& c, const std::string& client)
    : pool({c.pg, c.schema.name(), 2}), producer(assembly::itest::producer_options(client)) {}

}  // namespace itest_support
