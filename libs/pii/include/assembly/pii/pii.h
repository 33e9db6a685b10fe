#pragma once
// Personal data at rest: names, addresses and birth dates are sealed with XChaCha20-Poly1305
// (libsodium) under a key read from PII_KEY_FILE, and people are named elsewhere by keyed-hash
// pseudonyms. Subkeys are derived from the one key file per purpose (crypto_kdf), so the
// encryption key never serves as a hash key.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace assembly::pii {

// 24 bytes; must never repeat under one key. Callers build it from ids that are unique by
// construction (for example a pool id and a row position), so it needs no storage.
using Nonce = std::array<unsigned char, 24>;

class Keyring {
 public:
  // The 32 raw bytes of the key file; throws std::runtime_error naming the file otherwise.
  static Keyring from_file(const std::string& path);
  explicit Keyring(const std::array<unsigned char, 32>& master);
  // The derived keys are wiped (sodium_memzero) when a keyring goes.
  Keyring(const Keyring&) = default;
  Keyring& operator=(const Keyring&) = default;
  ~Keyring();

  // Ciphertext (plain + 16-byte tag). `context` is authenticated, not encrypted: a ciphertext
  // moved to another row (another context) does not open.
  std::string seal(std::string_view plain, const Nonce& nonce, std::string_view context) const;
  // The same, into `out` (room for plain.size() + kSealOverhead bytes); returns the length written.
  std::size_t seal_into(std::string_view plain, const Nonce& nonce, std::string_view context,
                        unsigned char* out) const;
  static constexpr std::size_t kSealOverhead = 16;
  // Throws std::runtime_error when the ciphertext or its context was tampered with.
  std::string open(std::string_view sealed, const Nonce& nonce, std::string_view context) const;
  // A stable pseudonym of `value` in `domain` ("person", "household"): hex of a keyed BLAKE2b,
  // `hex_chars` long (even, 16..64). Without the key file it cannot be linked back.
  std::string pseudonym(std::string_view domain, std::string_view value,
                        std::size_t hex_chars = 24) const;

 private:
  friend class Pseudonymizer;
  std::array<unsigned char, 32> seal_key_{}, hash_key_{};
};

// Keyring::pseudonym for many values of one domain (a bulk import): the keyed hash is started
// once with the key and the domain, and each value continues a copy of that state. Same output.
class Pseudonymizer {
 public:
  Pseudonymizer(const Keyring& keyring, std::string_view domain, std::size_t hex_chars = 24);
  Pseudonymizer(const Pseudonymizer&) = default;
  Pseudonymizer& operator=(const Pseudonymizer&) = default;
  ~Pseudonymizer();  // wipes the keyed state
  std::size_t hex_chars() const { return hex_chars_; }
  // Writes the hex_chars() characters of the pseudonym of `value` at `out`.
  void write(std::string_view value, char* out) const;

 private:
  alignas(64) unsigned char state_[384];  // a crypto_generichash_state
  std::size_t hex_chars_;
};

// A nonce from a 16-byte id (a UUID's bytes, or its text hashed) and a counter.
Nonce nonce_of(std::string_view id, std::uint64_t counter);

}  // namespace assembly::pii
