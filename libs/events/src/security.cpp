#include "assembly/events/security.h"

#include <set>
#include <stdexcept>

namespace assembly::events {

std::map<std::string, std::string> kafka_properties(const KafkaSecurity& s) {
  static const std::set<std::string> protocols = {"plaintext", "ssl", "sasl_plaintext", "sasl_ssl"};
  static const std::set<std::string> mechanisms = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"};
  if (!protocols.count(s.protocol))
    throw std::invalid_argument("KAFKA_SECURITY_PROTOCOL: \"" + s.protocol +
                                "\" is not plaintext, ssl, sasl_plaintext or sasl_ssl");
  std::map<std::string, std::string> out = {{"security.protocol", s.protocol}};
  const bool sasl = s.protocol.rfind("sasl_", 0) == 0;
  const bool tls = s.protocol == "ssl" || s.protocol == "sasl_ssl";
  if (sasl) {
    if (!mechanisms.count(s.sasl_mechanism))
      throw std::invalid_argument("KAFKA_SASL_MECHANISM: \"" + s.sasl_mechanism +
                                  "\" is not PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512");
    if (s.sasl_username.empty())
      throw std::invalid_argument("KAFKA_SASL_USERNAME: required with " + s.protocol);
    if (s.sasl_password.empty())
      throw std::invalid_argument("KAFKA_SASL_PASSWORD_FILE: required with " + s.protocol +
                                  " (a file holding the password)");
    out["sasl.mechanisms"] = s.sasl_mechanism;
    out["sasl.username"] = s.sasl_username;
    out["sasl.password"] = s.sasl_password;
  } else if (!s.sasl_mechanism.empty() || !s.sasl_username.empty()) {
    throw std::invalid_argument(
        "KAFKA_SASL_MECHANISM/KAFKA_SASL_USERNAME: set, but KAFKA_SECURITY_PROTOCOL is " +
        s.protocol);
  }
  if (!s.ssl_ca_file.empty()) {
    if (!tls)
      throw std::invalid_argument("KAFKA_SSL_CA_FILE: set, but KAFKA_SECURITY_PROTOCOL is " +
                                  s.protocol);
    out["ssl.ca.location"] = s.ssl_ca_file;
  }
  if (!s.ssl_certificate_file.empty() || !s.ssl_key_file.empty()) {
    if (!tls)
      throw std::invalid_argument(
          "KAFKA_SSL_CERTIFICATE_FILE/KAFKA_SSL_KEY_FILE: set, but KAFKA_SECURITY_PROTOCOL is " +
          s.protocol);
    if (s.ssl_certificate_file.empty())
      throw std::invalid_argument("KAFKA_SSL_CERTIFICATE_FILE: required with KAFKA_SSL_KEY_FILE");
    if (s.ssl_key_file.empty())
      throw std::invalid_argument("KAFKA_SSL_KEY_FILE: required with KAFKA_SSL_CERTIFICATE_FILE");
    out["ssl.certificate.location"] = s.ssl_certificate_file;
    out["ssl.key.location"] = s.ssl_key_file;
  }
  return out;
}

}  // namespace assembly::events
