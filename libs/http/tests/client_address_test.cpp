#include "assembly/http/client_address.h"

#include <gtest/gtest.h>

using assembly::http::canonical_address;
using assembly::http::TrustedProxies;

TEST(TrustedProxies, ParsesBlocksOfBothFamiliesAndNamesABadEntry) {
  auto p = TrustedProxies::parse("127.0.0.1/32, 10.0.0.0/8 fd00::/8");
  EXPECT_TRUE(p.trusts("127.0.0.1"));
  EXPECT_FALSE(p.trusts("127.0.0.2"));
  EXPECT_TRUE(p.trusts("10.255.1.2"));
  EXPECT_FALSE(p.trusts("11.0.0.1"));
  EXPECT_TRUE(p.trusts("fd12::1"));
  EXPECT_FALSE(p.trusts("fe80::1"));
  EXPECT_TRUE(p.trusts("::ffff:10.1.2.3")) << "an IPv4-mapped peer is its IPv4 address";
  EXPECT_FALSE(p.trusts("not-an-address"));
  EXPECT_TRUE(TrustedProxies::parse("").empty());
  EXPECT_TRUE(TrustedProxies::parse("192.0.2.7").trusts("192.0.2.7")) << "a bare address is /32";
  for (const char* bad : {"10.0.0.0/33", "::/129", "10.0.0/8", "10.0.0.0/", "10.0.0.0/x", "gw"}) {
    try {
      TrustedProxies::parse(std::string("127.0.0.1/32,") + bad);
      ADD_FAILURE() << bad << " accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

TEST(TrustedProxies, AnUntrustedPeerIsTheCallerWhateverItsHeadersSay) {
  auto p = TrustedProxies::parse("127.0.0.1/32");
  EXPECT_EQ(p.client("127.0.0.2", "for=198.51.100.1", "198.51.100.2"), "127.0.0.2");
  EXPECT_EQ(TrustedProxies().client("127.0.0.1", std::nullopt, "198.51.100.2"), "127.0.0.1")
      << "no trusted proxy: the headers are never read";
}

TEST(TrustedProxies, BehindATrustedProxyTheRightMostUntrustedAddressIsTheCaller) {
  auto p = TrustedProxies::parse("127.0.0.1/32,10.0.0.0/8");
  EXPECT_EQ(p.client("127.0.0.1", std::nullopt, "203.0.113.9"), "203.0.113.9");
  // A client's own X-Forwarded-For stays on the left of what the proxies appended.
  EXPECT_EQ(p.client("127.0.0.1", std::nullopt, "1.1.1.1, 203.0.113.9, 10.0.0.5"), "203.0.113.9");
  EXPECT_EQ(p.client("127.0.0.1", std::nullopt, "10.0.0.6,10.0.0.5"), "10.0.0.6")
      << "only proxies: the left-most";
  EXPECT_EQ(p.client("127.0.0.1", std::nullopt, std::nullopt), "127.0.0.1");
  // X-Forwarded-For first; Forwarded's for= when it is absent (quoted, bracketed, with a port).
  EXPECT_EQ(p.client("127.0.0.1", "for=198.51.100.7", "203.0.113.9"), "203.0.113.9");
  EXPECT_EQ(p.client("127.0.0.1", "for=192.0.2.60;proto=http;by=203.0.113.43", std::nullopt),
            "192.0.2.60");
  EXPECT_EQ(p.client("127.0.0.1", R"(For="[2001:db8:cafe::17]:4711", for=10.0.0.5)", std::nullopt),
            "2001:db8:cafe::17");
  EXPECT_EQ(p.client("127.0.0.1", std::nullopt, "203.0.113.9:51000"), "203.0.113.9");
  EXPECT_EQ(p.client("127.0.0.1", "for=unknown", std::nullopt), "unknown")
      << "what the proxy wrote, when it is no address";
  EXPECT_EQ(p.client("::ffff:127.0.0.1", std::nullopt, "203.0.113.9"), "203.0.113.9");
}

TEST(TrustedProxies, CanonicalAddresses) {
  EXPECT_EQ(canonical_address(" \"[2001:DB8::1]:80\" "), "2001:db8::1");
  EXPECT_EQ(canonical_address("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(canonical_address("192.0.2.1:443"), "192.0.2.1");
  EXPECT_FALSE(canonical_address("_hidden"));
  EXPECT_FALSE(canonical_address(""));
}
