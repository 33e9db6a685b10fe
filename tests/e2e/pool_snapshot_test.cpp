// The pool snapshot of a large pool, downloaded by several clients at once or by clients that
// stop reading, through a sortition process of its own (throw-away schema): the service's memory
// stays bounded whatever the pool's size, the bytes are those the pool's hash names, snapshots
// beyond the limit wait (503, Retry-After), and a client that goes away releases what its
// download held.
#include <arpa/inet.h>
#include <dirent.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "assembly/testing/http_client.h"
#include "assembly/testing/process.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using assembly::itest::http;
using nlohmann::json;

namespace {

// A pool of a few hundred thousand people: its snapshot (about 9 MB) dwarfs what a download
// needs when it is streamed.
constexpr int kRows = 300'000;
constexpr std::size_t kPartBytes = 3'900'000;  // under the 4 MiB request limit
constexpr int kSnapshotsAtOnce = 2;

// A line of /proc/<pid>/status in KiB ("VmRSS:", "VmHWM:").
long status_kib(pid_t pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(key.size()));
  ADD_FAILURE() << "no " << key << " for " << pid;
  return 0;
}

// Resets the process's peak resident set size (VmHWM) to its current size.
void reset_peak(pid_t pid) {
  std::ofstream("/proc/" + std::to_string(pid) + "/clear_refs") << "5";
}

// Files the process holds open that no longer have a name (a download's temporary file).
int unnamed_files(pid_t pid) {
  const auto dir = "/proc/" + std::to_string(pid) + "/fd";
  int n = 0;
  if (DIR* d = opendir(dir.c_str())) {
    while (auto* e = readdir(d)) {
      char target[4096];
      auto len = readlink((dir + "/" + e->d_name).c_str(), target, sizeof target - 1);
      if (len <= 0) continue;
      if (std::string(target, static_cast<std::size_t>(len)).find("(deleted)") != std::string::npos)
        ++n;
    }
    closedir(d);
  }
  return n;
}

// A client that asks for a URL and then reads only the first bytes of the answer, with a small
// receive buffer, until it is closed.
class StalledClient {
 public:
  StalledClient(const std::string& url, const std::string& token) {
    auto host_port = url.substr(std::string("http://").size());
    auto colon = host_port.find(':');
    auto slash = host_port.find('/');
    auto port = std::stoi(host_port.substr(colon + 1, slash - colon - 1));
    auto path = host_port.substr(slash);
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int small = 4096;
    setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    timeval tv{10, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
      throw std::runtime_error("connect");
    std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                      token + "\r\n\r\n";
    ::send(fd_, req.data(), req.size(), MSG_NOSIGNAL);
    char buf[1024];
    auto n = ::recv(fd_, buf, sizeof buf, 0);
    if (n > 0) head_.assign(buf, static_cast<std::size_t>(n));
  }
  ~StalledClient() { close(); }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  const std::string& head() const { return head_; }

 private:
  int fd_ = -1;
  std::string head_;
};

std::string run_capture(const std::string& cmd) {
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[1 << 16];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  EXPECT_EQ(pclose(p), 0) << cmd;
  return out;
}

class PoolSnapshot : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    schema_ = new assembly::itest::TempSchema("snapshots");
    topic_ = assembly::itest::create_topic("sortition-test", 1);
  }
  static void TearDownTestSuite() {
    delete schema_;
    schema_ = nullptr;
    assembly::itest::delete_topic(topic_);
  }
  void SetUp() override {
    token_ = e2e::token("secretariat", "secretariat-1");
    start_service();
    if (pool_id_.empty()) import_pool();
    // A fresh process: what it holds is what the downloads make it hold.
    start_service();
  }
  void TearDown() override { service_.reset(); }

  void start_service() {
    service_.reset();
    service_ = std::make_unique<assembly::itest::ServiceProcess>(
        SORTITION_BINARY, assembly::itest::free_port(),
        e2e::sortition_env(schema_->name(), topic_,
                           {{"SNAPSHOTS_AT_ONCE", std::to_string(kSnapshotsAtOnce)}}));
    ASSERT_TRUE(service_->wait_ready()) << "sortition did not get ready";
  }
  assembly::itest::HttpResponse call(const std::string& method, const std::string& path,
                                     const std::string& body = {},
                                     const std::string& type = "application/json") {
    return http(method, service_->url() + path, body,
                {{"Authorization", "Bearer " + token_}, {"Content-Type", type}}, 60);
  }
  // A generated roll of kRows people, imported in parts.
  void import_pool() {
    auto csv = run_capture(assembly::itest::env("ROOT") + "/ops/gen-roll --rows " +
                           std::to_string(kRows) + " --seed 11");
    auto r = call("POST", "/v1/pools", json{{"name", "large roll"}, {"kind", "roll"}}.dump());
    ASSERT_EQ(r.status, 201) << r.body;
    std::string import_id = json::parse(r.body)["import"]["id"];
    int parts = 0;
    for (std::size_t at = 0; at < csv.size(); at += kPartBytes) {
      auto p = call("PUT", "/v1/pool-imports/" + import_id + "/parts/" + std::to_string(++parts),
                    csv.substr(at, kPartBytes), "text/csv");
      ASSERT_EQ(p.status, 200) << p.body;
    }
    auto done =
        call("POST", "/v1/pool-imports/" + import_id + "/complete", json{{"parts", parts}}.dump());
    ASSERT_EQ(done.status, 200) << done.body;
    pool_id_ = json::parse(done.body)["pool_id"];
    auto pool = json::parse(call("GET", "/v1/pools/" + pool_id_).body);
    ASSERT_EQ(pool["row_count"], kRows);
    hash_ = pool["snapshot_sha256"];
  }
  std::string snapshot_path() const { return "/v1/pools/" + pool_id_ + "/snapshot"; }
  // The answer is the pool's snapshot: its hash, its header and one line per person.
  void expect_snapshot(const assembly::itest::HttpResponse& r) {
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
    EXPECT_EQ(r.headers.count("content-type") ? r.headers.at("content-type") : "",
              "text/csv; charset=utf-8");
    EXPECT_EQ(e2e::sha256_hex(r.body), hash_) << "the snapshot is what the pool's hash names";
    EXPECT_EQ(r.body.substr(0, 40), "person_id,sex,birth_year,arrondissement\n");
    EXPECT_EQ(std::count(r.body.begin(), r.body.end(), '\n'), kRows + 1);
    snapshot_bytes_ = r.body.size();
  }

  static assembly::itest::TempSchema* schema_;
  static std::string topic_, pool_id_, hash_;
  static std::size_t snapshot_bytes_;
  std::unique_ptr<assembly::itest::ServiceProcess> service_;
  std::string token_;
};

assembly::itest::TempSchema* PoolSnapshot::schema_ = nullptr;
std::string PoolSnapshot::topic_, PoolSnapshot::pool_id_, PoolSnapshot::hash_;
std::size_t PoolSnapshot::snapshot_bytes_ = 9'000'000;

}  // namespace

TEST_F(PoolSnapshot, TwoConcurrentDownloadsKeepTheMemoryBoundedAndTheBytesOfTheHash) {
  const pid_t pid = service_->pid();
  // One download, then two at once, each measured from the process's size before it.
  for (int at_once : {1, 2}) {
    reset_peak(pid);
    const long before = status_kib(pid, "VmRSS:");
    std::vector<assembly::itest::HttpResponse> answers(static_cast<std::size_t>(at_once));
    std::vector<std::thread> clients;
    for (auto& a : answers) clients.emplace_back([&a, this] { a = call("GET", snapshot_path()); });
    for (auto& t : clients) t.join();
    const long grew = status_kib(pid, "VmHWM:") - before;
    for (const auto& a : answers) expect_snapshot(a);
    std::cout << at_once << " download(s) of a " << kRows << "-row snapshot ("
              << snapshot_bytes_ / 1024 << " KiB): peak RSS grew by " << grew << " KiB\n";
    EXPECT_LT(grew * 1024, static_cast<long>(snapshot_bytes_ / 2))
        << at_once << " download(s) of a " << snapshot_bytes_
        << "-byte snapshot made the service grow by " << grew << " KiB";
  }
}

TEST_F(PoolSnapshot, ClientsThatStopReadingHoldNoMemoryAndFurtherDownloadsWaitTheirTurn) {
  const pid_t pid = service_->pid();
  reset_peak(pid);
  const long before = status_kib(pid, "VmRSS:");
  std::vector<std::unique_ptr<StalledClient>> stalled;
  for (int i = 0; i < kSnapshotsAtOnce; ++i) {
    stalled.push_back(std::make_unique<StalledClient>(service_->url() + snapshot_path(), token_));
    EXPECT_EQ(stalled.back()->head().rfind("HTTP/1.1 200", 0), 0u) << stalled.back()->head();
  }
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const long grew = status_kib(pid, "VmHWM:") - before;
  EXPECT_LT(grew * 1024, static_cast<long>(snapshot_bytes_ / 2))
      << "two clients that stopped reading made the service grow by " << grew << " KiB";

  // Both slots are taken: a third download is told when to come back.
  auto third = call("GET", snapshot_path());
  EXPECT_EQ(third.status, 503) << third.body.substr(0, 300);
  EXPECT_TRUE(third.headers.count("retry-after")) << third.body.substr(0, 300);

  // The clients go away: their files and slots are released, and a download goes through.
  for (auto& s : stalled) s->close();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (unnamed_files(pid) > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(unnamed_files(pid), 0) << "a download cut short still holds its file";
  expect_snapshot(call("GET", snapshot_path()));
  EXPECT_EQ(unnamed_files(pid), 0) << "a download done still holds its file";
}
