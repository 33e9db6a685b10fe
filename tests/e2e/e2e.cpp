#include "e2e.h"

#include <sodium.h>

#include <thread>

#include "assembly/auth/auth.h"
#include "assembly/testing/stack.h"

namespace e2e {

std::string url(const std::string& service) {
  std::string var = service;
  for (auto& c : var) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return assembly::itest::env(var + "_URL");
}

std::string token(const std::string& role, const std::string& subject) {
  assembly::auth::TokenRequest r;
  r.private_key_pem = assembly::auth::read_file(assembly::itest::env("JWT_PRIVATE_KEY_FILE"));
  r.issuer = assembly::itest::env("JWT_ISSUER");
  r.audience = assembly::itest::env("JWT_AUDIENCE");
  r.subject = subject;
  r.roles = {role};
  return assembly::auth::mint(r);
}

assembly::itest::HttpResponse get(const std::string& service, const std::string& path, const std::string& bearer) {
  std::map<std::string, std::string> h;
  if (!bearer.empty()) h["Authorization"] = "Bearer " + bearer;
  return assembly::itest::http("GET", url(service) + path, {}, h);
}

assembly::itest::HttpResponse post(const std::string& service, const std::string& path,
                                   const nlohmann::json& body, const std::string& bearer) {
  std::map<std::string, std::string> h{{"Content-Type", "application/json"}};
  if (!bearer.empty()) h["Authorization"] = "Bearer " + bearer;
  return assembly::itest::http("POST", url(service) + path, body.dump(), h);
}

std::string sha256_hex(const std::string& data) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  static const char* hex = "0123456789abcdef";
  std::string h;
  for (unsigned char c : out) h += std::string{hex[c >> 4], hex[c & 15]};
  return h;
}

bool eventually(const std::function<bool()>& pred, std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return pred();
}

nlohmann::json panel_request(const std::string& assembly_id, int candidates, int seats) {
  nlohmann::json list = nlohmann::json::array();
  const char* sexes[] = {"female", "male"};
  for (int i = 0; i < candidates; ++i)
    list.push_back({{"person_id", "person-" + std::to_string(i)},
                    {"pool", "roll"},
                    {"attributes", {{"sex", sexes[i % 2]}, {"arrondissement", std::to_string(1 + i % 20)}}}});
  return {{"assembly_id", assembly_id}, {"seats", seats}, {"seed", "e2e-public-seed-" + assembly_id},
          {"candidates", list}};
}

}  // namespace e2e
