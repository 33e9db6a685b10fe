// Key sets: JWKS parsing (RFC 7517, 7518 section 6), OpenSSL 3 public keys built once, and the
// signature check of RS256 and ES256 (RFC 7518 section 3).
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "assembly/auth/auth.h"
#include "base64url.h"

namespace assembly::auth {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
struct CtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct BldFree {
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};

constexpr int kMinRsaBits = 2048;
constexpr std::size_t kP256Bytes = 32;

const EVP_MD* sha256() {
  // Fetched once: an implicit fetch on every verification costs a provider lookup.
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

std::string b64_field(const nlohmann::json& jwk, const char* name) {
  if (!jwk.contains(name) || !jwk[name].is_string())
    throw std::invalid_argument(std::string("no \"") + name + "\"");
  auto bytes = detail::base64url_decode(jwk[name].get<std::string>());
  if (!bytes || bytes->empty())
    throw std::invalid_argument(std::string("\"") + name + "\" is not base64url");
  return *bytes;
}

PkeyPtr from_params(const char* type, OSSL_PARAM_BLD* bld) {
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld));
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1 || !key)
    throw std::invalid_argument(std::string("OpenSSL refused the ") + type + " key");
  return PkeyPtr(key);
}

PkeyPtr rsa_key(const nlohmann::json& jwk) {
  auto n_bytes = b64_field(jwk, "n");
  auto e_bytes = b64_field(jwk, "e");
  BnPtr n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n_bytes.data()),
                    static_cast<int>(n_bytes.size()), nullptr));
  BnPtr e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e_bytes.data()),
                    static_cast<int>(e_bytes.size()), nullptr));
  if (!n || !e) throw std::invalid_argument("bad RSA numbers");
  if (BN_num_bits(n.get()) < kMinRsaBits)
    throw std::invalid_argument("RSA key shorter than " + std::to_string(kMinRsaBits) + " bits");
  std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
    throw std::invalid_argument("cannot build the RSA parameters");
  return from_params("RSA", bld.get());
}

PkeyPtr ec_key(const nlohmann::json& jwk) {
  auto x = b64_field(jwk, "x");
  auto y = b64_field(jwk, "y");
  if (x.size() != kP256Bytes || y.size() != kP256Bytes)
    throw std::invalid_argument("P-256 coordinates must be 32 bytes each");
  std::string point = std::string(1, '\x04') + x + y;  // uncompressed (SEC 1, 2.3.3)
  std::unique_ptr<OSSL_PARAM_BLD, BldFree> bld(OSSL_PARAM_BLD_new());
  static const char group[] = "P-256";
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1)
    throw std::invalid_argument("cannot build the EC parameters");
  auto key = from_params("EC", bld.get());
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> check(
      EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1)
    throw std::invalid_argument("the point is not on P-256");
  return key;
}

// The algorithm a PEM-loaded key is pinned to.
Algorithm algorithm_of(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "RSA")) {
    if (EVP_PKEY_get_bits(key) < kMinRsaBits)
      throw std::invalid_argument("RSA key shorter than " + std::to_string(kMinRsaBits) + " bits");
    return Algorithm::RS256;
  }
  if (EVP_PKEY_is_a(key, "EC")) {
    char name[64] = {};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &len) ==
            1 &&
        (std::string(name) == "prime256v1" || std::string(name) == "P-256"))
      return Algorithm::ES256;
    throw std::invalid_argument("EC key on another curve than P-256");
  }
  throw std::invalid_argument("neither an RSA nor an EC P-256 key");
}

PkeyPtr read_pem(const std::string& pem) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EVP_PKEY* key = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (!key) throw std::invalid_argument("not a PEM public key");
  return PkeyPtr(key);
}

std::string bn_b64(const BIGNUM* bn, int pad) {
  std::string bytes(static_cast<std::size_t>(pad > 0 ? pad : BN_num_bytes(bn)), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  return detail::base64url_encode(bytes);
}

// JOSE ES256 signature (r||s, 32 bytes each) → the DER ECDSA-Sig-Value OpenSSL verifies.
std::string es256_der(const std::string& jose) {
  if (jose.size() != 2 * kP256Bytes) return {};
  const auto* p = reinterpret_cast<const unsigned char*>(jose.data());
  BnPtr r(BN_bin2bn(p, kP256Bytes, nullptr));
  BnPtr s(BN_bin2bn(p + kP256Bytes, kP256Bytes, nullptr));
  ECDSA_SIG* sig = ECDSA_SIG_new();
  if (!sig || !r || !s) {
    ECDSA_SIG_free(sig);
    return {};
  }
  ECDSA_SIG_set0(sig, r.release(), s.release());
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  if (len <= 0) return {};
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

}  // namespace

const char* to_string(Algorithm alg) {
  return alg == Algorithm::RS256 ? "RS256" : "ES256";
}

struct KeySet::Key {
  std::string kid;
  Algorithm alg;
  PkeyPtr pkey;
};

struct KeySet::Impl {
  std::vector<Key> keys;
  std::map<std::string, std::size_t> by_kid;
  std::vector<std::string> skipped;
};

KeySet::KeySet() : impl_(std::make_unique<Impl>()) {}
KeySet::~KeySet() = default;

std::shared_ptr<const KeySet> KeySet::from_jwks(const std::string& jwks_json) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(jwks_json);
  } catch (const nlohmann::json::exception&) {
    throw std::invalid_argument("the key set is not JSON");
  }
  if (!doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array())
    throw std::invalid_argument("the key set has no \"keys\" array");
  std::shared_ptr<KeySet> set(new KeySet());
  auto& impl = *set->impl_;
  std::size_t index = 0;
  for (const auto& jwk : doc["keys"]) {
    const std::string where = "key " + std::to_string(index++);
    if (!jwk.is_object()) {
      impl.skipped.push_back(where + ": not an object");
      continue;
    }
    auto text = [&](const char* name) {
      return jwk.contains(name) && jwk[name].is_string() ? jwk[name].get<std::string>()
                                                         : std::string();
    };
    const std::string kid = text("kid"), kty = text("kty"), use = text("use"), alg = text("alg");
    const std::string name = kid.empty() ? where : "key \"" + kid + "\"";
    if (jwk.contains("use") && use != "sig") {
      impl.skipped.push_back(name + ": use \"" + use + "\", not \"sig\"");
      continue;
    }
    Key key{kid, Algorithm::RS256, nullptr};
    try {
      if (kty == "RSA") {
        key.alg = Algorithm::RS256;
        if (!alg.empty() && alg != "RS256")
          throw std::invalid_argument("alg " + alg + " (RSA keys verify RS256 only)");
        key.pkey = rsa_key(jwk);
      } else if (kty == "EC") {
        key.alg = Algorithm::ES256;
        if (text("crv") != "P-256")
          throw std::invalid_argument("curve \"" + text("crv") + "\" (P-256 only)");
        if (!alg.empty() && alg != "ES256")
          throw std::invalid_argument("alg " + alg + " (P-256 keys verify ES256 only)");
        key.pkey = ec_key(jwk);
      } else {
        throw std::invalid_argument("kty \"" + kty + "\" (RSA or EC only)");
      }
    } catch (const std::invalid_argument& e) {
      impl.skipped.push_back(name + ": " + e.what());
      continue;
    }
    if (impl.by_kid.count(kid))
      throw std::invalid_argument("two keys of the set have the kid \"" + kid + "\"");
    impl.by_kid.emplace(kid, impl.keys.size());
    impl.keys.push_back(std::move(key));
  }
  if (impl.keys.empty()) {
    std::string why;
    for (const auto& s : impl.skipped) why += (why.empty() ? " (" : "; ") + s;
    throw std::invalid_argument("the key set holds no usable signing key" +
                                (why.empty() ? std::string() : why + ")"));
  }
  return set;
}

std::shared_ptr<const KeySet> KeySet::from_pem(const std::string& public_key_pem,
                                               const std::string& kid) {
  auto pkey = read_pem(public_key_pem);
  Key key{kid, algorithm_of(pkey.get()), std::move(pkey)};
  std::shared_ptr<KeySet> set(new KeySet());
  set->impl_->by_kid.emplace(kid, 0);
  set->impl_->keys.push_back(std::move(key));
  return set;
}

std::size_t KeySet::size() const {
  return impl_->keys.size();
}
bool KeySet::contains(const std::string& kid) const {
  return impl_->by_kid.count(kid) > 0;
}
std::vector<std::string> KeySet::kids() const {
  std::vector<std::string> out;
  for (const auto& k : impl_->keys) out.push_back(k.kid);
  return out;
}
const std::vector<std::string>& KeySet::skipped() const {
  return impl_->skipped;
}
const KeySet::Key* KeySet::find(const std::string& kid) const {
  auto it = impl_->by_kid.find(kid);
  return it == impl_->by_kid.end() ? nullptr : &impl_->keys[it->second];
}
const KeySet::Key* KeySet::only() const {
  return impl_->keys.size() == 1 ? &impl_->keys.front() : nullptr;
}
Algorithm KeySet::algorithm(const Key& key) {
  return key.alg;
}

bool KeySet::verify(const Key& key, const std::string& input, const std::string& signature) {
  std::string der;
  const std::string* sig = &signature;
  if (key.alg == Algorithm::ES256) {
    der = es256_der(signature);
    if (der.empty()) return false;
    sig = &der;
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx || !sha256() ||
      EVP_DigestVerifyInit(ctx.get(), nullptr, sha256(), nullptr, key.pkey.get()) != 1)
    return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()),
                          sig->size(), reinterpret_cast<const unsigned char*>(input.data()),
                          input.size()) == 1;
}

std::string public_jwk(const std::string& public_key_pem, const std::string& kid) {
  auto pkey = read_pem(public_key_pem);
  auto alg = algorithm_of(pkey.get());
  nlohmann::json jwk = {{"kid", kid}, {"use", "sig"}, {"alg", to_string(alg)}};
  auto get_bn = [&](const char* name) {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(pkey.get(), name, &bn) != 1 || !bn)
      throw std::invalid_argument(std::string("cannot read ") + name + " of the key");
    return BnPtr(bn);
  };
  if (alg == Algorithm::RS256) {
    jwk["kty"] = "RSA";
    jwk["n"] = bn_b64(get_bn(OSSL_PKEY_PARAM_RSA_N).get(), 0);
    jwk["e"] = bn_b64(get_bn(OSSL_PKEY_PARAM_RSA_E).get(), 0);
  } else {
    jwk["kty"] = "EC";
    jwk["crv"] = "P-256";
    jwk["x"] = bn_b64(get_bn(OSSL_PKEY_PARAM_EC_PUB_X).get(), kP256Bytes);
    jwk["y"] = bn_b64(get_bn(OSSL_PKEY_PARAM_EC_PUB_Y).get(), kP256Bytes);
  }
  return jwk.dump();
}

}  // namespace assembly::auth
