// bench-auth: microseconds per bearer token verification, the key set verifier (RS256 and ES256,
// a three-key set selected by kid) beside the former single-key path (the anchor: the header
// check, libjwt's jwt_decode with the PEM public key, the claims read back as JSON, as the
// verifier did before key sets), same run, same tokens, taking turns.
//   bench-auth [VERIFICATIONS_PER_ROUND [ROUNDS]]
// Prints one line per round and path, then the medians:
//   median path=<p> us_per_verification=<x>
#include <jwt.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "assembly/auth/auth.h"

namespace {

using namespace assembly::auth;
using Clock = std::chrono::steady_clock;

std::string b64url_decode(const std::string& in) {
  static const std::string chars =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  int val = 0, bits = -8;
  for (char c : in) {
    auto pos = chars.find(c);
    if (pos == std::string::npos) throw std::runtime_error("malformed");
    val = ((val << 6) + static_cast<int>(pos)) & 0xFFFF;
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

// The former path, step by step: header alg check, jwt_decode with the PEM, the grants as JSON,
// the claims compared.
std::string former_verify(const std::string& token, const std::string& pem) {
  auto dot = token.find('.');
  auto header = nlohmann::json::parse(b64url_decode(token.substr(0, dot)));
  if (header["alg"] != "RS256") throw std::runtime_error("alg");
  jwt_t* jwt = nullptr;
  if (jwt_decode(&jwt, token.c_str(), reinterpret_cast<const unsigned char*>(pem.data()),
                 static_cast<int>(pem.size())) != 0 ||
      !jwt)
    throw std::runtime_error("signature");
  char* grants = jwt_get_grants_json(jwt, nullptr);
  auto claims = nlohmann::json::parse(grants);
  std::free(grants);
  jwt_free(jwt);
  if (claims["iss"] != "bench" || claims["aud"] != "sortition") throw std::runtime_error("claims");
  return claims["sub"];
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 3000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  if (n <= 0 || rounds <= 0) {
    std::cerr << "usage: bench-auth [VERIFICATIONS_PER_ROUND [ROUNDS]]\n";
    return 2;
  }
  const auto rsa = generate_rsa_key_pair();
  const auto rsa_other = generate_rsa_key_pair();
  const auto ec = generate_ec_key_pair();
  auto set = KeySet::from_jwks(R"({"keys":[)" + public_jwk(rsa.public_pem, "r1") + "," +
                               public_jwk(rsa_other.public_pem, "r2") + "," +
                               public_jwk(ec.public_pem, "e1") + "]}");
  VerifierOptions vo;
  vo.keys = std::make_shared<StaticKeys>(set);
  vo.issuer = "bench";
  vo.audience = "sortition";
  Verifier verifier(vo);

  // 64 distinct tokens per algorithm, cycled; the RS256 ones are verified by both paths.
  std::vector<std::string> rs_tokens, es_tokens;
  for (int i = 0; i < 64; ++i) {
    TokenRequest r;
    r.issuer = "bench";
    r.audience = "sortition";
    r.subject = "staff-" + std::to_string(i);
    r.roles = {"secretariat"};
    r.ttl = std::chrono::seconds(3600);
    r.private_key_pem = rsa.private_pem;
    r.kid = "r1";
    rs_tokens.push_back(mint(r));
    r.private_key_pem = ec.private_pem;
    r.kid = "e1";
    r.algorithm = Algorithm::ES256;
    es_tokens.push_back(mint(r));
  }

  struct Path {
    const char* name;
    std::function<std::string(const std::string&)> verify;
    const std::vector<std::string>* tokens;
    std::vector<double> us;
  };
  std::vector<Path> paths = {
      {"former_libjwt_rs256",
       [&](const std::string& t) { return former_verify(t, rsa.public_pem); },
       &rs_tokens,
       {}},
      {"keyset_rs256",
       [&](const std::string& t) { return verifier.verify(t).subject; },
       &rs_tokens,
       {}},
      {"keyset_es256",
       [&](const std::string& t) { return verifier.verify(t).subject; },
       &es_tokens,
       {}},
  };
  std::size_t sink = 0;
  for (auto& p : paths)  // warm-up, and a check that every path accepts its tokens
    for (const auto& t : *p.tokens) sink += p.verify(t).size();
  for (int round = 1; round <= rounds; ++round) {
    for (auto& p : paths) {
      const auto start = Clock::now();
      for (int i = 0; i < n; ++i) sink += p.verify((*p.tokens)[i % p.tokens->size()]).size();
      const double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count() / n;
      p.us.push_back(us);
      std::cout << "round=" << round << " path=" << p.name << " us_per_verification=" << us << "\n";
    }
  }
  for (auto& p : paths)
    std::cout << "median path=" << p.name << " us_per_verification=" << median(p.us) << "\n";
  return sink == 0 ? 1 : 0;
}
