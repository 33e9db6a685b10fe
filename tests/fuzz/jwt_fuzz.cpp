// Bearer tokens (libs/auth, Verifier::verify): the JOSE header and the claims as a service reads
// them. The first byte chooses: a token as given (any text), or a header and claims taken from the
// input and signed with the verifier's own key (ES256), so that the claims' checks are reached.
// Every refusal is an AuthError with one of the documented labels; a token accepted carries a
// known role. Also base64url: only canonical text decodes, and what is encoded decodes back.
#include <fuzzer/FuzzedDataProvider.h>
#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>
#include <set>
#include <string>

#include "assembly/auth/auth.h"
#include "base64url.h"
#include "fuzz_check.h"

using namespace assembly::auth;

namespace {

constexpr long long kNow = 1'796'601'600;  // 2026-12-07T00:00:00Z

struct Signer {
  EVP_PKEY* key = nullptr;
  std::shared_ptr<Verifier> verifier;

  Signer() {
    key = EVP_EC_gen("P-256");
    FUZZ_CHECK(key != nullptr);
    BIO* bio = BIO_new(BIO_s_mem());
    FUZZ_CHECK(PEM_write_bio_PUBKEY(bio, key) == 1);
    char* pem = nullptr;
    const long n = BIO_get_mem_data(bio, &pem);
    const std::string public_pem(pem, static_cast<std::size_t>(n));
    BIO_free(bio);
    VerifierOptions o;
    o.keys = std::make_shared<StaticKeys>(KeySet::from_pem(public_pem, "k1"));
    o.issuer = "http://127.0.0.1:8080/auth/realms/assembly";
    o.audience = "sortition";
    o.now = [] { return std::chrono::system_clock::time_point(std::chrono::seconds(kNow)); };
    verifier = std::make_shared<Verifier>(std::move(o));
  }

  // The JOSE signature (r||s) of `input`.
  std::string sign(const std::string& input) const {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    FUZZ_CHECK(EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1);
    std::size_t len = 0;
    FUZZ_CHECK(EVP_DigestSign(ctx, nullptr, &len,
                              reinterpret_cast<const unsigned char*>(input.data()),
                              input.size()) == 1);
    std::string der(len, '\0');
    FUZZ_CHECK(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(der.data()), &len,
                              reinterpret_cast<const unsigned char*>(input.data()),
                              input.size()) == 1);
    EVP_MD_CTX_free(ctx);
    const auto* p = reinterpret_cast<const unsigned char*>(der.data());
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len));
    FUZZ_CHECK(sig != nullptr);
    unsigned char rs[64];
    FUZZ_CHECK(BN_bn2binpad(ECDSA_SIG_get0_r(sig), rs, 32) == 32);
    FUZZ_CHECK(BN_bn2binpad(ECDSA_SIG_get0_s(sig), rs + 32, 32) == 32);
    ECDSA_SIG_free(sig);
    return std::string(reinterpret_cast<char*>(rs), sizeof rs);
  }
};

const std::set<std::string> kReasons = {
    "missing_token", "malformed", "algorithm", "unknown_kid", "signature",        "expired",
    "not_yet_valid", "issued_at", "issuer",    "audience",    "keys_unavailable", "no_role"};

void verify(const Signer& signer, const std::string& token) {
  try {
    const auto p = signer.verifier->verify(token);
    FUZZ_CHECK(!p.roles.empty());
    for (const auto& r : p.roles) FUZZ_CHECK(is_known_role(r));
  } catch (const AuthError& e) {
    FUZZ_CHECK(kReasons.count(e.reason()) == 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Signer signer;
  FuzzedDataProvider in(data, size);
  const bool signed_here = in.ConsumeBool();
  const std::string a = in.ConsumeRandomLengthString(512);
  const std::string b = in.ConsumeRemainingBytesAsString();
  using detail::base64url_decode;
  using detail::base64url_encode;
  for (const auto* s : {&a, &b}) {
    FUZZ_CHECK(base64url_decode(base64url_encode(*s)) == *s);
    if (auto bytes = base64url_decode(*s)) FUZZ_CHECK(base64url_encode(*bytes) == *s);
  }
  if (!signed_here) {
    verify(signer, a + b);
    return 0;
  }
  const std::string input = base64url_encode(a) + "." + base64url_encode(b);
  verify(signer, input + "." + base64url_encode(signer.sign(input)));
  return 0;
}
