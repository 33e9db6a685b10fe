#pragma once
#include "assembly/auth/auth.h"

namespace test {
inline const assembly::auth::KeyPair& keys() {
  static auto k = assembly::auth::generate_rsa_key_pair();
  return k;
}
inline std::shared_ptr<assembly::auth::Verifier> verifier() {
  return assembly::auth::verifier_for_pem(keys().public_pem, "iss", "aud");
}
// A token with the claims the caller sets on the request (issuer, audience and key filled in).
inline std::string token_of(assembly::auth::TokenRequest r) {
  r.private_key_pem = keys().private_pem;
  r.issuer = "iss";
  r.audience = "aud";
  return assembly::auth::mint(r);
}
inline std::string token(std::vector<std::string> roles, std::string subject = "s1") {
  assembly::auth::TokenRequest r;
  r.private_key_pem = keys().private_pem;
  r.issuer = "iss";
  r.audience = "aud";
  r.subject = std::move(subject);
  r.roles = std::move(roles);
  for (const auto& role : r.roles)
    if (role == assembly::auth::kMember) r.member_id = r.subject;  // a member's account
  r.assemblies = {"*"};
  return assembly::auth::mint(r);
}
}  // namespace test
