#include "assembly/pii/pii.h"

#include <gtest/gtest.h>

#include <algorithm>
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
