// Events are authentic: the broker speaks TLS only and accepts only clients with a certificate of
// the suite's CA (mutual TLS: the certificate names the principal); each service writes only its
// own topic and reads only what it consumes, with its own consumer group. A client that can reach
// Kafka cannot forge MemberDeclined (membership's) or MotionAdopted (recommendations').
#include <gtest/gtest.h>
#include <librdkafka/rdkafkacpp.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "assembly/core/ids.h"
#include "assembly/events/envelope.h"
#include "assembly/events/producer.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/recommendations/v1/events.pb.h"
#include "assembly/testing/stack.h"

namespace {

namespace events = assembly::events;
namespace itest = assembly::itest;

// A producer with the given identity; deliveries fail within 5 s.
std::unique_ptr<events::Producer> producer_as(const events::KafkaSecurity& security) {
  events::ProducerOptions o;
  o.brokers = itest::kafka_brokers();
  o.client_id = "forger";
  o.message_timeout_ms = 5000;
  o.security = security;
  return std::make_unique<events::Producer>(o);
}

std::string forged_decline() {
  assembly::membership::v1::MemberDeclined e;
  const auto id = assembly::core::new_uuid();
  e.set_member_id("forged-" + id);
  e.set_assembly_id("forged-" + id);
  e.set_person_id("forged-" + id);
  return events::wrap(e, e.member_id(), "membership").SerializeAsString();
}

std::string forged_adoption() {
  assembly::recommendations::v1::MotionAdopted e;
  const auto id = assembly::core::new_uuid();
  e.set_motion_id("forged-" + id);
  e.set_assembly_id("forged-" + id);
  e.set_title("forged");
  return events::wrap(e, e.motion_id(), "recommendations").SerializeAsString();
}

// The first error a consumer with this identity and group meets on the topic ("" if none
// within 15 s: then it could read).
std::string consume_error(const events::KafkaSecurity& security, const std::string& group,
                          const std::string& topic) {
  std::string err;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  conf->set("bootstrap.servers", itest::kafka_brokers(), err);
  for (const auto& [k, v] : events::kafka_properties(security)) conf->set(k, v, err);
  conf->set("group.id", group, err);
  conf->set("enable.auto.commit", "false", err);
  conf->set("auto.offset.reset", "earliest", err);
  std::unique_ptr<RdKafka::KafkaConsumer> c(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!c) return "cannot create consumer: " + err;
  c->subscribe({topic});
  std::string first;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (first.empty() && std::chrono::steady_clock::now() < deadline) {
    std::unique_ptr<RdKafka::Message> m(c->consume(200));
    if (m->err() == RdKafka::ERR_NO_ERROR) break;  // it read a record
    if (m->err() != RdKafka::ERR__TIMED_OUT && m->err() != RdKafka::ERR__PARTITION_EOF)
      first = RdKafka::err2str(m->err());
  }
  c->close();
  return first;
}

}  // namespace

TEST(KafkaAcl, AnotherServiceCannotForgeMemberDeclined) {
  // sortition consumes membership's topic; it may not write it.
  auto p = producer_as(itest::kafka_security_of("sortition"));
  const auto error = p->produce_sync("assembly.membership.v1", "forged", forged_decline(), {});
  EXPECT_NE(error.find("Topic authorization failed"), std::string::npos) << error;
}

TEST(KafkaAcl, AnotherServiceCannotForgeMotionAdopted) {
  // Every service but its owner.
  for (const std::string service :
       {"sortition", "membership", "workshops", "recommendations", "followup", "notifications"}) {
    if (service == "recommendations") continue;
    auto p = producer_as(itest::kafka_security_of(service));
    const auto error =
        p->produce_sync("assembly.recommendations.v1", "forged", forged_adoption(), {});
    EXPECT_NE(error.find("Topic authorization failed"), std::string::npos)
        << service << ": " << error;
  }
}

TEST(KafkaAcl, TheBrokerSpeaksTlsOnly) {
  // The broker's certificate is the suite CA's and names 127.0.0.1; the handshake with a client
  // certificate succeeds.
  const auto tester = itest::kafka_security();
  ASSERT_EQ(tester.protocol, "ssl");
  const auto port = itest::kafka_brokers().substr(itest::kafka_brokers().rfind(':') + 1);
  EXPECT_EQ(itest::shell("openssl s_client -connect 127.0.0.1:" + port + " -verify_ip 127.0.0.1" +
                         " -verify_return_error -CAfile '" + tester.ssl_ca_file + "' -cert '" +
                         tester.ssl_certificate_file + "' -key '" + tester.ssl_key_file +
                         "' </dev/null >/dev/null 2>&1"),
            0);
  EXPECT_TRUE(producer_as(tester)->reachable(std::chrono::seconds(10)));
  // A plaintext client gets nowhere.
  auto p = producer_as(events::KafkaSecurity{});
  EXPECT_FALSE(p->reachable(std::chrono::seconds(3)));
  EXPECT_NE(p->produce_sync("assembly.membership.v1", "forged", forged_decline(), {}), "");
}

TEST(KafkaAcl, AClientWithoutCertificateIsRefused) {
  auto security = itest::kafka_security();
  security.ssl_certificate_file.clear();
  security.ssl_key_file.clear();
  ASSERT_FALSE(security.ssl_ca_file.empty());  // it trusts the broker; the broker not it
  auto p = producer_as(security);
  EXPECT_FALSE(p->reachable(std::chrono::seconds(3)));
  EXPECT_NE(p->produce_sync("assembly.membership.v1", "forged", forged_decline(), {}), "");
}

TEST(KafkaAcl, ACertificateOfAnotherCaIsRefused) {
  // A certificate naming membership, issued by a CA of the attacker's own.
  const auto dir = std::filesystem::temp_directory_path() /
                   ("kafka-acl-" + assembly::core::new_uuid().substr(0, 8));
  std::filesystem::create_directories(dir);
  const auto d = dir.string();
  ASSERT_EQ(itest::shell("cd '" + d +
                         "' && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 "
                         "-nodes -days 1 -subj /CN=attacker-ca -keyout ca.key -out ca.crt "
                         ">/dev/null 2>&1 && openssl req -newkey ec -pkeyopt "
                         "ec_paramgen_curve:P-256 -nodes -subj /CN=membership -keyout m.key "
                         "-out m.csr >/dev/null 2>&1 && openssl x509 -req -in m.csr -CA ca.crt "
                         "-CAkey ca.key -CAcreateserial -days 1 -out m.crt >/dev/null 2>&1"),
            0);
  auto security = itest::kafka_security();
  security.ssl_certificate_file = d + "/m.crt";
  security.ssl_key_file = d + "/m.key";
  {
    auto p = producer_as(security);
    EXPECT_FALSE(p->reachable(std::chrono::seconds(3)));
    EXPECT_NE(p->produce_sync("assembly.membership.v1", "forged", forged_decline(), {}), "");
  }
  std::filesystem::remove_all(dir);
}

TEST(KafkaAcl, AServiceReadsOnlyWhatItConsumesWithItsOwnGroup) {
  // followup consumes recommendations' and membership's topics, not sortition's.
  EXPECT_EQ(
      consume_error(itest::kafka_security_of("followup"), "followup", "assembly.sortition.v1"),
      "Broker: Topic authorization failed");
  // sortition reads membership's topic, but only in its own group.
  EXPECT_EQ(
      consume_error(itest::kafka_security_of("sortition"), "membership", "assembly.membership.v1"),
      "Broker: Group authorization failed");
  // Nor in a group of its own invention (the running services' own reading is what the other
  // end-to-end tests show: this test does not join their groups).
  EXPECT_EQ(consume_error(itest::kafka_security_of("sortition"),
                          "acl-test-" + assembly::core::new_uuid().substr(0, 8),
                          "assembly.membership.v1"),
            "Broker: Group authorization failed");
}
