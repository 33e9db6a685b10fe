// A service verifying tokens against an issuer's key set (OIDC_ISSUER): a sortition process of its
// own (throw-away schema, its own consumer group) and, in this test, a small issuer serving its
// discovery document and its JWKS over HTTP. A key published later is accepted without a restart;
// an issuer down at the start makes the routes needing a token answer 503 (not 401) until the keys
// are there.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "assembly/auth/auth.h"
#include "assembly/http/server.h"
#include "assembly/testing/http_client.h"
#include "assembly/testing/process.h"
#include "assembly/testing/stack.h"

namespace {

using namespace std::chrono_literals;
namespace auth = assembly::auth;
namespace http = assembly::http;

const std::string kBinary = SORTITION_BINARY;

// The issuer: /realms/assembly/.well-known/openid-configuration and /realms/assembly/certs.
class Issuer {
 public:
  Issuer() {
    auto router = std::make_shared<http::Router>();
    router->add(http::Method::Get, "/realms/assembly/.well-known/openid-configuration",
                http::Access::anyone(), [this](http::Request&) {
                  if (down_) return http::Response::text(503, "down");
                  return http::Response::json(
                      200, {{"issuer", issuer()}, {"jwks_uri", issuer() + "/certs"}});
                });
    router->add(http::Method::Get, "/realms/assembly/certs", http::Access::anyone(),
                [this](http::Request&) {
                  if (down_) return http::Response::text(503, "down");
                  std::lock_guard lock(mutex_);
                  std::string doc = R"({"keys":[)";
                  for (std::size_t i = 0; i < jwks_.size(); ++i) doc += (i ? "," : "") + jwks_[i];
                  return http::Response::text(200, doc + "]}", "application/json");
                });
    http::ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.threads = 1;
    server_ = std::make_unique<http::Server>("issuer", o, router, nullptr);
    server_->start();
  }
  ~Issuer() { server_->stop(); }
  std::string issuer() const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + "/realms/assembly";
  }
  void publish(const std::string& public_pem, const std::string& kid) {
    std::lock_guard lock(mutex_);
    jwks_.push_back(auth::public_jwk(public_pem, kid));
  }
  void set_down(bool down) { down_ = down; }

 private:
  std::unique_ptr<http::Server> server_;
  std::mutex mutex_;
  std::vector<std::string> jwks_;
  std::atomic<bool> down_{false};
};

struct Sortition {
  assembly::itest::TempSchema schema{"oidc"};
  std::unique_ptr<assembly::itest::ServiceProcess> process;
  explicit Sortition(const std::string& issuer) {
    process = std::make_unique<assembly::itest::ServiceProcess>(
        kBinary, assembly::itest::free_port(),
        std::map<std::string, std::string>{
            {"PG_SCHEMA", schema.name()},
            {"PII_KEY_FILE", assembly::itest::env("ROOT") + "/var/secrets/pii-sortition.key"},
            {"CONSUMER_GROUP", "sortition-" + schema.name()},
            {"OIDC_ISSUER", issuer},
            {"JWT_PUBLIC_KEY_FILE", ""},  // the stack's one-key set: not with OIDC_ISSUER
            {"JWT_ISSUER", ""},
            {"JWT_AUDIENCE", ""},  // the default: the service's own name
            {"JWKS_MIN_REFRESH_INTERVAL_MS", "200"},
            {"LOG_LEVEL", "error"}});
  }
  int get_pools(const std::string& token) const {
    return assembly::itest::http("GET", process->url() + "/v1/pools", {},
                                 {{"authorization", "Bearer " + token}})
        .status;
  }
};

std::string token(const std::string& issuer, const auth::KeyPair& key, const std::string& kid,
                  auth::Algorithm alg, const std::string& audience = "sortition") {
  auth::TokenRequest r;
  r.issuer = issuer;
  r.audience = audience;
  r.subject = "secretariat-oidc";
  r.roles = {"secretariat"};
  r.assemblies = {"*"};
  r.ttl = 300s;
  r.private_key_pem = key.private_pem;
  r.kid = kid;
  r.algorithm = alg;
  return auth::mint(r);
}

}  // namespace

TEST(Oidc, TokensOfTheIssuersKeysAreAcceptedAndANewKeyNeedsNoRestart) {
  Issuer issuer;
  const auto first = auth::generate_rsa_key_pair();
  const auto second = auth::generate_ec_key_pair();
  issuer.publish(first.public_pem, "k1");
  Sortition svc(issuer.issuer());
  ASSERT_TRUE(svc.process->wait_ready()) << "sortition did not get ready";

  EXPECT_EQ(svc.get_pools(token(issuer.issuer(), first, "k1", auth::Algorithm::RS256)), 200);
  // Another service's audience, and a key nobody published.
  EXPECT_EQ(svc.get_pools(token(issuer.issuer(), first, "k1", auth::Algorithm::RS256, "followup")),
            401);
  EXPECT_EQ(svc.get_pools(token(issuer.issuer(), second, "k2", auth::Algorithm::ES256)), 401);

  // The issuer publishes a second key: accepted at once (after the refresh interval).
  issuer.publish(second.public_pem, "k2");
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(svc.get_pools(token(issuer.issuer(), second, "k2", auth::Algorithm::ES256)), 200);
  EXPECT_EQ(svc.get_pools(token(issuer.issuer(), first, "k1", auth::Algorithm::RS256)), 200);

  auto metrics = assembly::itest::http("GET", svc.process->url() + "/metrics").body;
  EXPECT_NE(metrics.find("sortition_jwks_refreshes_total{outcome=\"ok\"}"), std::string::npos)
      << metrics.substr(0, 2000);
  EXPECT_NE(metrics.find("sortition_auth_failures_total{reason=\"unknown_kid\"} 1"),
            std::string::npos);
  EXPECT_NE(metrics.find("sortition_auth_failures_total{reason=\"audience\"} 1"),
            std::string::npos);
}

TEST(Oidc, AnIssuerDownAtTheStartGives503UntilItsKeysAreThere) {
  Issuer issuer;
  const auto key = auth::generate_rsa_key_pair();
  issuer.publish(key.public_pem, "k1");
  issuer.set_down(true);
  Sortition svc(issuer.issuer());
  // Ready without the keys: the public routes work.
  ASSERT_TRUE(svc.process->wait_ready()) << "sortition did not get ready";
  auto ready = assembly::itest::http("GET", svc.process->url() + "/readyz");
  EXPECT_NE(ready.body.find("not loaded yet"), std::string::npos) << ready.body;
  const auto t = token(issuer.issuer(), key, "k1", auth::Algorithm::RS256);
  auto answer = assembly::itest::http("GET", svc.process->url() + "/v1/pools", {},
                                      {{"authorization", "Bearer " + t}});
  EXPECT_EQ(answer.status, 503) << answer.body;
  EXPECT_EQ(answer.headers["retry-after"], "5");

  issuer.set_down(false);
  int status = 0;
  for (int i = 0; i < 50 && status != 200; ++i) {
    std::this_thread::sleep_for(200ms);
    status = svc.get_pools(t);
  }
  EXPECT_EQ(status, 200) << "the keys were not loaded once the issuer was back";
  ready = assembly::itest::http("GET", svc.process->url() + "/readyz");
  EXPECT_NE(ready.body.find("\"loaded\""), std::string::npos) << ready.body;
}

TEST(Oidc, AKeyFileWithAnIssuerIsAConfigurationError) {
  // JWT_PUBLIC_KEY_FILE (the stack's local key) is for tests and offline tools only.
  assembly::itest::TempSchema schema("oidc");
  assembly::itest::ServiceProcess svc(
      kBinary, assembly::itest::free_port(),
      {{"PG_SCHEMA", schema.name()},
       {"PII_KEY_FILE", assembly::itest::env("ROOT") + "/var/secrets/pii-sortition.key"},
       {"OIDC_ISSUER", "http://127.0.0.1:1/realms/assembly"},
       {"JWT_PUBLIC_KEY_FILE", assembly::itest::env("JWT_PUBLIC_KEY_FILE")}});
  EXPECT_FALSE(svc.wait_ready(3));
}
