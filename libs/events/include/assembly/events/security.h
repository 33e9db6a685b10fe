#pragma once
// How the services reach the cluster's Kafka: plaintext on loopback here; TLS and SASL in a city's
// cluster (Strimzi and the like). One place turns the settings into librdkafka properties, for the
// producer and the consumer alike.
#include <map>
#include <string>

namespace assembly::events {

struct KafkaSecurity {
  std::string protocol = "plaintext";  // plaintext | ssl | sasl_plaintext | sasl_ssl
  std::string sasl_mechanism{};        // PLAIN | SCRAM-SHA-256 | SCRAM-SHA-512 (sasl_* only)
  std::string sasl_username{};
  std::string sasl_password{};  // read from a mounted file, never from the environment itself
  std::string ssl_ca_file{};    // PEM bundle; empty: the system's CAs (ssl, sasl_ssl)
};

// The librdkafka properties for these settings; std::invalid_argument naming the setting at fault
// (a SASL protocol without mechanism, user or password; an unknown protocol or mechanism).
std::map<std::string, std::string> kafka_properties(const KafkaSecurity& s);

}  // namespace assembly::events
