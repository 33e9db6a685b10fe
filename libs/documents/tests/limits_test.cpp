#include "assembly/documents/limits.h"

#include <gtest/gtest.h>

using namespace assembly::documents;

namespace {
const std::string kPdf = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(24, '\0');
const std::string kJpeg = std::string("\xff\xd8\xff\xe0", 4) + "JFIF";
const std::string kWebp = std::string("RIFF\x10\0\0\0WEBPVP8 ", 16);
}  // namespace

TEST(Limits, SniffsTheKindFromTheBytes) {
  EXPECT_EQ(sniff(kPdf), Kind::pdf);
  EXPECT_EQ(sniff(kPng), Kind::png);
  EXPECT_EQ(sniff(kJpeg), Kind::jpeg);
  EXPECT_EQ(sniff(kWebp), Kind::webp);
  EXPECT_FALSE(sniff("<html><script>alert(1)</script>"));
  EXPECT_FALSE(sniff("%PD"));
  EXPECT_FALSE(sniff("RIFF\x10\0\0\0WAVE"));
}

TEST(Limits, AcceptsAnAllowedKindDeclaredAsItIs) {
  Policy p{1000, {Kind::pdf, Kind::png}};
  EXPECT_TRUE(check(p, kPdf, "application/pdf").empty());
  EXPECT_TRUE(check(p, kPng, "image/png").empty());
  EXPECT_TRUE(check(p, kPdf, "Application/PDF; name=x").empty());
}

TEST(Limits, RefusesByNameWhatBreaksThePolicy) {
  Policy p{64, {Kind::pdf}};
  const auto empty = check(p, "", "application/pdf");
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_EQ(empty[0].pointer, "/file");

  const auto big = check(p, kPdf + std::string(100, ' '), "application/pdf");
  ASSERT_EQ(big.size(), 1u);
  EXPECT_EQ(big[0].pointer, "/file");
  EXPECT_NE(big[0].detail.find("at most 64 bytes"), std::string::npos) << big[0].detail;

  // Declared as a PDF, the bytes are HTML: refused by content, not trusted by the header.
  const auto html = check(p, "<html></html>", "application/pdf");
  ASSERT_EQ(html.size(), 1u);
  EXPECT_NE(html[0].detail.find("no accepted type"), std::string::npos) << html[0].detail;

  const auto png = check(p, kPng, "image/png");
  ASSERT_EQ(png.size(), 1u);
  EXPECT_NE(png[0].detail.find("PNG"), std::string::npos) << png[0].detail;

  // A PDF sent as an image: named, with the type to send it as.
  const auto mislabelled = check(Policy{1000, {Kind::pdf, Kind::png}}, kPdf, "image/png");
  ASSERT_EQ(mislabelled.size(), 1u);
  EXPECT_NE(mislabelled[0].detail.find("application/pdf"), std::string::npos);

  // Both at once: too big and not allowed.
  EXPECT_EQ(check(p, kPng + std::string(100, '\0'), "image/png").size(), 2u);
}

TEST(Limits, DescribesThePolicyBeforeTheChoice) {
  EXPECT_EQ((Policy{3 << 20, {Kind::pdf}}).describe(), "a PDF of at most 3 MiB");
  EXPECT_EQ((Policy{3 << 20, {Kind::pdf, Kind::png, Kind::jpeg}}).describe(),
            "a PDF, a PNG image or a JPEG image of at most 3 MiB");
}
