#include "assembly/events/security.h"

#include <gtest/gtest.h>

using namespace assembly::events;

namespace {
std::string error_of(const KafkaSecurity& s) {
  try {
    kafka_properties(s);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(KafkaSecurity, PlaintextByDefault) {
  auto p = kafka_properties({});
  EXPECT_EQ(p, (std::map<std::string, std::string>{{"security.protocol", "plaintext"}}));
}

TEST(KafkaSecurity, SaslSslWithScramAndCa) {
  auto p =
      kafka_properties({"sasl_ssl", "SCRAM-SHA-512", "assembly", "s3cret", "/etc/kafka/ca.crt"});
  EXPECT_EQ(p.at("security.protocol"), "sasl_ssl");
  EXPECT_EQ(p.at("sasl.mechanisms"), "SCRAM-SHA-512");
  EXPECT_EQ(p.at("sasl.username"), "assembly");
  EXPECT_EQ(p.at("sasl.password"), "s3cret");
  EXPECT_EQ(p.at("ssl.ca.location"), "/etc/kafka/ca.crt");
}

TEST(KafkaSecurity, TlsWithoutCaUsesTheSystemCas) {
  auto p = kafka_properties({"ssl", "", "", "", ""});
  EXPECT_EQ(p.size(), 1u);
  EXPECT_EQ(p.at("security.protocol"), "ssl");
}

TEST(KafkaSecurity, MutualTlsWithAClientCertificate) {
  KafkaSecurity s;
  s.protocol = "ssl";
  s.ssl_ca_file = "/ca.crt";
  s.ssl_certificate_file = "/membership.crt";
  s.ssl_key_file = "/membership.key";
  EXPECT_EQ(kafka_properties(s),
            (std::map<std::string, std::string>{{"security.protocol", "ssl"},
                                                {"ssl.ca.location", "/ca.crt"},
                                                {"ssl.certificate.location", "/membership.crt"},
                                                {"ssl.key.location", "/membership.key"}}));
}

TEST(KafkaSecurity, MistakesNameTheSetting) {
  EXPECT_NE(error_of({"tls", "", "", "", ""}).find("KAFKA_SECURITY_PROTOCOL"), std::string::npos);
  EXPECT_NE(error_of({"sasl_ssl", "GSSAPI", "u", "p", ""}).find("KAFKA_SASL_MECHANISM"),
            std::string::npos);
  EXPECT_NE(error_of({"sasl_plaintext", "PLAIN", "", "p", ""}).find("KAFKA_SASL_USERNAME"),
            std::string::npos);
  EXPECT_NE(error_of({"sasl_plaintext", "PLAIN", "u", "", ""}).find("KAFKA_SASL_PASSWORD_FILE"),
            std::string::npos);
  EXPECT_NE(error_of({"plaintext", "", "", "", "/ca.pem"}).find("KAFKA_SSL_CA_FILE"),
            std::string::npos);
  EXPECT_NE(
      error_of({"plaintext", "PLAIN", "u", "", ""}).find("KAFKA_SECURITY_PROTOCOL is plaintext"),
      std::string::npos);
  EXPECT_NE(error_of({"ssl", "", "", "", "", "/c.crt", ""}).find("KAFKA_SSL_KEY_FILE: required"),
            std::string::npos);
  EXPECT_NE(
      error_of({"ssl", "", "", "", "", "", "/c.key"}).find("KAFKA_SSL_CERTIFICATE_FILE: required"),
      std::string::npos);
  EXPECT_NE(error_of({"plaintext", "", "", "", "", "/c.crt", "/c.key"})
                .find("KAFKA_SECURITY_PROTOCOL is plaintext"),
            std::string::npos);
}
