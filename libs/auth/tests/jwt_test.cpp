#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

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

VerifierOptions options(std::shared_ptr<KeySource> source) {
  VerifierOptions o;
  o.keys = std::move(source);
  o.issuer = "assembly-local";
  o.audience = "assembly";
  o.now = [] { return kNow; };
  return o;
}

// The former single-key set-up: one PEM public key, tokens without kid.
Verifier verifier() {
  return Verifier(options(std::make_shared<StaticKeys>(KeySet::from_pem(keys().public_pem))));
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

// The notifications service's own account: a role of its own, known, and nothing else.
TEST(Jwt, NotifierIsARole) {
  EXPECT_TRUE(is_known_role(kNotifier));
  EXPECT_FALSE(is_known_role("notifications"));
  auto p = verifier().verify(mint(request({"notifier", "offline_access"})));
  EXPECT_TRUE(p.has(kNotifier));
  EXPECT_EQ(p.roles.size(), 1u);
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

// ---- key sets ----

namespace {

const KeyPair& ec_keys() {
  static KeyPair k = generate_ec_key_pair();
  return k;
}
const KeyPair& rsa2() {
  static KeyPair k = generate_rsa_key_pair();
  return k;
}

std::string jwks_of(std::vector<std::string> jwks) {
  std::string out = R"({"keys":[)";
  for (std::size_t i = 0; i < jwks.size(); ++i) out += (i ? "," : "") + jwks[i];
  return out + "]}";
}

// Three keys: RSA "r1", RSA "r2", EC "e1".
std::shared_ptr<const KeySet> three_keys() {
  return KeySet::from_jwks(
      jwks_of({public_jwk(keys().public_pem, "r1"), public_jwk(rsa2().public_pem, "r2"),
               public_jwk(ec_keys().public_pem, "e1")}));
}

Verifier set_verifier(std::shared_ptr<const KeySet> set) {
  return Verifier(options(std::make_shared<StaticKeys>(std::move(set))));
}

TokenRequest signed_by(const KeyPair& pair, std::string kid, Algorithm alg = Algorithm::RS256) {
  auto r = request();
  r.private_key_pem = pair.private_pem;
  r.kid = std::move(kid);
  r.algorithm = alg;
  return r;
}

std::string reason_of(const Verifier& v, const std::string& token) {
  try {
    v.verify(token);
  } catch (const AuthError& e) {
    return e.reason();
  }
  return "accepted";
}

// A JWS with the given header over the given claims, signed by nobody (the checks before the
// signature must refuse it).
std::string unsigned_token(const std::string& header, const std::string& claims) {
  return b64url(header) + "." + b64url(claims) + "." + b64url(std::string(64, 'x'));
}

// An RS256 token over any claims, signed by keys() with kid "r1" through OpenSSL directly.
std::string rs256_token(const nlohmann::json& claims) {
  std::string input = b64url(R"({"alg":"RS256","kid":"r1"})") + "." + b64url(claims.dump());
  BIO* bio = BIO_new_mem_buf(keys().private_pem.data(), -1);
  EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t len = 0;
  EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, pkey);
  EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()),
                 input.size());
  std::string sig(len, '\0');
  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(pkey);
  sig.resize(len);
  return input + "." + b64url(sig);
}

// The JWKS an issuer serves, changeable while being served; counts the fetches.
struct Issuer {
  std::mutex mutex;
  std::string jwks;
  std::atomic<int> discovery_fetches{0};
  std::atomic<int> jwks_fetches{0};
  std::chrono::milliseconds delay{0};
  bool down = false;

  Fetch fetcher() {
    return [this](const std::string& url) -> std::string {
      if (url == "https://id.example/realms/assembly/.well-known/openid-configuration") {
        ++discovery_fetches;
        return R"({"issuer":"https://id.example/realms/assembly",)"
               R"("jwks_uri":"https://id.example/realms/assembly/certs"})";
      }
      if (url != "https://id.example/realms/assembly/certs")
        throw std::runtime_error("unexpected URL " + url);
      ++jwks_fetches;
      std::this_thread::sleep_for(delay);
      std::lock_guard lock(mutex);
      if (down) throw std::runtime_error("connection refused");
      return jwks;
    };
  }
  void serve(std::string doc) {
    std::lock_guard lock(mutex);
    jwks = std::move(doc);
  }
};

struct Remote {
  std::shared_ptr<RemoteKeys> keys;
  Verifier verifier;
};

Remote remote(Issuer& issuer, std::chrono::milliseconds interval = 1000ms,
              std::function<std::chrono::steady_clock::time_point()> clock = {}) {
  RemoteKeysOptions o;
  o.issuer = "https://id.example/realms/assembly";
  o.fetch = issuer.fetcher();
  o.min_refresh_interval = interval;
  o.clock = std::move(clock);
  auto keys = std::make_shared<RemoteKeys>(o);
  auto vo = options(keys);
  vo.issuer = "assembly-local";
  return {keys, Verifier(vo)};
}

}  // namespace

TEST(KeySet, ParsesRsaAndEcKeysAndSkipsOthers) {
  auto doc = jwks_of({
      public_jwk(keys().public_pem, "r1"),
      public_jwk(ec_keys().public_pem, "e1"),
      R"({"kid":"enc","kty":"RSA","use":"enc","n":"AQAB","e":"AQAB"})",
      R"({"kid":"hmac","kty":"oct","k":"c2VjcmV0"})",
      R"({"kid":"p384","kty":"EC","crv":"P-384","x":"AQAB","y":"AQAB"})",
      R"({"kid":"short","kty":"RSA","n":"AQAB","e":"AQAB"})",
  });
  auto set = KeySet::from_jwks(doc);
  EXPECT_EQ(set->size(), 2u);
  EXPECT_TRUE(set->contains("r1"));
  EXPECT_TRUE(set->contains("e1"));
  EXPECT_FALSE(set->contains("enc"));
  EXPECT_EQ(set->skipped().size(), 4u);
  EXPECT_EQ(KeySet::algorithm(*set->find("r1")), Algorithm::RS256);
  EXPECT_EQ(KeySet::algorithm(*set->find("e1")), Algorithm::ES256);
}

TEST(KeySet, BadDocumentsAreRefusedWithAReason) {
  EXPECT_THROW(KeySet::from_jwks("not json"), std::invalid_argument);
  EXPECT_THROW(KeySet::from_jwks(R"({"keys":{}})"), std::invalid_argument);
  EXPECT_THROW(KeySet::from_jwks(R"({"keys":[]})"), std::invalid_argument);
  EXPECT_THROW(KeySet::from_jwks(jwks_of(
                   {public_jwk(keys().public_pem, "same"), public_jwk(rsa2().public_pem, "same")})),
               std::invalid_argument);
  // An RSA key claiming another algorithm than RS256 is not used (pinned per key).
  auto jwk = nlohmann::json::parse(public_jwk(keys().public_pem, "r1"));
  jwk["alg"] = "PS256";
  EXPECT_THROW(KeySet::from_jwks(jwks_of({jwk.dump()})), std::invalid_argument);
  // A point that is not on the curve.
  auto ec = nlohmann::json::parse(public_jwk(ec_keys().public_pem, "e1"));
  ec["y"] = b64url(std::string(32, '\x01'));
  EXPECT_THROW(KeySet::from_jwks(jwks_of({ec.dump()})), std::invalid_argument);
  EXPECT_THROW(KeySet::from_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
               std::invalid_argument);
}

TEST(KeySet, TheKidSelectsTheKeyAmongSeveral) {
  auto v = set_verifier(three_keys());
  EXPECT_EQ(v.verify(mint(signed_by(keys(), "r1"))).subject, "staff-1");
  EXPECT_EQ(v.verify(mint(signed_by(rsa2(), "r2"))).subject, "staff-1");
  // Signed by r2's key but naming r1: r1's key does not verify it.
  EXPECT_EQ(reason_of(v, mint(signed_by(rsa2(), "r1"))), "signature");
  EXPECT_EQ(reason_of(v, mint(signed_by(keys(), "nobody"))), "unknown_kid");
}

TEST(KeySet, Es256TokensVerify) {
  auto v = set_verifier(three_keys());
  auto p = v.verify(mint(signed_by(ec_keys(), "e1", Algorithm::ES256)));
  EXPECT_EQ(p.subject, "staff-1");
  EXPECT_TRUE(p.has("secretariat"));
  // Another EC key naming e1.
  auto other = generate_ec_key_pair();
  EXPECT_EQ(reason_of(v, mint(signed_by(other, "e1", Algorithm::ES256))), "signature");
}

TEST(KeySet, TheHeadersAlgorithmMustBeItsKeys) {
  auto v = set_verifier(three_keys());
  // An RS256 header naming the EC key: refused before the signature is looked at.
  EXPECT_EQ(reason_of(v, mint(signed_by(keys(), "e1"))), "algorithm");
  // An ES256 header naming an RSA key.
  EXPECT_EQ(reason_of(v, mint(signed_by(ec_keys(), "r1", Algorithm::ES256))), "algorithm");
  for (const char* alg : {"none", "HS256", "PS256", "ES384", "RS512", "EdDSA"})
    EXPECT_EQ(reason_of(v, unsigned_token(std::string(R"({"kid":"r1","alg":")") + alg + "\"}",
                                          claims_json())),
              "algorithm")
        << alg;
  EXPECT_EQ(reason_of(v, unsigned_token(R"({"kid":"r1"})", claims_json())), "algorithm");
}

TEST(KeySet, ATokenWithoutKidIsAcceptedOnlyByAOneKeySet) {
  // The choice: without kid there is nothing to select by, so only a set of exactly one key
  // (JWT_PUBLIC_KEY_FILE, the local stack's tokens) accepts it; a set of several refuses it
  // rather than trying each key.
  auto token = mint(request());
  EXPECT_EQ(verifier().verify(token).subject, "staff-1");
  auto one = KeySet::from_jwks(jwks_of({public_jwk(keys().public_pem, "r1")}));
  EXPECT_EQ(set_verifier(one).verify(token).subject, "staff-1");
  EXPECT_EQ(reason_of(set_verifier(three_keys()), token), "unknown_kid");
}

TEST(KeySet, AnAudienceArrayWithoutOursIsRefused) {
  auto v = set_verifier(three_keys());
  auto r = signed_by(keys(), "r1");
  r.audience = "sortition";
  EXPECT_EQ(reason_of(v, mint(r)), "audience");
  // The contract's array form: accepted when it holds our audience.
  for (const auto& [aud, expected] : std::vector<std::pair<nlohmann::json, std::string>>{
           {nlohmann::json::array({"sortition", "membership"}), "audience"},
           {nlohmann::json::array({"sortition", "assembly"}), "accepted"},
           {nlohmann::json::array(), "audience"}}) {
    auto claims = nlohmann::json::parse(claims_json());
    claims["aud"] = aud;
    claims["iat"] = 1'800'000'000 - 10;
    // Signed by r1 through OpenSSL directly (mint takes a string audience).
    EXPECT_EQ(reason_of(v, rs256_token(claims)), expected) << aud.dump();
  }
}

// The times are NumericDates: whole seconds, finite and in range. A fraction, a huge value (a
// token "valid for ever") or a negative one is malformed, not converted as it comes.
TEST(KeySet, TimesMustBeWholeSecondsInRange) {
  auto v = set_verifier(three_keys());
  auto claims = nlohmann::json::parse(claims_json());
  claims["iat"] = 1'800'000'000 - 10;
  EXPECT_EQ(reason_of(v, rs256_token(claims)), "accepted");
  for (const nlohmann::json& bad :
       {nlohmann::json(1'900'000'000.5), nlohmann::json(1e300), nlohmann::json(-1e300),
        nlohmann::json(18446744073709551615ULL), nlohmann::json(9.3e18)}) {
    auto c = claims;
    c["exp"] = bad;
    EXPECT_EQ(reason_of(v, rs256_token(c)), "malformed") << "exp " << bad.dump();
    c = claims;
    c["nbf"] = bad;
    EXPECT_EQ(reason_of(v, rs256_token(c)), "malformed") << "nbf " << bad.dump();
    c = claims;
    c["iat"] = bad;
    EXPECT_EQ(reason_of(v, rs256_token(c)), "malformed") << "iat " << bad.dump();
  }
  claims["exp"] = 1'900'000'000.0;  // a whole number written as a float is a whole number
  EXPECT_EQ(reason_of(v, rs256_token(claims)), "accepted");
}

TEST(KeySet, IssueTimeIsRequiredNotTooOldAndNotInTheFuture) {
  auto v = set_verifier(three_keys());
  auto r = signed_by(keys(), "r1");
  r.issued_at = kNow - 500s;  // within the 600 s maximum age
  EXPECT_EQ(reason_of(v, mint(r)), "accepted");
  r.issued_at = kNow - 700s;  // still unexpired (1 h), but older than 600 s + leeway
  EXPECT_EQ(reason_of(v, mint(r)), "issued_at");
  r.issued_at = kNow + 20s;  // clock skew within the leeway: nbf = iat, both tolerated
  EXPECT_EQ(reason_of(v, mint(r)), "accepted");
  // In the future beyond the leeway, with no nbf to catch it first.
  auto claims = nlohmann::json::parse(claims_json());
  claims["iat"] = 1'800'000'000 + 120;
  EXPECT_EQ(reason_of(v, rs256_token(claims)), "issued_at");
  claims["iat"] = 1'800'000'000 - 5;
  EXPECT_EQ(reason_of(v, rs256_token(claims)), "accepted");
  claims.erase("iat");
  EXPECT_EQ(reason_of(v, rs256_token(claims)), "issued_at");  // required
  claims["iat"] = "yesterday";
  EXPECT_EQ(reason_of(v, rs256_token(claims)), "malformed");
  auto opts = options(std::make_shared<StaticKeys>(three_keys()));
  opts.max_token_age = 60s;
  Verifier strict(opts);
  r.issued_at = kNow - 100s;
  EXPECT_EQ(reason_of(strict, mint(r)), "issued_at");
}

TEST(RemoteKeys, AnUnknownKidTriggersOneRefreshThenIsAccepted) {
  Issuer issuer;
  issuer.serve(jwks_of({public_jwk(keys().public_pem, "r1")}));
  std::atomic<long> now_ms{0};
  auto clock = [&] {
    return std::chrono::steady_clock::time_point(std::chrono::milliseconds(now_ms.load()));
  };
  auto [source, v] = remote(issuer, 1000ms, clock);
  ASSERT_TRUE(source->refresh());
  now_ms = 1500;  // the next interval: one refresh allowed
  EXPECT_EQ(issuer.discovery_fetches, 1);
  EXPECT_EQ(issuer.jwks_fetches, 1);
  EXPECT_EQ(v.verify(mint(signed_by(keys(), "r1"))).subject, "staff-1");
  EXPECT_EQ(issuer.jwks_fetches, 1);  // a known kid fetches nothing

  issuer.serve(
      jwks_of({public_jwk(keys().public_pem, "r1"), public_jwk(ec_keys().public_pem, "e1")}));
  EXPECT_EQ(v.verify(mint(signed_by(ec_keys(), "e1", Algorithm::ES256))).subject, "staff-1");
  EXPECT_EQ(issuer.jwks_fetches, 2);
  EXPECT_EQ(issuer.discovery_fetches, 1);  // the key set's address is kept
  EXPECT_EQ(source->status().keys, 2u);
}

TEST(RemoteKeys, AFloodOfBogusKidsFetchesAtMostOncePerInterval) {
  Issuer issuer;
  issuer.serve(jwks_of({public_jwk(keys().public_pem, "r1")}));
  std::atomic<long> now_ms{0};
  auto clock = [&] {
    return std::chrono::steady_clock::time_point(std::chrono::milliseconds(now_ms.load()));
  };
  auto [source, v] = remote(issuer, 1000ms, clock);
  ASSERT_TRUE(source->refresh());
  const int after_start = issuer.jwks_fetches;
  now_ms = 5000;
  // 8 threads x 50 tokens naming kids nobody published, within one interval.
  std::vector<std::thread> threads;
  std::atomic<int> refused{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i)
        if (reason_of(v, mint(signed_by(keys(), "bogus-" + std::to_string(t) + "-" +
                                                    std::to_string(i)))) == "unknown_kid")
          ++refused;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(refused, 400);
  EXPECT_EQ(issuer.jwks_fetches, after_start + 1);
  // The next interval allows one more fetch, no more.
  now_ms = 6100;
  for (int i = 0; i < 20; ++i) reason_of(v, mint(signed_by(keys(), "again-" + std::to_string(i))));
  EXPECT_EQ(issuer.jwks_fetches, after_start + 2);
}

TEST(RemoteKeys, ConcurrentCallersWithTheSameNewKidShareOneFetch) {
  Issuer issuer;
  issuer.serve(jwks_of({public_jwk(keys().public_pem, "r1")}));
  std::atomic<long> now_ms{0};
  auto clock = [&] {
    return std::chrono::steady_clock::time_point(std::chrono::milliseconds(now_ms.load()));
  };
  auto [source, v] = remote(issuer, 1000ms, clock);
  ASSERT_TRUE(source->refresh());
  now_ms = 1500;  // the next interval: one refresh allowed
  const int after_start = issuer.jwks_fetches;
  issuer.serve(jwks_of({public_jwk(keys().public_pem, "r1"), public_jwk(rsa2().public_pem, "r2")}));
  issuer.delay = 200ms;  // the fetch is still in flight when the others arrive
  auto token = mint(signed_by(rsa2(), "r2"));
  std::vector<std::thread> threads;
  std::atomic<int> accepted{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      if (reason_of(v, token) == "accepted") ++accepted;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(accepted, 8);
  EXPECT_EQ(issuer.jwks_fetches, after_start + 1);
}

TEST(RemoteKeys, ARotationWhileVerifyingInThreadsFailsNoToken) {
  Issuer issuer;
  issuer.serve(jwks_of({public_jwk(keys().public_pem, "r1")}));
  auto [source, v] = remote(issuer, 0ms);
  ASSERT_TRUE(source->refresh());
  const auto old_token = mint(signed_by(keys(), "r1"));
  const auto new_token = mint(signed_by(ec_keys(), "e2", Algorithm::ES256));
  std::atomic<bool> published{false};
  std::atomic<int> failures{0}, checked{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (reason_of(v, old_token) != "accepted") ++failures;
        if (published && reason_of(v, new_token) != "accepted") ++failures;
        ++checked;
      }
    });
  std::this_thread::sleep_for(5ms);
  issuer.serve(
      jwks_of({public_jwk(keys().public_pem, "r1"), public_jwk(ec_keys().public_pem, "e2")}));
  published = true;
  source->refresh();  // the periodic refresh, racing the verifications
  for (auto& th : threads) th.join();
  EXPECT_EQ(checked, 800);
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(v.verify(new_token).subject, "staff-1");
}

TEST(RemoteKeys, NoKeySetYetIsADistinctErrorAndAFailedRefreshKeepsTheOldSet) {
  Issuer issuer;
  issuer.down = true;
  std::atomic<long> now_ms{0};
  auto clock = [&] {
    return std::chrono::steady_clock::time_point(std::chrono::milliseconds(now_ms.load()));
  };
  auto [source, v] = remote(issuer, 1000ms, clock);
  EXPECT_FALSE(source->refresh());
  EXPECT_FALSE(source->status().loaded);
  EXPECT_NE(source->status().last_error.find("connection refused"), std::string::npos);
  EXPECT_THROW(v.verify(mint(signed_by(keys(), "r1"))), KeysUnavailable);
  EXPECT_EQ(reason_of(v, mint(signed_by(keys(), "r1"))), "keys_unavailable");
  // The start-up refresh, then one fetch on demand (the first verification); the second falls in
  // the interval, which holds while the issuer is down too.
  const int fetched = issuer.jwks_fetches;
  EXPECT_EQ(fetched, 2);

  issuer.down = false;
  issuer.serve(jwks_of({public_jwk(keys().public_pem, "r1")}));
  now_ms = 2000;
  EXPECT_EQ(v.verify(mint(signed_by(keys(), "r1"))).subject, "staff-1");  // loads on demand
  issuer.down = true;
  EXPECT_FALSE(source->refresh() && source->status().last_error.empty());
  EXPECT_EQ(v.verify(mint(signed_by(keys(), "r1"))).subject, "staff-1");  // the old set stays
}

TEST(RemoteKeys, TheDiscoveryDocumentMustNameTheSameIssuer) {
  RemoteKeysOptions o;
  o.issuer = "https://id.example/realms/other";
  o.fetch = [](const std::string& url) -> std::string {
    if (url.find("openid-configuration") != std::string::npos)
      return R"({"issuer":"https://evil.example/","jwks_uri":"https://evil.example/certs"})";
    throw std::runtime_error("should not be fetched: " + url);
  };
  RemoteKeys keys(o);
  EXPECT_FALSE(keys.refresh());
  EXPECT_NE(keys.status().last_error.find("another issuer"), std::string::npos)
      << keys.status().last_error;
}

TEST(RemoteKeys, AGivenKeySetAddressSkipsDiscovery) {
  Issuer issuer;
  issuer.serve(jwks_of({public_jwk(keys().public_pem, "r1")}));
  RemoteKeysOptions o;
  o.issuer = "https://id.example/realms/assembly";
  o.jwks_uri = "https://id.example/realms/assembly/certs";
  o.fetch = issuer.fetcher();
  RemoteKeys keys(o);
  EXPECT_TRUE(keys.refresh());
  EXPECT_EQ(issuer.discovery_fetches, 0);
  EXPECT_EQ(issuer.jwks_fetches, 1);
}

// Found by the fuzzer (tests/fuzz/jwt_fuzz.cpp): base64url let the unused low bits of a part's
// last character be anything, so one token had several spellings that all verified.
TEST(Jwt, ATokenSpelledWithNonZeroUnusedBitsIsRefused) {
  auto v = verifier();
  auto token = mint(request());
  ASSERT_NO_THROW(v.verify(token));
  static const std::string chars =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const auto pos = chars.find(token.back());
  // 256 signature bytes: the last character carries 2 bits of the signature, its 4 others unused.
  ASSERT_EQ(pos % 16, 0u);
  token.back() = chars[pos + 1];
  EXPECT_EQ(reason_of(v, token), "signature");
}

TEST(Jwt, RefusalsAreReportedWithTheirReason) {
  std::vector<std::string> seen;
  auto o = options(std::make_shared<StaticKeys>(KeySet::from_pem(keys().public_pem)));
  o.on_failure = [&](const std::string& reason) { seen.push_back(reason); };
  Verifier v(o);
  EXPECT_THROW(v.verify(""), AuthError);
  auto r = request();
  r.issuer = "x";
  EXPECT_THROW(v.verify(mint(r)), AuthError);
  v.verify(mint(request()));
  EXPECT_EQ(seen, (std::vector<std::string>{"missing_token", "issuer"}));
}

TEST(KeySet, AnIdentityProvidersKeySetWithCertificatesAndAnEncryptionKeyIsRead) {
  // The shape Keycloak serves: certificate members beside the numbers, and an encryption key.
  auto sig = nlohmann::json::parse(public_jwk(keys().public_pem, "kc-sig"));
  sig["x5c"] = nlohmann::json::array({"MIICnTCCAYUCBgGT"});
  sig["x5t"] = "q1w2e3";
  sig["x5t#S256"] = "r4t5y6";
  auto enc = nlohmann::json::parse(public_jwk(rsa2().public_pem, "kc-enc"));
  enc["use"] = "enc";
  enc["alg"] = "RSA-OAEP";
  auto set = KeySet::from_jwks(jwks_of({sig.dump(), enc.dump()}));
  EXPECT_EQ(set->kids(), std::vector<std::string>{"kc-sig"});
  ASSERT_EQ(set->skipped().size(), 1u);
  EXPECT_NE(set->skipped()[0].find("kc-enc"), std::string::npos) << set->skipped()[0];
  auto v = set_verifier(set);
  EXPECT_EQ(v.verify(mint(signed_by(keys(), "kc-sig"))).subject, "staff-1");
  // Signed with the encryption key's private half: that key is not for signatures.
  EXPECT_EQ(reason_of(v, mint(signed_by(rsa2(), "kc-enc"))), "unknown_kid");
}

TEST(Departments, CityServiceStaffActForTheirTokensDepartmentOnly) {
  Principal dac{"agent", {kCityService}, "DAC"};
  EXPECT_EQ(acting_department(dac, "").department, "DAC") << "the token's when none is named";
  EXPECT_EQ(acting_department(dac, "DAC").department, "DAC");
  EXPECT_TRUE(acting_department(dac, "DVD").refusal) << "another department";
  EXPECT_TRUE(acting_department(Principal{"agent", {kCityService}}, "").refusal)
      << "a token without a department acts for none";
  Principal staff{"staff", {kSecretariat}};
  EXPECT_EQ(acting_department(staff, "DVD").department, "DVD") << "the secretariat, for any";
  EXPECT_FALSE(acting_department(staff, "").refusal);
  EXPECT_TRUE(acting_department(Principal{"m", {kMember}, "", "m-1"}, "DAC").refusal)
      << "a member speaks for no department";
  EXPECT_EQ(acting_department(Principal{"m", {kMember}, "", "m-1"}, "").department, "");
}

namespace {

// A key source whose set a test replaces (an identity provider rotating its keys).
class SwappableKeys : public KeySource {
 public:
  explicit SwappableKeys(std::shared_ptr<const KeySet> keys) : keys_(std::move(keys)) {}
  std::shared_ptr<const KeySet> current() const override { return keys_; }
  std::shared_ptr<const KeySet> on_unknown_key(const std::string&) override { return keys_; }
  void set(std::shared_ptr<const KeySet> keys) { keys_ = std::move(keys); }

 private:
  std::shared_ptr<const KeySet> keys_;
};

}  // namespace

TEST(VerifierCache, ATokenVerifiedOnceIsKeptAndGivesTheSamePrincipal) {
  const Verifier v = set_verifier(three_keys());
  const auto token = mint(signed_by(keys(), "r1"));
  EXPECT_EQ(v.cached(), 0u);
  const auto first = v.verify(token);
  EXPECT_EQ(v.cached(), 1u);
  const auto again = v.verify(token);
  EXPECT_EQ(v.cached(), 1u);
  EXPECT_EQ(again.subject, first.subject);
  EXPECT_EQ(again.roles, first.roles);
  // A refused token is not kept.
  EXPECT_EQ(reason_of(v, token.substr(0, token.size() - 4) + "AAAA"), "signature");
  EXPECT_EQ(v.cached(), 1u);
}

TEST(VerifierCache, ACachedTokenStillExpiresAndAgesOut) {
  auto now = std::make_shared<std::chrono::system_clock::time_point>(kNow);
  auto o = options(std::make_shared<StaticKeys>(three_keys()));
  o.now = [now] { return *now; };
  o.max_token_age = 600s;
  const Verifier v(std::move(o));
  auto r = signed_by(keys(), "r1");
  r.ttl = 120s;
  const auto token = mint(r);  // issued 10 s before kNow, expires 110 s after
  EXPECT_EQ(reason_of(v, token), "accepted");
  *now = kNow + 110s + 29s;  // within the 30-s leeway
  EXPECT_EQ(reason_of(v, token), "accepted");
  *now = kNow + 110s + 30s;
  EXPECT_EQ(reason_of(v, token), "expired");
  // Not yet valid for a clock set back (its nbf is its iat: the cached entry is judged by the
  // clock too).
  *now = kNow - 10s - 31s;
  EXPECT_EQ(reason_of(v, token), "not_yet_valid");
}

TEST(VerifierCache, AnEntryCountsOnlyWhileItsKeySetIsCurrent) {
  auto source = std::make_shared<SwappableKeys>(three_keys());
  const Verifier v(options(source));
  const auto token = mint(signed_by(keys(), "r1"));
  EXPECT_EQ(reason_of(v, token), "accepted");
  // The identity provider withdrew r1: the cached verification no longer counts.
  source->set(KeySet::from_jwks(jwks_of({public_jwk(rsa2().public_pem, "r2")})));
  EXPECT_EQ(reason_of(v, token), "unknown_kid");
}

TEST(VerifierCache, IsBoundedAndCanBeTurnedOff) {
  auto o = options(std::make_shared<StaticKeys>(three_keys()));
  o.cache_entries = 2;
  const Verifier v(std::move(o));
  for (const char* subject : {"a", "b", "c", "d", "e"}) {
    auto r = signed_by(keys(), "r1");
    r.subject = subject;
    EXPECT_EQ(reason_of(v, mint(r)), "accepted");
    EXPECT_LE(v.cached(), 2u);
  }
  auto off = options(std::make_shared<StaticKeys>(three_keys()));
  off.cache_entries = 0;
  const Verifier none(std::move(off));
  EXPECT_EQ(reason_of(none, mint(signed_by(keys(), "r1"))), "accepted");
  EXPECT_EQ(none.cached(), 0u);
}
