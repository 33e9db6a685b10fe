#include <jwt.h>

#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>

#include "assembly/auth/auth.h"

namespace assembly::auth {
namespace {

struct JwtFree {
  void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

std::string base64url_decode(const std::string& in) {
  static const std::string chars =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  int val = 0, bits = -8;
  for (char c : in) {
    auto pos = chars.find(c);
    if (pos == std::string::npos) throw AuthError("malformed token");
    val = (val << 6) + static_cast<int>(pos);
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

// The JOSE header is checked before libjwt sees the token: only RS256 is accepted.
void check_header(const std::string& token) {
  auto dot = token.find('.');
  if (dot == std::string::npos || token.find('.', dot + 1) == std::string::npos)
    throw AuthError("malformed token");
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(base64url_decode(token.substr(0, dot)));
  } catch (const nlohmann::json::exception&) {
    throw AuthError("malformed token header");
  }
  if (!header.is_object() || !header.contains("alg") || header["alg"] != "RS256")
    throw AuthError("token algorithm not allowed (RS256 only)");
}

bool audience_matches(const nlohmann::json& aud, const std::string& expected) {
  if (aud.is_string()) return aud == expected;
  if (aud.is_array())
    for (const auto& a : aud)
      if (a.is_string() && a == expected) return true;
  return false;
}

}  // namespace

Verifier::Verifier(VerifierOptions options) : options_(std::move(options)) {
  if (!options_.now) options_.now = [] { return std::chrono::system_clock::now(); };
  if (options_.public_key_pem.empty()) throw std::invalid_argument("empty JWT public key");
}

Principal Verifier::verify(const std::string& token) const {
  if (token.empty()) throw AuthError("missing bearer token");
  check_header(token);
  jwt_t* raw = nullptr;
  int rc = jwt_decode(&raw, token.c_str(),
                      reinterpret_cast<const unsigned char*>(options_.public_key_pem.data()),
                      static_cast<int>(options_.public_key_pem.size()));
  JwtPtr jwt(raw);
  if (rc != 0 || !jwt) throw AuthError("invalid token signature");
  if (jwt_get_alg(jwt.get()) != JWT_ALG_RS256) throw AuthError("token algorithm not allowed");

  char* grants = jwt_get_grants_json(jwt.get(), nullptr);
  if (grants == nullptr) throw AuthError("token has no claims");
  nlohmann::json claims;
  try {
    claims = nlohmann::json::parse(grants);
  } catch (const nlohmann::json::exception&) {
    std::free(grants);
    throw AuthError("malformed token claims");
  }
  std::free(grants);

  auto now = std::chrono::duration_cast<std::chrono::seconds>(options_.now().time_since_epoch());
  auto leeway = options_.leeway.count();
  if (!claims.contains("exp") || !claims["exp"].is_number())
    throw AuthError("token has no expiry (exp)");
  if (claims["exp"].get<long long>() + leeway <= now.count()) throw AuthError("token expired");
  if (claims.contains("nbf") &&
      (!claims["nbf"].is_number() || claims["nbf"].get<long long>() - leeway > now.count()))
    throw AuthError("token not yet valid (nbf)");
  if (!claims.contains("iss") || claims["iss"] != options_.issuer)
    throw AuthError("token issuer not accepted");
  if (!claims.contains("aud") || !audience_matches(claims["aud"], options_.audience))
    throw AuthError("token audience not accepted");

  Principal p;
  if (claims.contains("sub") && claims["sub"].is_string()) p.subject = claims["sub"];
  if (claims.contains("roles") && claims["roles"].is_array())
    for (const auto& r : claims["roles"])
      if (r.is_string() && is_known_role(r.get<std::string>()))
        p.roles.insert(r.get<std::string>());
  if (p.roles.empty()) throw AuthError("token carries no known role");
  if (claims.contains("department") && claims["department"].is_string())
    p.department = claims["department"];
  if (claims.contains("member_id") && claims["member_id"].is_string())
    p.member_id = claims["member_id"];
  auto strings = [&](const char* name, std::set<std::string>& out) {
    if (!claims.contains(name)) return;
    const auto& v = claims[name];
    if (v.is_string()) out.insert(v.get<std::string>());
    if (v.is_array())
      for (const auto& x : v)
        if (x.is_string()) out.insert(x.get<std::string>());
  };
  strings("assemblies", p.assemblies);
  strings("workshops", p.workshops);
  return p;
}

std::string mint(const TokenRequest& request) {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) throw std::runtime_error("jwt_new failed");
  JwtPtr jwt(raw);
  auto iat = std::chrono::duration_cast<std::chrono::seconds>(request.issued_at.time_since_epoch())
                 .count();
  nlohmann::json claims = {{"iss", request.issuer},
                           {"aud", request.audience},
                           {"sub", request.subject},
                           {"iat", iat},
                           {"nbf", iat},
                           {"exp", iat + request.ttl.count()},
                           {"roles", request.roles}};
  if (!request.department.empty()) claims["department"] = request.department;
  if (!request.member_id.empty()) claims["member_id"] = request.member_id;
  if (!request.assemblies.empty()) claims["assemblies"] = request.assemblies;
  if (!request.workshops.empty()) claims["workshops"] = request.workshops;
  if (jwt_add_grants_json(jwt.get(), claims.dump().c_str()) != 0)
    throw std::runtime_error("cannot set token claims");
  if (jwt_set_alg(jwt.get(), JWT_ALG_RS256,
                  reinterpret_cast<const unsigned char*>(request.private_key_pem.data()),
                  static_cast<int>(request.private_key_pem.size())) != 0)
    throw std::runtime_error("cannot use the private key for RS256");
  char* out = jwt_encode_str(jwt.get());
  if (out == nullptr)
    throw std::runtime_error("cannot sign token (is the key an RSA private key?)");
  std::string token(out);
  std::free(out);
  return token;
}

}  // namespace assembly::auth
