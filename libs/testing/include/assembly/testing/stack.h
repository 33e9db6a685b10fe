#pragma once
// The local stack (ops/stack) as integration tests see it: variables from var/stack.env,
// throw-away schemas owned by the test role, throw-away topics. A missing variable fails the
// test with a message saying to run ops/test; it never skips silently.
#include <map>
#include <string>
#include <vector>

#include "assembly/events/producer.h"
#include "assembly/events/security.h"

namespace assembly::itest {

std::string env(const std::string& name);  // the variable, or a test failure naming it
std::string pg_conninfo();                 // TEST_PG_CONNINFO
std::string kafka_brokers();               // KAFKA_BROKERS

// The tests' Kafka principal: KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_CA_FILE,
// KAFKA_SSL_CERTIFICATE_FILE and KAFKA_SSL_KEY_FILE of var/stack.env (the certificate of `tester`;
// the KAFKA_SASL_* settings when given instead; plaintext when the protocol is unset).
events::KafkaSecurity kafka_security();
// A service's own principal (its certificate KAFKA_<SERVICE>_CERTIFICATE_FILE and key
// KAFKA_<SERVICE>_KEY_FILE), for the tests that act as that service.
events::KafkaSecurity kafka_security_of(const std::string& service);
// A producer's options as the tests' principal.
events::ProducerOptions producer_options(const std::string& client_id);
// The environment a service started by a test needs to reach Kafka as the tests' principal.
std::map<std::string, std::string> kafka_env();

// A new empty schema (dropped by the destructor) for one test.
class TempSchema {
 public:
  explicit TempSchema(const std::string& prefix = "t");
  ~TempSchema();
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

// Creates a topic with the given partitions (librdkafka admin API); returns its unique name.
std::string create_topic(const std::string& prefix, int partitions);
void delete_topic(const std::string& name);

// Runs a shell command and returns its exit status (for stopping and starting the broker).
int shell(const std::string& command);

}  // namespace assembly::itest
