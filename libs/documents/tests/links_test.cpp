#include "assembly/documents/links.h"

#include <gtest/gtest.h>

using namespace assembly::documents;

TEST(Links, AValidLinkUntilItsExpiry) {
  const auto sig = link_signature("key", "doc-1", 1000);
  EXPECT_EQ(sig.size(), 64u);
  EXPECT_EQ(check_link("key", "doc-1", "1000", sig, 999), LinkCheck::valid);
  EXPECT_EQ(check_link("key", "doc-1", "1000", sig, 1000), LinkCheck::valid);
  EXPECT_EQ(check_link("key", "doc-1", "1000", sig, 1001), LinkCheck::expired);
}

TEST(Links, ATamperedLinkIsForged) {
  const auto sig = link_signature("key", "doc-1", 1000);
  EXPECT_EQ(check_link("key", "doc-2", "1000", sig, 0), LinkCheck::forged);  // another document
  EXPECT_EQ(check_link("key", "doc-1", "2000", sig, 0), LinkCheck::forged);  // expiry moved
  EXPECT_EQ(check_link("other", "doc-1", "1000", sig, 0), LinkCheck::forged);
  auto flipped = sig;
  flipped[0] = flipped[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(check_link("key", "doc-1", "1000", flipped, 0), LinkCheck::forged);
  EXPECT_EQ(check_link("key", "doc-1", "", sig, 0), LinkCheck::forged);
  EXPECT_EQ(check_link("key", "doc-1", "1000x", sig, 0), LinkCheck::forged);
  EXPECT_EQ(check_link("key", "doc-1", "1000", "", 0), LinkCheck::forged);
}
