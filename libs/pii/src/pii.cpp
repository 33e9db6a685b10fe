#include "assembly/pii/pii.h"

#include <sodium.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace assembly::pii {
namespace {

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES] = {'a', 's', 's', 'e', 'm', 'p', 'i', 'i'};
constexpr std::uint64_t kSealSubkey = 1, kHashSubkey = 2;

void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot initialise");
}

}  // namespace

Keyring Keyring::from_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the key file " + path);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() != 32)
    throw std::runtime_error("the key file " + path + " must hold exactly 32 bytes, it has " +
                             std::to_string(bytes.size()));
  std::array<unsigned char, 32> master{};
  std::copy(bytes.begin(), bytes.end(), master.begin());
  sodium_memzero(bytes.data(), bytes.size());
  Keyring keyring(master);
  sodium_memzero(master.data(), master.size());
  return keyring;
}

Keyring::Keyring(const std::array<unsigned char, 32>& master) {
  init();
  static_assert(crypto_kdf_KEYBYTES == 32 && crypto_aead_xchacha20poly1305_ietf_KEYBYTES == 32);
  crypto_kdf_derive_from_key(seal_key_.data(), seal_key_.size(), kSealSubkey, kKdfContext,
                             master.data());
  crypto_kdf_derive_from_key(hash_key_.data(), hash_key_.size(), kHashSubkey, kKdfContext,
                             master.data());
}

Keyring::~Keyring() {
  sodium_memzero(seal_key_.data(), seal_key_.size());
  sodium_memzero(hash_key_.data(), hash_key_.size());
}

std::string Keyring::seal(std::string_view plain, const Nonce& nonce,
                          std::string_view context) const {
  std::string out(plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      reinterpret_cast<unsigned char*>(out.data()), &len,
      reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
      reinterpret_cast<const unsigned char*>(context.data()), context.size(), nullptr, nonce.data(),
      seal_key_.data());
  out.resize(len);
  return out;
}

std::size_t Keyring::seal_into(std::string_view plain, const Nonce& nonce, std::string_view context,
                               unsigned char* out) const {
  static_assert(kSealOverhead == crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out, &len, reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
      reinterpret_cast<const unsigned char*>(context.data()), context.size(), nullptr, nonce.data(),
      seal_key_.data());
  return static_cast<std::size_t>(len);
}

std::string Keyring::open(std::string_view sealed, const Nonce& nonce,
                          std::string_view context) const {
  if (sealed.size() < crypto_aead_xchacha20poly1305_ietf_ABYTES)
    throw std::runtime_error("sealed personal data is truncated");
  std::string out(sealed.size() - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &len, nullptr,
          reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(),
          reinterpret_cast<const unsigned char*>(context.data()), context.size(), nonce.data(),
          seal_key_.data()) != 0)
    throw std::runtime_error("sealed personal data does not open (wrong key, row or tampering)");
  out.resize(len);
  return out;
}

std::string Keyring::pseudonym(std::string_view domain, std::string_view value,
                               std::size_t hex_chars) const {
  if (hex_chars < 16 || hex_chars > 64 || hex_chars % 2)
    throw std::invalid_argument("pseudonym length");
  crypto_generichash_state st;
  crypto_generichash_init(&st, hash_key_.data(), hash_key_.size(), hex_chars / 2);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(domain.data()),
                            domain.size());
  const unsigned char sep = 0;
  crypto_generichash_update(&st, &sep, 1);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(value.data()),
                            value.size());
  unsigned char out[32];
  crypto_generichash_final(&st, out, hex_chars / 2);
  static const char* hex = "0123456789abcdef";
  std::string s(hex_chars, '0');
  for (std::size_t i = 0; i < hex_chars / 2; ++i) {
    s[2 * i] = hex[out[i] >> 4];
    s[2 * i + 1] = hex[out[i] & 0xF];
  }
  return s;
}

Pseudonymizer::Pseudonymizer(const Keyring& keyring, std::string_view domain, std::size_t hex_chars)
    : hex_chars_(hex_chars) {
  static_assert(sizeof(crypto_generichash_state) <= sizeof state_);
  static_assert(alignof(crypto_generichash_state) <= 64);
  if (hex_chars < 16 || hex_chars > 64 || hex_chars % 2)
    throw std::invalid_argument("pseudonym length");
  auto* st = reinterpret_cast<crypto_generichash_state*>(state_);
  crypto_generichash_init(st, keyring.hash_key_.data(), keyring.hash_key_.size(), hex_chars / 2);
  crypto_generichash_update(st, reinterpret_cast<const unsigned char*>(domain.data()),
                            domain.size());
  const unsigned char sep = 0;
  crypto_generichash_update(st, &sep, 1);
}

Pseudonymizer::~Pseudonymizer() {
  sodium_memzero(state_, sizeof state_);
}

void Pseudonymizer::write(std::string_view value, char* out) const {
  crypto_generichash_state st;
  std::memcpy(&st, state_, sizeof st);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(value.data()),
                            value.size());
  unsigned char digest[32];
  crypto_generichash_final(&st, digest, hex_chars_ / 2);
  static const char* hex = "0123456789abcdef";
  for (std::size_t i = 0; i < hex_chars_ / 2; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 0xF];
  }
}

Nonce nonce_of(std::string_view id, std::uint64_t counter) {
  init();
  Nonce n{};
  crypto_generichash(n.data(), 16, reinterpret_cast<const unsigned char*>(id.data()), id.size(),
                     nullptr, 0);
  for (int i = 0; i < 8; ++i) n[16 + i] = static_cast<unsigned char>(counter >> (56 - 8 * i));
  return n;
}

}  // namespace assembly::pii
