#pragma once
// Outbound HTTP(S) calls of the services (libcurl): the issuer's key set, an identity provider's
// admin API. One blocking call per request, safe from any thread. Bodies and the Authorization
// header are never logged. Redirects are not followed; only http and https are spoken.
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace assembly::http::client {

struct Request {
  std::string method = "GET";  // GET, POST, PUT, DELETE, PATCH, HEAD
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers{};  // e.g. {"Authorization", "Bearer x"}
  std::string body{};                                          // sent when not empty
  std::chrono::milliseconds timeout{5000};                     // the whole call
  std::chrono::milliseconds connect_timeout{2000};
  std::size_t max_response_bytes = 4 << 20;  // a longer answer fails the call
  std::string ca_file{};                     // PEM CA bundle for https (default: the system's)
};

struct Response {
  long status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  // The first header of that name (case-insensitive).
  std::optional<std::string> header(const std::string& name) const;
  bool ok() const { return status >= 200 && status < 300; }
};

// No answer at all: bad URL, DNS, connection refused, TLS, timeout, answer too long.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Sends the request and returns the answer, whatever its status; Error when none came.
Response send(const Request& request);

// GET url; the body of a 2xx answer, Error otherwise (naming the URL and the status).
std::string get_body(const std::string& url,
                     std::chrono::milliseconds timeout = std::chrono::milliseconds(5000),
                     const std::string& ca_file = {});

}  // namespace assembly::http::client
