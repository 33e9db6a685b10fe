#pragma once
// A service binary started by a test with its own environment (a throw-away schema, a port of its
// own, small limits), waited for on /readyz, and stopped with SIGTERM when the test ends.
#include <sys/types.h>

#include <map>
#include <string>

namespace assembly::itest {

// A TCP port on 127.0.0.1 that nothing listens on at the time of the call (the kernel's choice),
// for a service a test starts: fixed ports collide when two test runs share a machine.
int free_port();

class ServiceProcess {
 public:
  // `env`: added to the local stack's basics (PATH, PG_CONNINFO, KAFKA_BROKERS, OIDC_ISSUER).
  ServiceProcess(const std::string& binary, int port,
                 const std::map<std::string, std::string>& env);
  ~ServiceProcess();
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;
  // True once /readyz answers 200 (false after the timeout).
  bool wait_ready(int seconds = 20) const;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int port_;
};

}  // namespace assembly::itest
