#pragma once
// How the services reach Kafka: TLS with a client certificate (mutual TLS: the certificate is the
// principal) on the local stack; TLS and SASL, or TLS with a client certificate, in a city's
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
  // The client's own certificate (PEM, with its chain) and private key (PEM, unencrypted), both or
  // neither (ssl, sasl_ssl): the broker then authenticates the client by its certificate.
  std::string ssl_certificate_file{};
  std::string ssl_key_file{};
};

// The librdkafka properties for these settings; std::invalid_argument naming the setting at fault
// (a SASL protocol without mechanism, user or password; an unknown protocol or mechanism; a client
// certificate without its key or the other way round; TLS files with a protocol without TLS).
std::map<std::string, std::string> kafka_properties(const KafkaSecurity& s);

}  // namespace assembly::events
