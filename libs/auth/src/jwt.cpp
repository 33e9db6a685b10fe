#include <jwt.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "assembly/auth/auth.h"
#include "base64url.h"

namespace assembly::auth {
namespace {

struct JwtFree {
  void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

bool audience_matches(const nlohmann::json& aud, const std::string& expected) {
  if (aud.is_string()) return aud == expected;
  if (aud.is_array())
    for (const auto& a : aud)
      if (a.is_string() && a == expected) return true;
  return false;
}

nlohmann::json decode_json(const std::string& part, const char* what) {
  auto bytes = detail::base64url_decode(part);
  if (!bytes) throw AuthError("malformed", std::string("malformed token ") + what);
  try {
    auto doc = nlohmann::json::parse(*bytes);
    if (doc.is_object()) return doc;
  } catch (const nlohmann::json::exception&) {
  }
  throw AuthError("malformed", std::string("malformed token ") + what);
}

}  // namespace

// The verified tokens, by their text. Full: the expired ones go; still full, all go (a burst of
// distinct tokens beyond the bound then costs what it would without a cache, never memory).
struct Verifier::Cache {
  std::size_t capacity = 0;
  std::mutex mutex;
  std::unordered_map<std::string, Verified> entries;
};

Verifier::Verifier(VerifierOptions options) : options_(std::move(options)) {
  if (!options_.now) options_.now = [] { return std::chrono::system_clock::now(); };
  if (!options_.keys) throw std::invalid_argument("Verifier: no key source");
  if (options_.issuer.empty()) throw std::invalid_argument("Verifier: no issuer");
  if (options_.audience.empty()) throw std::invalid_argument("Verifier: no audience");
  if (options_.cache_entries > 0) {
    cache_ = std::make_shared<Cache>();
    cache_->capacity = options_.cache_entries;
  }
}

Principal Verifier::verify(const std::string& token) const {
  try {
    if (cache_) {
      std::optional<Verified> hit;
      {
        std::lock_guard lock(cache_->mutex);
        if (auto it = cache_->entries.find(token); it != cache_->entries.end()) hit = it->second;
      }
      if (hit && hit->keys == options_.keys->current()) {
        check_times(*hit);
        return hit->principal;
      }
    }
    auto verified = check(token);
    if (cache_) {
      const double now = static_cast<double>(
          std::chrono::duration_cast<std::chrono::seconds>(options_.now().time_since_epoch())
              .count());
      std::lock_guard lock(cache_->mutex);
      if (cache_->entries.size() >= cache_->capacity) {
        const double leeway = static_cast<double>(options_.leeway.count());
        std::erase_if(cache_->entries, [&](const auto& e) { return e.second.exp + leeway <= now; });
        if (cache_->entries.size() >= cache_->capacity) cache_->entries.clear();
      }
      cache_->entries.insert_or_assign(token, verified);
    }
    return verified.principal;
  } catch (const AuthError& e) {
    if (options_.on_failure) options_.on_failure(e.reason());
    throw;
  }
}

std::size_t Verifier::cached() const {
  if (!cache_) return 0;
  std::lock_guard lock(cache_->mutex);
  return cache_->entries.size();
}

// exp, nbf and iat against the clock, with the leeway: at the first verification and at every
// use of a cached one.
void Verifier::check_times(const Verified& v, bool has_iat) const {
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(options_.now().time_since_epoch()).count();
  const auto leeway = static_cast<double>(options_.leeway.count());
  if (v.exp + leeway <= now) throw AuthError("expired", "token expired");
  if (v.nbf && *v.nbf - leeway > now) throw AuthError("not_yet_valid", "token not yet valid (nbf)");
  if (!has_iat) throw AuthError("issued_at", "token has no issue time (iat)");
  if (v.iat - leeway > now) throw AuthError("issued_at", "token issued in the future (iat)");
  if (now - v.iat > static_cast<double>(options_.max_token_age.count()) + leeway)
    throw AuthError("issued_at", "token too old (issued more than " +
                                     std::to_string(options_.max_token_age.count()) +
                                     " seconds ago)");
}

Verifier::Verified Verifier::check(const std::string& token) const {
  if (token.empty()) throw AuthError("missing_token", "missing bearer token");
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string::npos || token.find('.', dot2 + 1) != std::string::npos)
    throw AuthError("malformed", "malformed token (not a signed JWT)");

  // The header first: the algorithm is checked before anything else is looked at.
  const auto header = decode_json(token.substr(0, dot1), "header");
  const auto alg_it = header.find("alg");
  Algorithm alg;
  if (alg_it != header.end() && *alg_it == "RS256")
    alg = Algorithm::RS256;
  else if (alg_it != header.end() && *alg_it == "ES256")
    alg = Algorithm::ES256;
  else
    throw AuthError("algorithm", "token algorithm not allowed (RS256 or ES256 only)");
  if (header.contains("crit"))
    throw AuthError("malformed", "token header names critical extensions (none is supported)");
  std::string kid;
  bool has_kid = false;
  if (auto k = header.find("kid"); k != header.end()) {
    if (!k->is_string()) throw AuthError("malformed", "malformed token header (kid)");
    kid = k->get<std::string>();
    has_kid = true;
  }

  auto keys = options_.keys->current();
  if (!keys) keys = options_.keys->on_unknown_key(kid);
  if (!keys) throw KeysUnavailable("the issuer's key set is not available yet; retry later");
  const KeySet::Key* key = nullptr;
  if (has_kid) {
    key = keys->find(kid);
    if (!key) {
      keys = options_.keys->on_unknown_key(kid);
      key = keys ? keys->find(kid) : nullptr;
    }
    if (!key) throw AuthError("unknown_kid", "token signed by an unknown key (kid)");
  } else {
    key = keys->only();
    if (!key)
      throw AuthError("unknown_kid", "token names no key (kid) and the key set holds " +
                                         std::to_string(keys->size()) + " keys");
  }
  if (KeySet::algorithm(*key) != alg)
    throw AuthError("algorithm", std::string("token algorithm ") + to_string(alg) +
                                     " does not match its key's (" +
                                     to_string(KeySet::algorithm(*key)) + ")");
  const auto signature = detail::base64url_decode(token.substr(dot2 + 1));
  if (!signature || !KeySet::verify(*key, token.substr(0, dot2), *signature))
    throw AuthError("signature", "invalid token signature");

  const auto claims = decode_json(token.substr(dot1 + 1, dot2 - dot1 - 1), "claims");
  // A NumericDate: whole seconds from 1970 to 9999-12-31, never a fraction, an infinity or a
  // value that would wrap when converted.
  auto number = [&](const char* name) -> std::optional<double> {
    auto it = claims.find(name);
    if (it == claims.end()) return std::nullopt;
    if (!it->is_number())
      throw AuthError("malformed", std::string("token claim ") + name + " is not a number");
    const auto v = it->get<double>();
    constexpr double kLatest = 253'402'300'799;  // 9999-12-31T23:59:59Z
    if (!std::isfinite(v) || v < 0 || v > kLatest || std::trunc(v) != v)
      throw AuthError("malformed", std::string("token claim ") + name +
                                       " is not a whole number of seconds in range");
    return v;
  };
  Verified v;
  v.keys = keys;
  const auto exp = number("exp");
  if (!exp) throw AuthError("expired", "token has no expiry (exp)");
  v.exp = *exp;
  v.nbf = number("nbf");
  const auto iat = number("iat");
  v.iat = iat.value_or(0);
  check_times(v, iat.has_value());
  if (!claims.contains("iss") || claims["iss"] != options_.issuer)
    throw AuthError("issuer", "token issuer not accepted");
  if (!claims.contains("aud") || !audience_matches(claims["aud"], options_.audience))
    throw AuthError("audience", "token audience not accepted");

  Principal& p = v.principal;
  if (claims.contains("sub") && claims["sub"].is_string()) p.subject = claims["sub"];
  if (claims.contains("roles") && claims["roles"].is_array())
    for (const auto& r : claims["roles"])
      if (r.is_string() && is_known_role(r.get<std::string>()))
        p.roles.insert(r.get<std::string>());
  if (p.roles.empty()) throw AuthError("no_role", "token carries no known role");
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
  return v;
}

std::shared_ptr<Verifier> verifier_for_pem(const std::string& public_key_pem, std::string issuer,
                                           std::string audience, std::chrono::seconds leeway) {
  VerifierOptions o;
  o.keys = std::make_shared<StaticKeys>(KeySet::from_pem(public_key_pem));
  o.issuer = std::move(issuer);
  o.audience = std::move(audience);
  o.leeway = leeway;
  return std::make_shared<Verifier>(std::move(o));
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
  if (!request.kid.empty() && jwt_add_header(jwt.get(), "kid", request.kid.c_str()) != 0)
    throw std::runtime_error("cannot set the token's kid");
  const bool es256 = request.algorithm == Algorithm::ES256;
  if (jwt_set_alg(jwt.get(), es256 ? JWT_ALG_ES256 : JWT_ALG_RS256,
                  reinterpret_cast<const unsigned char*>(request.private_key_pem.data()),
                  static_cast<int>(request.private_key_pem.size())) != 0)
    throw std::runtime_error(std::string("cannot use the private key for ") +
                             to_string(request.algorithm));
  char* out = jwt_encode_str(jwt.get());
  if (out == nullptr)
    throw std::runtime_error(es256 ? "cannot sign token (is the key an EC P-256 private key?)"
                                   : "cannot sign token (is the key an RSA private key?)");
  std::string token(out);
  std::free(out);
  return token;
}

}  // namespace assembly::auth
