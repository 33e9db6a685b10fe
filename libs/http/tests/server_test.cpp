// The real Pistache endpoint on a free loopback port: keep-alive, problems on the wire, limits.
#include "assembly/http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <mutex>
#include <thread>

#include "assembly/http/file_body.h"
#include "test_keys.h"

using namespace assembly::http;

namespace {

class Client {
 public:
  // `receive_buffer`: the socket's receive buffer in bytes (0: the system's).
  explicit Client(std::uint16_t port, int receive_buffer = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (receive_buffer > 0)
      setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
      throw std::runtime_error("connect");
    timeval tv{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~Client() { close(); }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  // Sends `request` and reads what arrives first (at most `max` bytes).
  std::string start(const std::string& request, std::size_t max) {
    ::send(fd_, request.data(), request.size(), MSG_NOSIGNAL);
    std::string buf(max, '\0');
    auto n = ::recv(fd_, buf.data(), max, 0);
    buf.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return buf;
  }

  // Sends a raw request, reads one response (headers + Content-Length body). "" when closed.
  std::string roundtrip(const std::string& request) {
    if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) < 0) return "";
    std::string buf;
    char tmp[4096];
    while (true) {
      auto end = buf.find("\r\n\r\n");
      if (end != std::string::npos) {
        auto cl = buf.find("Content-Length: ");
        std::size_t len = cl == std::string::npos ? 0 : std::stoul(buf.substr(cl + 16, 20));
        if (buf.size() >= end + 4 + len) return buf.substr(0, end + 4 + len);
      }
      auto n = ::recv(fd_, tmp, sizeof tmp, 0);
      if (n <= 0) return buf;
      buf.append(tmp, static_cast<std::size_t>(n));
    }
  }
  bool closed_by_peer() {
    char c;
    auto n = ::recv(fd_, &c, 1, MSG_DONTWAIT);
    return n == 0;
  }

 private:
  int fd_ = -1;
};

// The body /file answers: 16 MB, more than loopback's socket buffers hold.
std::string file_line(int i) {
  return "line " + std::to_string(i) + ",some,columns,to,fill,the,row\n";
}
constexpr int kFileLines = 400'000;

struct ServerFixture : ::testing::Test {
  std::unique_ptr<Server> server;
  // What the last /file answer holds: gone once it is sent or its client has gone.
  std::mutex mutex;
  std::weak_ptr<int> held;
  bool holding() {
    std::lock_guard lock(mutex);
    return !held.expired();
  }
  bool released_within(std::chrono::seconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (holding() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return !holding();
  }

  void SetUp() override {
    auto router = std::make_shared<Router>();
    router->add(Method::Get, "/file", Access::anyone(), [this](Request&) {
      auto f = std::make_shared<FileBody>(::testing::TempDir());
      for (int i = 0; i < kFileLines; ++i) f->append(file_line(i));
      f->finish();
      auto mark = std::make_shared<int>(0);
      {
        std::lock_guard lock(mutex);
        held = mark;
      }
      f->hold(mark);
      return Response::from_file(200, f, "text/csv");
    });
    router->add(Method::Get, "/hello", Access::anyone(),
                [](Request&) { return Response::text(200, "hello"); });
    router->add(Method::Get, "/query", Access::anyone(), [](Request& r) {
      return Response::text(200, r.query_param("since").value_or("-") + "|" +
                                     r.query_param("label").value_or("-") + "|" +
                                     r.query_param("x y").value_or("-"));
    });
    router->add(
        Method::Post, "/v1/echo", Access::roles_of({"secretariat"}),
        [](Request& r) { return Response::json(200, r.json()); }, RouteOptions{1024, true});
    ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.threads = 1;
    o.max_request_bytes = 8192;
    server = std::make_unique<Server>("testsvc", o, router, test::verifier());
    server->start();
  }
  void TearDown() override { server->stop(); }
};

}  // namespace

TEST_F(ServerFixture, Http11WithoutConnectionHeaderKeepsTheConnection) {
  Client c(server->port());
  auto first = c.roundtrip("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_NE(first.find("200 OK"), std::string::npos) << first;
  EXPECT_EQ(first.find("Connection: Close"), std::string::npos) << first;
  EXPECT_NE(first.find("hello"), std::string::npos);
  auto second = c.roundtrip("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(second.find("200 OK"), std::string::npos)
      << "second request on the same connection: " << second;
}

TEST_F(ServerFixture, ExplicitCloseIsHonoured) {
  Client c(server->port());
  auto r = c.roundtrip("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(r.find("200 OK"), std::string::npos);
  EXPECT_NE(r.find("Connection: Close"), std::string::npos) << r;
}

TEST_F(ServerFixture, QueryNamesAndValuesArriveDecodedOnce) {
  Client c(server->port());
  auto r = c.roundtrip(
      "GET /query?since=2026-12-06T10%3A00%3A00%2B01%3A00&label=Proc%C3%A8s-verbal%20sign%25C3"
      "&x%20y=a+b%zz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(r.find("\r\n\r\n2026-12-06T10:00:00+01:00|Procès-verbal sign%C3|a+b%zz"),
            std::string::npos)
      << r;
}

TEST(PercentDecode, KeepsWhatIsNotAnEscape) {
  EXPECT_EQ(percent_decode("a%3a%3Ab"), "a::b");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%4"), "%4");
  EXPECT_EQ(percent_decode("%g0+"), "%g0+");
  EXPECT_EQ(percent_decode(""), "");
}

TEST_F(ServerFixture, ProblemsTravelAsProblemJson) {
  Client c(server->port());
  auto r = c.roundtrip("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(r.find("404"), std::string::npos);
  EXPECT_NE(r.find("application/problem+json"), std::string::npos) << r;
  r = c.roundtrip(
      "POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
      "2\r\n\r\n{}");
  EXPECT_NE(r.find("401"), std::string::npos) << r;
  EXPECT_NE(r.find("WWW-Authenticate: Bearer"), std::string::npos) << r;
}

TEST_F(ServerFixture, AuthenticatedPostEchoesAndLimitsApply) {
  Client c(server->port());
  auto token = test::token({"secretariat"});
  std::string body = R"({"a":1})";
  auto r = c.roundtrip("POST /v1/echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                       "\r\nContent-Type: application/json\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n\r\n" + body);
  EXPECT_NE(r.find("200 OK"), std::string::npos) << r;
  EXPECT_NE(r.find(R"({"a":1})"), std::string::npos);
  std::string big(2000, ' ');
  r = c.roundtrip("POST /v1/echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
                  "\r\nContent-Type: application/json\r\nContent-Length: " +
                  std::to_string(big.size()) + "\r\n\r\n" + big);
  EXPECT_NE(r.find("413"), std::string::npos) << r;
}

TEST_F(ServerFixture, BodyOverTheHardLimitIs413) {
  Client c(server->port());
  std::string big(20000, 'x');
  auto r = c.roundtrip(
      "POST /v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
      std::to_string(big.size()) + "\r\n\r\n" + big);
  EXPECT_NE(r.find("413"), std::string::npos) << r;
}

TEST_F(ServerFixture, AFileBodyIsSentWholeThenReleasedAndTheConnectionServesTheNext) {
  std::string expected;
  for (int i = 0; i < kFileLines; ++i) expected += file_line(i);
  Client c(server->port());
  auto r = c.roundtrip("GET /file HTTP/1.1\r\nHost: x\r\n\r\n");
  auto end = r.find("\r\n\r\n");
  ASSERT_NE(end, std::string::npos) << r.substr(0, 300);
  const auto head = r.substr(0, end);
  EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
  EXPECT_NE(head.find("Content-Type: text/csv"), std::string::npos) << head;
  EXPECT_NE(head.find("Content-Length: " + std::to_string(expected.size())), std::string::npos)
      << head;
  EXPECT_NE(head.find("traceparent: 00-"), std::string::npos) << head;
  EXPECT_TRUE(r.substr(end + 4) == expected) << "the body is the file, byte for byte";
  EXPECT_TRUE(released_within(std::chrono::seconds(5))) << "the body is held after it was sent";
  auto next = c.roundtrip("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(next.find("200 OK"), std::string::npos) << next;
  EXPECT_NE(next.find("hello"), std::string::npos) << next;
}

TEST_F(ServerFixture, AClientGoneInMidFileBodyReleasesIt) {
  Client c(server->port(), 4096);
  auto first = c.start("GET /file HTTP/1.1\r\nHost: x\r\n\r\n", 1024);
  EXPECT_EQ(first.rfind("HTTP/1.1 200 OK", 0), 0u) << first;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(holding()) << "a client that stopped reading has not had the whole body";
  c.close();
  EXPECT_TRUE(released_within(std::chrono::seconds(5)))
      << "the body of a client gone in mid-answer is held";
  Client again(server->port());
  EXPECT_NE(again.roundtrip("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n").find("200 OK"),
            std::string::npos);
}
