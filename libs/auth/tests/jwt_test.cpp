#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "assembly/auth/auth.h"

using namespace assembly::auth;
using namespace std::chrono_literals;

namespace {

KeyPair make_keys() {
  return generate_rsa_key_pair();
}

const KeyPair& keys() {
  static KeyPair k = make_keys();
  return k;
}

std::string b64url(const std::string& in) {
  static const char* chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  int val = 0, bits = -6;
  for (unsigned char c : in) {
    val = (val << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(chars[(val >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(chars[((val << 8) >> (bits + 8)) & 0x3F]);
  return out;
}

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));

Verifier verifier() {
  return Verifier({keys().public_pem, "assembly-local", "assembly", 30s, [] { return kNow; }});
}

TokenRequest request(std::vector<std::string> roles = {"secretariat"}) {
  TokenRequest r;
  r.private_key_pem = keys().private_pem;
  r.issuer = "assembly-local";
  r.audience = "assembly";
  r.subject = "staff-1";
  r.roles = std::move(roles);
  r.issued_at = kNow - 10s;
  r.ttl = 3600s;
  return r;
}

std::string claims_json() {
  return R"({"iss":"assembly-local","aud":"assembly","sub":"x","exp":1900000000,"roles":["secretariat"]})";
}

}  // namespace

TEST(Jwt, ValidTokenGivesThePrincipal) {
  auto p = verifier().verify(mint(request({"member", "public"})));
  EXPECT_EQ(p.subject, "staff-1");
  EXPECT_TRUE(p.has("member"));
  EXPECT_TRUE(p.has("public"));
  EXPECT_FALSE(p.has("secretariat"));
}

TEST(Jwt, DepartmentClaimTravels) {
  auto r = request({"city-service"});
  EXPECT_EQ(verifier().verify(mint(r)).department, "");
  r.department = "DAC";
  EXPECT_EQ(verifier().verify(mint(r)).department, "DAC");
}

TEST(Jwt, ElectedRepresentativeIsARole) {
  EXPECT_TRUE(is_known_role(kElectedRepresentative));
  auto p = verifier().verify(mint(request({"elected-representative"})));
  EXPECT_TRUE(p.has(kElectedRepresentative));
  EXPECT_FALSE(p.has(kCityService));
}

TEST(Jwt, ExpiredTokenIsRefused) {
  auto r = request();
  r.issued_at = kNow - 7200s;
  EXPECT_THROW(verifier().verify(mint(r)), AuthError);
}

TEST(Jwt, NotYetValidTokenIsRefused) {
  auto r = request();
  r.issued_at = kNow + 600s;  // nbf = iat
  EXPECT_THROW(verifier().verify(mint(r)), AuthError);
}

TEST(Jwt, WrongIssuerOrAudienceIsRefused) {
  auto r = request();
  r.issuer = "someone-else";
  EXPECT_THROW(verifier().verify(mint(r)), AuthError);
  r = request();
  r.audience = "other-app";
  EXPECT_THROW(verifier().verify(mint(r)), AuthError);
}

TEST(Jwt, TokenSignedByAnotherKeyIsRefused) {
  auto other = make_keys();
  auto r = request();
  r.private_key_pem = other.private_pem;
  EXPECT_THROW(verifier().verify(mint(r)), AuthError);
}

TEST(Jwt, TamperedClaimsAreRefused) {
  auto token = mint(request({"member"}));
  auto first = token.find('.');
  auto second = token.find('.', first + 1);
  std::string forged = token.substr(0, first + 1) + b64url(claims_json()) + token.substr(second);
  EXPECT_THROW(verifier().verify(forged), AuthError);
}

TEST(Jwt, AlgNoneIsRefused) {
  std::string token = b64url(R"({"alg":"none","typ":"JWT"})") + "." + b64url(claims_json()) + ".";
  EXPECT_THROW(verifier().verify(token), AuthError);
}

TEST(Jwt, Hs256WithThePublicKeyAsSecretIsRefused) {
  std::string signing_input =
      b64url(R"({"alg":"HS256","typ":"JWT"})") + "." + b64url(claims_json());
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  const auto& secret = keys().public_pem;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(), mac,
       &len);
  std::string token = signing_input + "." + b64url(std::string(reinterpret_cast<char*>(mac), len));
  EXPECT_THROW(verifier().verify(token), AuthError);
}

TEST(Jwt, GarbageAndEmptyAreRefused) {
  EXPECT_THROW(verifier().verify(""), AuthError);
  EXPECT_THROW(verifier().verify("abc"), AuthError);
  EXPECT_THROW(verifier().verify("a.b.c"), AuthError);
}

TEST(Jwt, TokenWithoutKnownRoleIsRefused) {
  EXPECT_THROW(verifier().verify(mint(request({"admin"}))), AuthError);
}
