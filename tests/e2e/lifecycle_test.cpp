// A service process on its own: configuration errors stop it with a message naming the variable;
// SIGTERM stops it cleanly within the grace period. Uses a throw-away schema, its own port.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "assembly/testing/http_client.h"
#include "assembly/testing/process.h"
#include "assembly/testing/stack.h"

namespace {

const std::string kBinary = SORTITION_BINARY;

std::string env_prefix(const std::string& schema, int port) {
  std::string kafka;
  for (const auto& [k, v] : assembly::itest::kafka_env()) kafka += " " + k + "='" + v + "'";
  return "env -i PATH=/usr/bin:/bin HTTP_PORT=" + std::to_string(port) + " PG_CONNINFO='" +
         assembly::itest::pg_conninfo() + "' PG_SCHEMA=" + schema + kafka +
         " JWT_PUBLIC_KEY_FILE=" + assembly::itest::env("JWT_PUBLIC_KEY_FILE") +
         " PII_KEY_FILE=" + assembly::itest::env("ROOT") + "/var/secrets/pii-sortition.key";
}

std::pair<int, std::string> run(const std::string& cmd) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  std::string out;
  std::array<char, 512> buf{};
  while (fgets(buf.data(), buf.size(), p)) out += buf.data();
  int rc = pclose(p);
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, out};
}

}  // namespace

TEST(Lifecycle, AnInvalidSettingStopsTheServiceNamingTheVariable) {
  assembly::itest::TempSchema schema("life");
  auto [rc, out] =
      run(env_prefix(schema.name(), assembly::itest::free_port()) + " HTTP_PORT=80x " + kBinary);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("HTTP_PORT"), std::string::npos) << out;
  std::tie(rc, out) = run("env -i PATH=/usr/bin:/bin " + kBinary);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("PG_CONNINFO"), std::string::npos) << out;
  std::tie(rc, out) = run(env_prefix(schema.name(), assembly::itest::free_port()) +
                          " JWT_PUBLIC_KEY_FILE=/nonexistent " + kBinary);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("JWT_PUBLIC_KEY_FILE"), std::string::npos) << out;
  std::tie(rc, out) = run(env_prefix(schema.name(), assembly::itest::free_port()) +
                          " PII_KEY_FILE=/nonexistent " + kBinary);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(out.find("PII_KEY_FILE"), std::string::npos) << out;
}

TEST(Lifecycle, MigrateAppliesTheSchemaAndExits) {
  assembly::itest::TempSchema schema("life");
  auto [rc, out] =
      run(env_prefix(schema.name(), assembly::itest::free_port()) + " " + kBinary + " --migrate");
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("\"applied\":"), std::string::npos) << out;
  EXPECT_EQ(out.find("\"applied\":0"), std::string::npos)
      << "a fresh schema gets every migration: " << out;
  std::tie(rc, out) =
      run(env_prefix(schema.name(), assembly::itest::free_port()) + " " + kBinary + " --migrate");
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("\"applied\":0"), std::string::npos) << "nothing left to apply: " << out;
  std::tie(rc, out) = run(env_prefix(schema.name(), assembly::itest::free_port()) +
                          " PG_CONNINFO='host=127.0.0.1 port=1' " + kBinary + " --migrate");
  EXPECT_EQ(rc, 1) << out;
}

TEST(Lifecycle, SigtermStopsTheServiceCleanlyWithinTheGracePeriod) {
  assembly::itest::TempSchema schema("life");
  const int port = assembly::itest::free_port();
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c",
          ("exec " + env_prefix(schema.name(), port) + " " + kBinary + " >/dev/null 2>&1").c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  const std::string base = "http://127.0.0.1:" + std::to_string(port);
  bool ready = false;
  for (int i = 0; i < 150 && !ready; ++i) {
    ready = assembly::itest::http("GET", base + "/readyz").status == 200;
    if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(ready) << "the service in schema " << schema.name() << " did not get ready";
  // Its own migrations ran in its own schema.
  EXPECT_EQ(assembly::itest::http("GET", base + "/healthz").status, 200);

  auto start = std::chrono::steady_clock::now();
  kill(pid, SIGTERM);
  int status = 0;
  pid_t done = 0;
  while ((done = waitpid(pid, &status, WNOHANG)) == 0 &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(12))
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  if (done == 0) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    FAIL() << "still running 12 s after SIGTERM";
  }
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(assembly::itest::http("GET", base + "/healthz").status, 0) << "no longer listening";
}

namespace {

// A TCP port free now on loopback (the kernel's choice).
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

// Health checks and metrics have a listener of their own (METRICS_PORT): slow API requests that
// hold every API thread (here: waiting on a table another session has locked) do not starve
// /readyz, /healthz or /metrics there; /metrics is no longer served on the API port.
TEST(Lifecycle, HealthChecksAnswerOnTheirOwnPortWhileSlowRequestsHoldTheApiThreads) {
  assembly::itest::TempSchema schema("life");
  const int port = free_port(), metrics_port = free_port();
  assembly::itest::ServiceProcess service(
      kBinary, port,
      {{"PG_SCHEMA", schema.name()},
       {"METRICS_PORT", std::to_string(metrics_port)},
       {"HTTP_THREADS", "2"},
       {"PUBLIC_CACHE_TTL_MS", "0"},
       {"PII_KEY_FILE", assembly::itest::env("ROOT") + "/var/secrets/pii-sortition.key"}});
  ASSERT_TRUE(service.wait_ready(30));
  const std::string ops = "http://127.0.0.1:" + std::to_string(metrics_port);
  ASSERT_EQ(assembly::itest::http("GET", ops + "/readyz").status, 200);
  EXPECT_NE(
      assembly::itest::http("GET", ops + "/metrics").body.find("sortition_http_requests_total"),
      std::string::npos);
  EXPECT_EQ(assembly::itest::http("GET", service.url() + "/metrics").status, 404)
      << "metrics only on their own port";

  pqxx::connection holder(assembly::itest::pg_conninfo());
  pqxx::work lock(holder);
  lock.exec("LOCK TABLE " + lock.quote_name(schema.name()) +
            ".invitation_draws IN ACCESS EXCLUSIVE MODE");
  std::vector<std::thread> slow;
  std::vector<int> answers(6, -1);
  for (int i = 0; i < 6; ++i)
    slow.emplace_back([&, i] {
      answers[i] = assembly::itest::http(
                       "GET", service.url() + "/v1/invitation-draws?assembly_id=slow", {}, {}, 30)
                       .status;
    });
  std::this_thread::sleep_for(std::chrono::seconds(1));  // every API thread waits on the lock
  EXPECT_EQ(assembly::itest::http("GET", service.url() + "/healthz", {}, {}, 2).status, 0)
      << "every API thread is held: the API port does not answer";

  for (const char* path : {"/readyz", "/healthz", "/metrics"}) {
    auto start = std::chrono::steady_clock::now();
    auto r = assembly::itest::http("GET", ops + path, {}, {}, 5);
    auto took = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_LT(took, std::chrono::milliseconds(1000)) << path << " answered quickly";
  }
  lock.abort();
  for (auto& t : slow) t.join();
  for (int status : answers) EXPECT_EQ(status, 200) << "the slow requests complete afterwards";
}
