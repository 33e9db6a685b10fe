#pragma once
// Personal data at rest: names, addresses and birth dates are sealed with XChaCha20-Poly1305
// (libsodium) under the current key of a key ring (PII_KEY_FILE, older keys in
// PII_PREVIOUS_KEY_FILES), and people are named elsewhere by keyed-hash pseudonyms under a key of
// their own (PII_PSEUDONYM_KEY_FILE), so that rotating the sealing key changes no pseudonym.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace assembly::pii {

// 24 bytes; must never repeat under one key. Callers build it from ids that are unique by
// construction (for example a pool id and a row position), so it needs no storage.
using Nonce = std::array<unsigned char, 24>;

// The sealing keys of a service (the current one, which seals, and older ones, which still open
// what they sealed: a key rotation, docs/security.md) and its pseudonym key, which never rotates.
// A sealed value begins with a header naming the key that sealed it (kHeaderSize bytes: a 2-byte
// mark, the format version, the key id); the header is authenticated with the value. A value
// sealed before headers existed (no header, or a header naming no key held that does not open as
// one) is opened by trying each key held, the current one first: authentication tells the right
// key, never a wrong plain text.
class Keyring {
 public:
  using Key = std::array<unsigned char, 32>;
  static constexpr std::size_t kHeaderSize = 7;
  static constexpr std::size_t kMaxKeys = 8;  // the current one and up to seven older ones
  // Ciphertext overhead: the header and the 16-byte tag.
  static constexpr std::size_t kSealOverhead = kHeaderSize + 16;

  // The 32 raw bytes of a key file; throws std::runtime_error naming the file otherwise.
  static Key read_key_file(const std::string& path);
  // One sealing key, the pseudonym key derived from it as before key rotation existed (what a
  // single key file gave): for tests and the key's first deployment.
  static Keyring from_file(const std::string& path);
  // The current sealing key file, the older ones still read, the pseudonym key file. Throws
  // std::runtime_error naming the file at fault, or when two files hold keys of one id.
  static Keyring from_files(const std::string& current, const std::vector<std::string>& previous,
                            const std::string& pseudonym);
  explicit Keyring(const Key& master);
  Keyring(const Key& current, const std::vector<Key>& previous, const Key& pseudonym_key);
  // The keys are wiped (sodium_memzero) when a keyring goes.
  Keyring(const Keyring&) = default;
  Keyring& operator=(const Keyring&) = default;
  ~Keyring();

  // The pseudonym key a key file gave before the pseudonym key had a file of its own (what an
  // existing deployment writes to that file once, so that pseudonyms do not change).
  static Key legacy_pseudonym_key(const Key& master);
  // A key's id (4 bytes, as 8 hex characters): a keyed hash of the key, so it shows nothing of it.
  static std::string key_id(const Key& master);

  // The header values sealed now begin with (naming the current key), and the current key's id.
  std::string current_header() const;
  std::string current_key_id() const;
  // The ids of every key held, the current one first.
  std::vector<std::string> key_ids() const;

  // Header + ciphertext + tag. `context` is authenticated, not encrypted: a ciphertext moved to
  // another row (another context) does not open.
  std::string seal(std::string_view plain, const Nonce& nonce, std::string_view context) const;
  // The same, into `out` (room for plain.size() + kSealOverhead bytes); returns the length written.
  std::size_t seal_into(std::string_view plain, const Nonce& nonce, std::string_view context,
                        unsigned char* out) const;
  // Opened with the key its header names (or, sealed before headers, the key that opens it).
  // Throws std::runtime_error when that key is not held (naming its id and the ids held) or when
  // the ciphertext or its context was tampered with.
  std::string open(std::string_view sealed, const Nonce& nonce, std::string_view context) const;
  // The value sealed again under the current key (the same nonce: a nonce is never used twice
  // under one key, since each key seals each (id, counter) once).
  std::string reseal(std::string_view sealed, const Nonce& nonce, std::string_view context) const;

  // The same with a random nonce kept after the header (padded.h): header, nonce, ciphertext.
  std::string seal_random(std::string_view plain, std::string_view context) const;
  std::string open_random(std::string_view sealed, std::string_view context) const;

  // A stable pseudonym of `value` in `domain` ("person", "household"): hex of a keyed BLAKE2b,
  // `hex_chars` long (even, 16..64). Without the pseudonym key it cannot be linked back.
  std::string pseudonym(std::string_view domain, std::string_view value,
                        std::size_t hex_chars = 24) const;

 private:
  friend class Pseudonymizer;
  struct Sealing {
    Key key;
    std::array<unsigned char, 4> id;
  };
  void add(const Key& master);
  const Sealing* find(std::string_view header) const;
  // What `open` and `open_random` share: the nonce is `nonce`, or (random_nonce) the 24 bytes
  // that begin the body.
  std::string open_body(std::string_view sealed, std::string_view context, bool random_nonce,
                        const Nonce* nonce) const;
  std::array<Sealing, kMaxKeys> keys_{};  // keys_[0] seals
  std::size_t count_ = 0;
  Key hash_key_{};
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

// Bytes as lower-case hexadecimal text.
std::string hex(const unsigned char* bytes, std::size_t n);

}  // namespace assembly::pii
