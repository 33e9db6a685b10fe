#pragma once
// A service's own access token from the identity provider (OAuth 2.0 client credentials grant,
// RFC 6749 §4.4), for its calls to another service's API: fetched on first use, kept until 30 s
// before it expires, dropped on a 401 so the next call fetches a new one. Safe from any thread.
// The secret is read from its file at each fetch (a rotated secret is picked up); neither it nor
// the token is ever logged.
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>

namespace assembly::http::client {

struct ClientCredentialsSettings {
  std::string token_url;  // the realm's token endpoint
  std::string client_id;
  std::string secret_file;  // a file holding the client's secret
  std::chrono::milliseconds timeout{5000};
};

class TokenError : public std::runtime_error {
 public:
  TokenError(const std::string& what, bool temporary)
      : std::runtime_error(what), temporary(temporary) {}
  bool temporary;  // no answer, or 5xx: worth trying again later
};

class ClientCredentials {
 public:
  explicit ClientCredentials(ClientCredentialsSettings settings);
  std::string token();  // TokenError when none can be had
  void forget();        // after a 401 with the current token
 private:
  ClientCredentialsSettings settings_;
  std::mutex mutex_;
  std::string token_;
  std::chrono::steady_clock::time_point until_{};
};

}  // namespace assembly::http::client
