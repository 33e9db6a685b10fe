// The outbound client against a real local server; and the issuer's key set fetched through it
// (discovery document, then JWKS), as a service does at start.
#include "assembly/http/client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "assembly/http/server.h"
#include "test_keys.h"

using namespace assembly::http;
using namespace std::chrono_literals;

namespace {

struct LocalServer : ::testing::Test {
  std::unique_ptr<Server> server;
  std::mutex mutex;
  std::string jwks = R"({"keys":[]})";
  std::atomic<int> jwks_calls{0};

  std::string base() const { return "http://127.0.0.1:" + std::to_string(server->port()); }
  std::string issuer() const { return base() + "/realms/assembly"; }

  void SetUp() override {
    auto router = std::make_shared<Router>();
    router->add(Method::Get, "/hello", Access::anyone(), [](Request& r) {
      auto answer = Response::text(200, "hello " + r.header("x-name").value_or("?"));
      answer.headers.emplace_back("X-Reply", "yes");
      return answer;
    });
    auto echo = [](Request& r) {
      return Response::json(200, {{"body", r.body},
                                  {"method", std::string(to_string(r.method))},
                                  {"auth", r.header("authorization").value_or("")}});
    };
    for (auto m : {Method::Post, Method::Put, Method::Delete, Method::Patch})
      router->add(m, "/echo", Access::anyone(), echo, RouteOptions{1024, false});
    router->add(Method::Get, "/slow", Access::anyone(), [](Request&) {
      std::this_thread::sleep_for(1500ms);
      return Response::text(200, "late");
    });
    router->add(Method::Get, "/big", Access::anyone(),
                [](Request&) { return Response::text(200, std::string(10000, 'x')); });
    router->add(Method::Get, "/realms/assembly/.well-known/openid-configuration", Access::anyone(),
                [this](Request&) {
                  return Response::json(
                      200, {{"issuer", issuer()}, {"jwks_uri", issuer() + "/protocol/certs"}});
                });
    router->add(Method::Get, "/realms/assembly/protocol/certs", Access::anyone(), [this](Request&) {
      ++jwks_calls;
      std::lock_guard lock(mutex);
      return Response::text(200, jwks, "application/json");
    });
    ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.threads = 2;
    server = std::make_unique<Server>("testsvc", o, router, test::verifier());
    server->start();
  }
  void TearDown() override { server->stop(); }
};

}  // namespace

TEST_F(LocalServer, GetReturnsStatusHeadersAndBody) {
  client::Request r;
  r.url = base() + "/hello";
  r.headers = {{"X-Name", "ada"}};
  auto answer = client::send(r);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, "hello ada");
  EXPECT_EQ(answer.header("x-reply").value_or(""), "yes");
  EXPECT_EQ(answer.header("X-REPLY").value_or(""), "yes");
  EXPECT_FALSE(answer.header("x-absent").has_value());
}

TEST_F(LocalServer, MethodsCarryTheirBodyAndHeaders) {
  for (std::string method : {"POST", "PUT", "PATCH", "DELETE"}) {
    client::Request r;
    r.method = method;
    r.url = base() + "/echo";
    r.body = R"({"a":1})";
    r.headers = {{"Authorization", "Bearer t"}, {"Content-Type", "application/json"}};
    auto answer = client::send(r);
    ASSERT_EQ(answer.status, 200) << method << ": " << answer.body;
    auto doc = nlohmann::json::parse(answer.body);
    EXPECT_EQ(doc["method"], method);
    EXPECT_EQ(doc["body"], R"({"a":1})");
    EXPECT_EQ(doc["auth"], "Bearer t");
  }
}

TEST_F(LocalServer, AnErrorStatusIsAnAnswerNotAnException) {
  client::Request r;
  r.url = base() + "/nothing-here";
  auto answer = client::send(r);
  EXPECT_EQ(answer.status, 404);
  EXPECT_FALSE(answer.ok());
  EXPECT_THROW(client::get_body(base() + "/nothing-here"), client::Error);
  EXPECT_EQ(client::get_body(base() + "/hello"), "hello ?");
}

TEST_F(LocalServer, TimeoutRefusedConnectionAndLongAnswersAreErrors) {
  client::Request slow;
  slow.url = base() + "/slow";
  slow.timeout = 300ms;
  auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(client::send(slow), client::Error);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1200ms);

  client::Request big;
  big.url = base() + "/big";
  big.max_response_bytes = 1000;
  try {
    client::send(big);
    ADD_FAILURE() << "a 10000-byte answer passed a 1000-byte limit";
  } catch (const client::Error& e) {
    EXPECT_NE(std::string(e.what()).find("longer than 1000"), std::string::npos) << e.what();
  }

  client::Request closed;
  closed.url = "http://127.0.0.1:1/";
  EXPECT_THROW(client::send(closed), client::Error);
  client::Request other;
  other.url = "file:///etc/passwd";
  EXPECT_THROW(client::send(other), client::Error);
  other.url = base() + "/hello";
  other.method = "TRACE";
  EXPECT_THROW(client::send(other), client::Error);
}

TEST_F(LocalServer, TheIssuersKeySetIsFoundThroughDiscoveryAndRotates) {
  namespace auth = assembly::auth;
  auto first = auth::generate_rsa_key_pair();
  auto second = auth::generate_ec_key_pair();
  {
    std::lock_guard lock(mutex);
    jwks = R"({"keys":[)" + auth::public_jwk(first.public_pem, "k1") + "]}";
  }
  auth::RemoteKeysOptions ro;
  ro.issuer = issuer();
  ro.fetch = [](const std::string& url) { return client::get_body(url, 2000ms); };
  ro.min_refresh_interval = 0ms;
  auto keys = std::make_shared<auth::RemoteKeys>(ro);
  ASSERT_TRUE(keys->refresh()) << keys->status().last_error;
  auth::VerifierOptions vo;
  vo.keys = keys;
  vo.issuer = issuer();
  vo.audience = "sortition";
  auth::Verifier verifier(vo);

  auth::TokenRequest t;
  t.issuer = issuer();
  t.audience = "sortition";
  t.subject = "staff-1";
  t.roles = {"secretariat"};
  t.ttl = 300s;
  t.private_key_pem = first.private_pem;
  t.kid = "k1";
  EXPECT_EQ(verifier.verify(auth::mint(t)).subject, "staff-1");

  // The issuer publishes a second key: a token signed by it is accepted after one refresh.
  {
    std::lock_guard lock(mutex);
    jwks = R"({"keys":[)" + auth::public_jwk(first.public_pem, "k1") + "," +
           auth::public_jwk(second.public_pem, "k2") + "]}";
  }
  t.private_key_pem = second.private_pem;
  t.kid = "k2";
  t.algorithm = auth::Algorithm::ES256;
  const int before = jwks_calls;
  EXPECT_EQ(verifier.verify(auth::mint(t)).subject, "staff-1");
  EXPECT_EQ(jwks_calls, before + 1);
}
