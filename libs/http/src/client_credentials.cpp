#include "assembly/http/client_credentials.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "assembly/http/client.h"

namespace assembly::http::client {

namespace {

std::string form_encode(const std::string& s) {
  std::string out;
  static constexpr char hex[] = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string read_secret(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw TokenError("the client secret file cannot be read", false);
  std::stringstream ss;
  ss << in.rdbuf();
  auto s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

ClientCredentials::ClientCredentials(ClientCredentialsSettings settings)
    : settings_(std::move(settings)) {}

std::string ClientCredentials::token() {
  std::lock_guard lock(mutex_);
  if (!token_.empty() && std::chrono::steady_clock::now() < until_) return token_;
  Request r;
  r.method = "POST";
  r.url = settings_.token_url;
  r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  r.body = "grant_type=client_credentials&client_id=" + form_encode(settings_.client_id) +
           "&client_secret=" + form_encode(read_secret(settings_.secret_file));
  r.timeout = settings_.timeout;
  Response a;
  try {
    a = send(r);
  } catch (const Error&) {
    throw TokenError("token: no answer from the identity provider", true);
  }
  if (!a.ok())
    throw TokenError("token: the identity provider answered " + std::to_string(a.status),
                     a.status >= 500);
  auto j = nlohmann::json::parse(a.body, nullptr, false);
  if (!j.is_object() || !j.contains("access_token") || !j["access_token"].is_string())
    throw TokenError("token: the answer holds no access_token", false);
  token_ = j["access_token"].get<std::string>();
  const int expires = j.value("expires_in", 60);
  until_ = std::chrono::steady_clock::now() + std::chrono::seconds(std::max(5, expires - 30));
  return token_;
}

void ClientCredentials::forget() {
  std::lock_guard lock(mutex_);
  token_.clear();
}

}  // namespace assembly::http::client
