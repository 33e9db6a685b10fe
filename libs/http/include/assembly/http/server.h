#pragma once
// The service's HTTP server on Pistache: one endpoint serving the Router, with request metrics,
// the HTTP/1.1 keep-alive fix (docs/stack.md) and a drain on stop.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "assembly/http/client_address.h"
#include "assembly/http/http.h"

namespace assembly::http {

struct ServerOptions {
  std::string host = "0.0.0.0";
  std::uint16_t port = 0;  // 0: any free port (tests)
  int threads = 2;
  // Hard limit Pistache enforces while reading; routes set lower limits of their own (413).
  std::size_t max_request_bytes = 4 << 20;
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds body_timeout{60};
  // The proxies whose Forwarded / X-Forwarded-For headers name the caller (Request::remote);
  // none by default.
  TrustedProxies trusted_proxies;
};

class Server {
 public:
  Server(std::string service, ServerOptions options, std::shared_ptr<const Router> router,
         std::shared_ptr<const auth::Verifier> verifier);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();
  std::uint16_t port() const;
  // Stops accepting, then waits (bounded) for requests in flight to finish.
  void stop(std::chrono::milliseconds drain = std::chrono::seconds(5));

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace assembly::http
