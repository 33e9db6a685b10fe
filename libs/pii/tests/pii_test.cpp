#include "assembly/pii/pii.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <functional>
#include <new>

#include "assembly/pii/padded.h"

using assembly::pii::Keyring;
using assembly::pii::kPaddedOverhead;
using assembly::pii::nonce_of;
using assembly::pii::open_padded;
using assembly::pii::seal_padded;

namespace {
Keyring keyring(unsigned char fill) {
  std::array<unsigned char, 32> k{};
  k.fill(fill);
  return Keyring(k);
}
}  // namespace

TEST(Pii, SealedDataOpensOnlyWithTheSameKeyNonceAndContext) {
  auto k = keyring(1);
  auto n = nonce_of("pool-1", 7);
  auto sealed = k.seal(
      "Dupont\x1fMarie\x1f"
      "1980-02-29",
      n, "pool-1:p7");
  EXPECT_EQ(sealed.find("Dupont"), std::string::npos) << "the plain text does not show";
  EXPECT_EQ(k.open(sealed, n, "pool-1:p7"),
            "Dupont\x1fMarie\x1f"
            "1980-02-29");
  EXPECT_THROW(k.open(sealed, n, "pool-1:p8"), std::runtime_error) << "moved to another row";
  EXPECT_THROW(k.open(sealed, nonce_of("pool-1", 8), "pool-1:p7"), std::runtime_error);
  EXPECT_THROW(keyring(2).open(sealed, n, "pool-1:p7"), std::runtime_error) << "another key";
  auto tampered = sealed;
  tampered[0] ^= 1;
  EXPECT_THROW(k.open(tampered, n, "pool-1:p7"), std::runtime_error);
}

TEST(Pii, PseudonymsAreStablePerKeyAndDomain) {
  auto a = keyring(1), b = keyring(2);
  EXPECT_EQ(a.pseudonym("person", "751234567"), a.pseudonym("person", "751234567"));
  EXPECT_EQ(a.pseudonym("person", "751234567").size(), 24u);
  EXPECT_NE(a.pseudonym("person", "751234567"), a.pseudonym("person", "751234568"));
  EXPECT_NE(a.pseudonym("person", "751234567"), a.pseudonym("household", "751234567"));
  EXPECT_NE(a.pseudonym("person", "751234567"), b.pseudonym("person", "751234567"));
}

TEST(Pii, BulkPseudonymsAndSealingGiveTheSameBytes) {
  auto k = keyring(1);
  assembly::pii::Pseudonymizer person(k, "person"), household(k, "household", 16);
  for (const std::string& v : {std::string(), std::string("751234567"), std::string(300, 'x')}) {
    char out[24];
    person.write(v, out);
    EXPECT_EQ(std::string(out, 24), k.pseudonym("person", v));
    household.write(v, out);
    EXPECT_EQ(std::string(out, 16), k.pseudonym("household", v, 16));
  }
  auto n = nonce_of("pool-1", 7);
  std::string plain = "Dupont\x1fMarie";
  unsigned char buf[64];
  auto len = k.seal_into(plain, n, "pool-1/7", buf);
  ASSERT_EQ(len, plain.size() + Keyring::kSealOverhead);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(buf), len), k.seal(plain, n, "pool-1/7"));
}

TEST(Pii, NoncesDifferByIdAndCounter) {
  EXPECT_NE(nonce_of("pool-1", 1), nonce_of("pool-1", 2));
  EXPECT_NE(nonce_of("pool-1", 1), nonce_of("pool-2", 1));
  EXPECT_EQ(nonce_of("pool-1", 1), nonce_of("pool-1", 1));
}

TEST(Pii, AKeyFileOfTheWrongSizeIsRefusedByName) {
  try {
    Keyring::from_file("/nonexistent/pii.key");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/pii.key"), std::string::npos);
  }
}

TEST(Padded, SealsOfOneSizeHaveOneLengthAndOpenOnlyInTheirContext) {
  auto k = keyring(1);
  auto a = seal_padded(k, "for", 64, "ballot-1:m1");
  auto b = seal_padded(k, "against", 64, "ballot-1:m2");
  auto empty = seal_padded(k, "", 64, "ballot-1:m3");
  EXPECT_EQ(a.size(), 64 + kPaddedOverhead);
  EXPECT_EQ(b.size(), a.size()) << "the length does not tell the value";
  EXPECT_EQ(empty.size(), a.size());
  EXPECT_EQ(a.find("for"), std::string::npos);
  EXPECT_NE(seal_padded(k, "for", 64, "ballot-1:m1"), a) << "a fresh nonce each time";
  EXPECT_EQ(open_padded(k, a, "ballot-1:m1"), "for");
  EXPECT_EQ(open_padded(k, b, "ballot-1:m2"), "against");
  EXPECT_EQ(open_padded(k, empty, "ballot-1:m3"), "");
  EXPECT_THROW(open_padded(k, a, "ballot-1:m2"), std::runtime_error) << "moved to another row";
  EXPECT_THROW(open_padded(keyring(2), a, "ballot-1:m1"), std::runtime_error) << "another key";
  EXPECT_THROW(open_padded(k, a.substr(0, 20), "ballot-1:m1"), std::runtime_error);
}

TEST(Padded, AValueMustBeShorterThanItsPaddedSize) {
  auto k = keyring(1);
  EXPECT_THROW(seal_padded(k, std::string(64, 'x'), 64, "c"), std::invalid_argument);
  EXPECT_EQ(open_padded(k, seal_padded(k, std::string(63, 'x'), 64, "c"), "c"),
            std::string(63, 'x'));
}

// The derived keys do not outlive the keyring: its memory is wiped when it goes (a core dump or a
// reused page does not show them).
TEST(Pii, TheKeysAreWipedWhenTheKeyringGoes) {
  std::array<unsigned char, 32> master{};
  master.fill(7);
  alignas(Keyring) unsigned char storage[sizeof(Keyring)] = {};
  auto nonzero = [&] {
    return std::count_if(std::begin(storage), std::end(storage), [](unsigned char c) { return c; });
  };
  auto* k = new (storage) Keyring(master);
  EXPECT_GT(nonzero(), 32) << "the keyring holds its keys";
  k->~Keyring();
  EXPECT_EQ(nonzero(), 0) << "the keys are wiped";
}

// --- The key ring: a header naming the key, older keys still read, values sealed before headers.

namespace {
Keyring::Key key(unsigned char fill) {
  Keyring::Key k{};
  k.fill(fill);
  return k;
}

// A value sealed as before headers existed: the ciphertext alone, the context as associated data.
// `starting_with`: the plain text's first bytes changed (into `*changed`) so that the ciphertext
// begins with these bytes (the stream cipher's do not depend on the associated data), as one may
// by chance.
std::string legacy_seal(const Keyring::Key& master, const std::string& plain,
                        const assembly::pii::Nonce& nonce, const std::string& context,
                        const std::string& starting_with = "", std::string* changed = nullptr) {
  std::array<unsigned char, 32> k{};
  crypto_kdf_derive_from_key(k.data(), k.size(), 1, "assempii", master.data());
  auto encrypt = [&](const std::string& p) {
    std::string out(p.size() + 16, '\0');
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char*>(out.data()), &len,
        reinterpret_cast<const unsigned char*>(p.data()), p.size(),
        reinterpret_cast<const unsigned char*>(context.data()), context.size(), nullptr,
        nonce.data(), k.data());
    return out;
  };
  auto p = plain;
  if (!starting_with.empty()) {
    const auto stream = encrypt(std::string(p.size(), '\0'));
    for (std::size_t i = 0; i < starting_with.size(); ++i) p[i] = stream[i] ^ starting_with[i];
    if (changed) *changed = p;
  }
  return encrypt(p);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST(KeyRing, AValueNamesTheKeyThatSealedItAndOpensAfterARotation) {
  const Keyring old_ring(key(1), {}, key(9)), both(key(2), {key(1)}, key(9)),
      new_only(key(2), {}, key(9));
  EXPECT_EQ(old_ring.current_key_id(), Keyring::key_id(key(1)));
  EXPECT_EQ(old_ring.current_key_id().size(), 8u);
  EXPECT_NE(Keyring::key_id(key(1)), Keyring::key_id(key(2)));
  EXPECT_EQ(both.key_ids(),
            (std::vector<std::string>{Keyring::key_id(key(2)), Keyring::key_id(key(1))}));

  auto n = nonce_of("member-1", 3);
  auto sealed = old_ring.seal("Camille", n, "contact:member-1");
  ASSERT_EQ(sealed.size(), 7 + Keyring::kSealOverhead);
  EXPECT_EQ(sealed.substr(0, Keyring::kHeaderSize), old_ring.current_header());
  EXPECT_EQ(both.open(sealed, n, "contact:member-1"), "Camille") << "an older key still reads";

  auto resealed = both.reseal(sealed, n, "contact:member-1");
  EXPECT_EQ(resealed.substr(0, Keyring::kHeaderSize), both.current_header());
  EXPECT_EQ(new_only.open(resealed, n, "contact:member-1"), "Camille");
  EXPECT_THROW(new_only.open(resealed, n, "contact:member-2"), std::runtime_error);

  auto missing = error_of([&] { new_only.open(sealed, n, "contact:member-1"); });
  EXPECT_NE(missing.find("names the key " + Keyring::key_id(key(1))), std::string::npos) << missing;
  EXPECT_NE(missing.find("not among the keys held (" + Keyring::key_id(key(2)) + ")"),
            std::string::npos)
      << missing;

  auto tampered = resealed;
  tampered.back() ^= 1;
  auto wrong = error_of([&] { new_only.open(tampered, n, "contact:member-1"); });
  EXPECT_NE(wrong.find("does not open under the key " + Keyring::key_id(key(2))), std::string::npos)
      << wrong;
  // The header is authenticated: a value relabelled with another held key's id does not open.
  auto relabelled = resealed;
  relabelled.replace(0, Keyring::kHeaderSize, old_ring.current_header());
  EXPECT_THROW(both.open(relabelled, n, "contact:member-1"), std::runtime_error);
}

TEST(KeyRing, PaddedValuesRotateToo) {
  const Keyring old_ring(key(1), {}, key(9)), both(key(2), {key(1)}, key(9)),
      new_only(key(2), {}, key(9));
  auto sealed = seal_padded(old_ring, "for", 64, "ballot-1:m1");
  EXPECT_EQ(sealed.size(), 64 + kPaddedOverhead);
  EXPECT_EQ(sealed.substr(0, Keyring::kHeaderSize), old_ring.current_header());
  auto resealed = assembly::pii::reseal_padded(both, sealed, "ballot-1:m1");
  EXPECT_EQ(resealed.size(), sealed.size()) << "the same size after a rotation";
  EXPECT_EQ(resealed.substr(0, Keyring::kHeaderSize), both.current_header());
  EXPECT_EQ(open_padded(new_only, resealed, "ballot-1:m1"), "for");
  EXPECT_THROW(open_padded(new_only, sealed, "ballot-1:m1"), std::runtime_error);
}

TEST(KeyRing, ValuesSealedBeforeHeadersOpenUnderTheKeyThatSealedThem) {
  const auto n = nonce_of("pool-1", 7);
  const std::string plain =
      "Dupont\x1fMarie\x1f"
      "1980-02-29";
  const auto legacy = legacy_seal(key(1), plain, n, "pool-1/7");
  // The first deployment with headers: the one key, current.
  EXPECT_EQ(Keyring(key(1)).open(legacy, n, "pool-1/7"), plain);
  // After a rotation, the old key among the previous ones.
  const Keyring both(key(2), {key(1)}, key(9));
  EXPECT_EQ(both.open(legacy, n, "pool-1/7"), plain);
  EXPECT_EQ(both.reseal(legacy, n, "pool-1/7").substr(0, Keyring::kHeaderSize),
            both.current_header());
  EXPECT_THROW(both.open(legacy, n, "pool-1/8"), std::runtime_error) << "still bound to its row";
  // The old key gone: a clear error, no plain text.
  auto gone = error_of([&] { Keyring(key(2), {}, key(9)).open(legacy, n, "pool-1/7"); });
  EXPECT_NE(gone.find("without a key id"), std::string::npos) << gone;
  EXPECT_NE(gone.find(Keyring::key_id(key(2))), std::string::npos) << "names the keys held";

  // A value sealed before headers whose first bytes happen to look like a header, naming a key
  // held or not: authentication tells it apart, and it opens as what it is.
  for (const auto& look_alike : {both.current_header(), Keyring(key(5)).current_header()}) {
    std::string lucky_plain;
    const auto lucky = legacy_seal(key(1), plain, n, "pool-1/7", look_alike, &lucky_plain);
    ASSERT_EQ(lucky.substr(0, Keyring::kHeaderSize), look_alike);
    EXPECT_EQ(both.open(lucky, n, "pool-1/7"), lucky_plain);
  }
  // A padded value sealed before headers: its random nonce first.
  std::string padded(64, '\0');
  padded[0] = 'x';
  std::size_t len = 0;
  sodium_pad(&len, reinterpret_cast<unsigned char*>(padded.data()), 1, 64, 64);
  assembly::pii::Nonce random{};
  randombytes_buf(random.data(), random.size());
  const auto body = legacy_seal(key(1), padded, random, "ballot-1:m1");
  const auto legacy_padded = std::string(random.begin(), random.end()) + body;
  EXPECT_EQ(open_padded(both, legacy_padded, "ballot-1:m1"), "x");
  EXPECT_EQ(legacy_padded.size(), 64 + kPaddedOverhead - Keyring::kHeaderSize);
}

TEST(KeyRing, PseudonymsDoNotChangeWithTheSealingKey) {
  // An existing deployment writes the pseudonym key its one key file gave; new sealing keys come.
  const Keyring before(key(1));
  const Keyring after(key(2), {key(1)}, Keyring::legacy_pseudonym_key(key(1)));
  EXPECT_EQ(after.pseudonym("person", "751234567"), before.pseudonym("person", "751234567"));
  EXPECT_EQ(after.pseudonym("response-code-key", "ABCD", 64),
            before.pseudonym("response-code-key", "ABCD", 64));
  // The derivation ops/stack repeats with Python's hashlib (BLAKE2b, salt = subkey 2, person =
  // the context): pinned, so that both give the same bytes.
  const auto k = Keyring::legacy_pseudonym_key(key(7));
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (auto c : k) (hex += digits[c >> 4]) += digits[c & 0xF];
  EXPECT_EQ(hex, "13cc2645a8a954e874da1872cec19b14951b9fac197f71a90e28f911382d6bd0");
}

TEST(KeyRing, KeyFilesAreCheckedByName) {
  auto e =
      error_of([] { Keyring::from_files("/nonexistent/current.key", {}, "/nonexistent/p.key"); });
  EXPECT_NE(e.find("/nonexistent/current.key"), std::string::npos) << e;
  auto dup = error_of([] { (void)Keyring(key(1), {key(1)}, key(9)); });
  EXPECT_NE(dup.find("two key files hold keys of the id"), std::string::npos) << dup;
  auto many = error_of([] {
    (void)Keyring(key(1), {key(2), key(3), key(4), key(5), key(6), key(7), key(8), key(10)},
                  key(9));
  });
  EXPECT_NE(many.find("at most 8"), std::string::npos) << many;
}
