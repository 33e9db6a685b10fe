#include "assembly/testing/stack.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <pqxx/pqxx>
#include <stdexcept>

#include "assembly/core/ids.h"

namespace assembly::itest {

std::string env(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr || *v == '\0')
    throw std::runtime_error(name +
                             " is not set: integration tests run through ops/test, which "
                             "starts the local stack and exports var/stack.env");
  return v;
}

std::string pg_conninfo() {
  return env("TEST_PG_CONNINFO");
}
std::string kafka_brokers() {
  return env("KAFKA_BROKERS");
}

namespace {
std::string optional_env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string password_in(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the Kafka password file " + file);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}
}  // namespace

events::KafkaSecurity kafka_security() {
  events::KafkaSecurity s;
  const auto protocol = optional_env("KAFKA_SECURITY_PROTOCOL");
  if (protocol.empty()) return s;
  s.protocol = protocol;
  s.sasl_mechanism = optional_env("KAFKA_SASL_MECHANISM");
  s.sasl_username = optional_env("KAFKA_SASL_USERNAME");
  const auto file = optional_env("KAFKA_SASL_PASSWORD_FILE");
  if (!file.empty()) s.sasl_password = password_in(file);
  s.ssl_ca_file = optional_env("KAFKA_SSL_CA_FILE");
  s.ssl_certificate_file = optional_env("KAFKA_SSL_CERTIFICATE_FILE");
  s.ssl_key_file = optional_env("KAFKA_SSL_KEY_FILE");
  return s;
}

events::KafkaSecurity kafka_security_of(const std::string& service) {
  auto s = kafka_security();
  std::string prefix = "KAFKA_" + service + "_";
  for (auto& c : prefix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  s.ssl_certificate_file = env(prefix + "CERTIFICATE_FILE");
  s.ssl_key_file = env(prefix + "KEY_FILE");
  return s;
}

events::ProducerOptions producer_options(const std::string& client_id) {
  events::ProducerOptions o;
  o.brokers = kafka_brokers();
  o.client_id = client_id;
  o.security = kafka_security();
  return o;
}

std::map<std::string, std::string> kafka_env() {
  std::map<std::string, std::string> out = {{"KAFKA_BROKERS", kafka_brokers()}};
  for (const char* name : {"KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME",
                           "KAFKA_SASL_PASSWORD_FILE", "KAFKA_SSL_CA_FILE",
                           "KAFKA_SSL_CERTIFICATE_FILE", "KAFKA_SSL_KEY_FILE"})
    if (const auto v = optional_env(name); !v.empty()) out[name] = v;
  return out;
}

TempSchema::TempSchema(const std::string& prefix) {
  auto id = core::new_uuid().substr(0, 8);
  name_ = prefix + "_" + id;
  pqxx::connection c(pg_conninfo());
  pqxx::nontransaction tx(c);
  tx.exec("CREATE SCHEMA " + tx.quote_name(name_));
}

TempSchema::~TempSchema() {
  try {
    pqxx::connection c(pg_conninfo());
    pqxx::nontransaction tx(c);
    tx.exec("DROP SCHEMA IF EXISTS " + tx.quote_name(name_) + " CASCADE");
  } catch (...) {
  }
}

namespace {
rd_kafka_t* admin_client() {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", kafka_brokers().c_str(), err, sizeof err);
  for (const auto& [k, v] : events::kafka_properties(kafka_security()))
    if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK)
      throw std::runtime_error("kafka admin client: " + k + ": " + err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) throw std::runtime_error(std::string("kafka admin client: ") + err);
  return rk;
}

void wait_admin(rd_kafka_t* rk, rd_kafka_queue_t* q, const std::string& what) {
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000);
  if (!ev) throw std::runtime_error(what + ": no answer from the broker");
  std::string error;
  if (rd_kafka_event_error(ev)) error = rd_kafka_event_error_string(ev);
  const rd_kafka_CreateTopics_result_t* cr = rd_kafka_event_CreateTopics_result(ev);
  if (cr) {
    size_t n = 0;
    const rd_kafka_topic_result_t** res = rd_kafka_CreateTopics_result_topics(cr, &n);
    for (size_t i = 0; i < n; ++i)
      if (rd_kafka_topic_result_error(res[i]) &&
          rd_kafka_topic_result_error(res[i]) != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        error = rd_kafka_topic_result_error_string(res[i]);
  }
  rd_kafka_event_destroy(ev);
  (void)rk;
  if (!error.empty()) throw std::runtime_error(what + ": " + error);
}
}  // namespace

std::string create_topic(const std::string& prefix, int partitions) {
  std::string name = "test." + prefix + "." + core::new_uuid().substr(0, 8);
  rd_kafka_t* rk = admin_client();
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  char err[512];
  // Replicas: the brokers' default (-1): three at cluster shape, whose min.insync.replicas (2)
  // a topic of one replica could never meet.
  rd_kafka_NewTopic_t* t = rd_kafka_NewTopic_new(name.c_str(), partitions, -1, err, sizeof err);
  rd_kafka_CreateTopics(rk, &t, 1, nullptr, q);
  try {
    wait_admin(rk, q, "create topic " + name);
  } catch (...) {
    rd_kafka_NewTopic_destroy(t);
    rd_kafka_queue_destroy(q);
    rd_kafka_destroy(rk);
    throw;
  }
  rd_kafka_NewTopic_destroy(t);
  rd_kafka_queue_destroy(q);
  rd_kafka_destroy(rk);
  return name;
}

void delete_topic(const std::string& name) {
  rd_kafka_t* rk = admin_client();
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  rd_kafka_DeleteTopic_t* t = rd_kafka_DeleteTopic_new(name.c_str());
  rd_kafka_DeleteTopics(rk, &t, 1, nullptr, q);
  if (rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 10000)) rd_kafka_event_destroy(ev);
  rd_kafka_DeleteTopic_destroy(t);
  rd_kafka_queue_destroy(q);
  rd_kafka_destroy(rk);
}

int shell(const std::string& command) {
  int rc = std::system(command.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace assembly::itest
