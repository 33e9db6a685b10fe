#include "assembly/testing/process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "assembly/testing/http_client.h"
#include "assembly/testing/stack.h"

namespace assembly::itest {

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("free_port: no socket");
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("free_port: no port on 127.0.0.1");
  return ntohs(a.sin_port);
}

ServiceProcess::ServiceProcess(const std::string& binary, int port,
                               const std::map<std::string, std::string>& env)
    : port_(port) {
  std::map<std::string, std::string> all = {
      {"PATH", "/usr/bin:/bin"},
      {"HTTP_PORT", std::to_string(port)},
      {"PG_CONNINFO", pg_conninfo()},
      {"OIDC_ISSUER", itest::env("OIDC_ISSUER")},  // the local Keycloak; audience: the service
      {"LOG_LEVEL", "warn"}};
  for (const auto& [k, v] : kafka_env()) all[k] = v;
  for (const auto& [k, v] : env) all[k] = v;
  std::vector<std::string> strings;
  for (const auto& [k, v] : all) strings.push_back(k + "=" + v);
  pid_ = fork();
  if (pid_ == 0) {
    std::vector<char*> envp;
    for (auto& s : strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    char* argv[] = {const_cast<char*>(binary.c_str()), nullptr};
    execve(binary.c_str(), argv, envp.data());
    _exit(127);
  }
}

ServiceProcess::~ServiceProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 200; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
}

bool ServiceProcess::wait_ready(int seconds) const {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (http("GET", url() + "/readyz", {}, {}, 2).status == 200) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) return false;  // exited
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace assembly::itest
