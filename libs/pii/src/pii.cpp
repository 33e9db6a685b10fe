#include "assembly/pii/pii.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace assembly::pii {

std::string hex(const unsigned char* p, std::size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string s(2 * n, '0');
  for (std::size_t i = 0; i < n; ++i) {
    s[2 * i] = digits[p[i] >> 4];
    s[2 * i + 1] = digits[p[i] & 0xF];
  }
  return s;
}

namespace {

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES] = {'a', 's', 's', 'e', 'm', 'p', 'i', 'i'};
constexpr std::uint64_t kSealSubkey = 1, kHashSubkey = 2, kIdSubkey = 3;
// A header: this mark, the format version, the 4-byte key id.
constexpr char kMark[2] = {'\xA7', '\x5E'};
constexpr unsigned char kVersion = 1;

void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot initialise");
}

// The associated data: the header (empty for a value sealed before headers), then the context.
std::string associated(std::string_view header, std::string_view context) {
  std::string ad(header);
  ad += context;
  return ad;
}

std::size_t aead_seal(const std::array<unsigned char, 32>& key, std::string_view plain,
                      const std::array<unsigned char, 24>& nonce, std::string_view header,
                      std::string_view context, unsigned char* out) {
  const auto ad = associated(header, context);
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out, &len, reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
      reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr, nonce.data(),
      key.data());
  return static_cast<std::size_t>(len);
}

bool aead_open(const std::array<unsigned char, 32>& key, std::string_view sealed,
               const std::array<unsigned char, 24>& nonce, std::string_view header,
               std::string_view context, std::string& out) {
  if (sealed.size() < crypto_aead_xchacha20poly1305_ietf_ABYTES) return false;
  const auto ad = associated(header, context);
  out.assign(sealed.size() - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &len, nullptr,
          reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(),
          reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nonce.data(),
          key.data()) != 0)
    return false;
  out.resize(len);
  return true;
}

}  // namespace

Keyring::Key Keyring::read_key_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the key file " + path);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() != 32) {
    const auto n = bytes.size();
    sodium_memzero(bytes.data(), bytes.size());
    throw std::runtime_error("the key file " + path + " must hold exactly 32 bytes, it has " +
                             std::to_string(n));
  }
  Key key{};
  std::copy(bytes.begin(), bytes.end(), key.begin());
  sodium_memzero(bytes.data(), bytes.size());
  return key;
}

Keyring Keyring::from_file(const std::string& path) {
  auto master = read_key_file(path);
  Keyring keyring(master);
  sodium_memzero(master.data(), master.size());
  return keyring;
}

Keyring Keyring::from_files(const std::string& current, const std::vector<std::string>& previous,
                            const std::string& pseudonym) {
  std::vector<Key> keys;
  auto wipe = [&] {
    for (auto& k : keys) sodium_memzero(k.data(), k.size());
  };
  try {
    keys.push_back(read_key_file(current));
    for (const auto& p : previous) keys.push_back(read_key_file(p));
    keys.push_back(read_key_file(pseudonym));
    const auto hash_key = keys.back();
    keys.pop_back();
    std::vector<Key> older(keys.begin() + 1, keys.end());
    Keyring keyring(keys.front(), older, hash_key);
    for (auto& k : older) sodium_memzero(k.data(), k.size());
    wipe();
    return keyring;
  } catch (...) {
    wipe();
    throw;
  }
}

Keyring::Keyring(const Key& master) {
  init();
  add(master);
  hash_key_ = legacy_pseudonym_key(master);
}

Keyring::Keyring(const Key& current, const std::vector<Key>& previous, const Key& pseudonym_key) {
  init();
  if (previous.size() + 1 > kMaxKeys)
    throw std::runtime_error("a key ring holds at most " + std::to_string(kMaxKeys) +
                             " sealing keys, " + std::to_string(previous.size() + 1) + " given");
  add(current);
  for (const auto& k : previous) add(k);
  hash_key_ = pseudonym_key;
}

void Keyring::add(const Key& master) {
  static_assert(crypto_kdf_KEYBYTES == 32 && crypto_aead_xchacha20poly1305_ietf_KEYBYTES == 32);
  Sealing s;
  crypto_kdf_derive_from_key(s.key.data(), s.key.size(), kSealSubkey, kKdfContext, master.data());
  unsigned char id[crypto_kdf_BYTES_MIN];
  crypto_kdf_derive_from_key(id, sizeof id, kIdSubkey, kKdfContext, master.data());
  std::copy(id, id + s.id.size(), s.id.begin());
  for (std::size_t i = 0; i < count_; ++i)
    if (keys_[i].id == s.id) {
      sodium_memzero(s.key.data(), s.key.size());
      throw std::runtime_error("two key files hold keys of the id " + hex(s.id.data(), 4) +
                               " (the same key given twice?)");
    }
  keys_[count_++] = s;
  sodium_memzero(s.key.data(), s.key.size());
}

Keyring::~Keyring() {
  sodium_memzero(keys_.data(), sizeof keys_);
  sodium_memzero(&count_, sizeof count_);
  sodium_memzero(hash_key_.data(), hash_key_.size());
}

Keyring::Key Keyring::legacy_pseudonym_key(const Key& master) {
  init();
  Key k{};
  crypto_kdf_derive_from_key(k.data(), k.size(), kHashSubkey, kKdfContext, master.data());
  return k;
}

std::string Keyring::key_id(const Key& master) {
  init();
  unsigned char id[crypto_kdf_BYTES_MIN];
  crypto_kdf_derive_from_key(id, sizeof id, kIdSubkey, kKdfContext, master.data());
  return hex(id, 4);
}

std::string Keyring::current_header() const {
  std::string h(kMark, sizeof kMark);
  h += static_cast<char>(kVersion);
  h.append(reinterpret_cast<const char*>(keys_[0].id.data()), keys_[0].id.size());
  return h;
}

std::string Keyring::current_key_id() const {
  return hex(keys_[0].id.data(), 4);
}

std::vector<std::string> Keyring::key_ids() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count_; ++i) out.push_back(hex(keys_[i].id.data(), 4));
  return out;
}

const Keyring::Sealing* Keyring::find(std::string_view header) const {
  for (std::size_t i = 0; i < count_; ++i)
    if (std::memcmp(keys_[i].id.data(), header.data() + 3, 4) == 0) return &keys_[i];
  return nullptr;
}

std::string Keyring::seal(std::string_view plain, const Nonce& nonce,
                          std::string_view context) const {
  std::string out(plain.size() + kSealOverhead, '\0');
  out.resize(seal_into(plain, nonce, context, reinterpret_cast<unsigned char*>(out.data())));
  return out;
}

std::size_t Keyring::seal_into(std::string_view plain, const Nonce& nonce, std::string_view context,
                               unsigned char* out) const {
  static_assert(kSealOverhead == kHeaderSize + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  const auto header = current_header();
  std::copy(header.begin(), header.end(), out);
  return kHeaderSize + aead_seal(keys_[0].key, plain, nonce, header, context, out + kHeaderSize);
}

std::string Keyring::seal_random(std::string_view plain, std::string_view context) const {
  Nonce nonce;
  randombytes_buf(nonce.data(), nonce.size());
  const auto header = current_header();
  std::string out(kSealOverhead + nonce.size() + plain.size(), '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  std::copy(header.begin(), header.end(), o);
  std::copy(nonce.begin(), nonce.end(), o + kHeaderSize);
  aead_seal(keys_[0].key, plain, nonce, header, context, o + kHeaderSize + nonce.size());
  return out;
}

std::string Keyring::open(std::string_view sealed, const Nonce& nonce,
                          std::string_view context) const {
  return open_body(sealed, context, false, &nonce);
}

std::string Keyring::open_random(std::string_view sealed, std::string_view context) const {
  return open_body(sealed, context, true, nullptr);
}

std::string Keyring::reseal(std::string_view sealed, const Nonce& nonce,
                            std::string_view context) const {
  auto plain = open(sealed, nonce, context);
  auto out = seal(plain, nonce, context);
  sodium_memzero(plain.data(), plain.size());
  return out;
}

std::string Keyring::open_body(std::string_view sealed, std::string_view context, bool random_nonce,
                               const Nonce* given) const {
  std::string out;
  // `body` (nonce first when random) opened under `k` with `header` authenticated.
  auto try_open = [&](const Key& k, std::string_view body, std::string_view header) {
    Nonce nonce{};
    if (random_nonce) {
      if (body.size() < nonce.size()) return false;
      std::copy(body.begin(), body.begin() + nonce.size(), nonce.begin());
      body.remove_prefix(nonce.size());
    } else {
      nonce = *given;
    }
    return aead_open(k, body, nonce, header, context, out);
  };
  const bool headed = sealed.size() >= kHeaderSize &&
                      std::memcmp(sealed.data(), kMark, sizeof kMark) == 0 &&
                      static_cast<unsigned char>(sealed[2]) == kVersion;
  const Sealing* named = headed ? find(sealed) : nullptr;
  if (named && try_open(named->key, sealed.substr(kHeaderSize), sealed.substr(0, kHeaderSize)))
    return out;
  // Sealed before headers (its first bytes may look like one by chance): each key, current first.
  for (std::size_t i = 0; i < count_; ++i)
    if (try_open(keys_[i].key, sealed, {})) return out;
  std::string held;
  for (const auto& id : key_ids()) held += (held.empty() ? "" : ", ") + id;
  if (sealed.size() < crypto_aead_xchacha20poly1305_ietf_ABYTES)
    throw std::runtime_error("sealed personal data is truncated");
  if (headed && !named)
    throw std::runtime_error("sealed personal data names the key " +
                             hex(reinterpret_cast<const unsigned char*>(sealed.data()) + 3, 4) +
                             ", which is not among the keys held (" + held +
                             "): give its file in PII_PREVIOUS_KEY_FILES");
  if (named)
    throw std::runtime_error("sealed personal data does not open under the key " +
                             hex(named->id.data(), 4) + " it names (wrong row or tampering)");
  throw std::runtime_error(
      "sealed personal data without a key id (sealed before key rotation) opens under none of the "
      "keys held (" +
      held + "): its key is missing (wrong key, row or tampering)");
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
  return hex(out, hex_chars / 2);
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
  const auto h = hex(digest, hex_chars_ / 2);
  std::copy(h.begin(), h.end(), out);
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
