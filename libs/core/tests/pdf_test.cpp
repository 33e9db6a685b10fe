#include "assembly/core/pdf.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>

using namespace assembly::core;

namespace {

// The text a real PDF reader (poppler's pdftotext) finds in `pdf`; nullopt without the reader.
std::optional<std::string> pdftotext(const std::string& pdf) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) return std::nullopt;
  char dir[] = "/tmp/pdf_testXXXXXX";
  if (!mkdtemp(dir)) return std::nullopt;
  const std::string in = std::string(dir) + "/in.pdf", out = std::string(dir) + "/out.txt";
  std::ofstream(in, std::ios::binary) << pdf;
  if (std::system(("pdftotext -enc UTF-8 " + in + " " + out + " 2>/dev/null").c_str()) != 0)
    return std::string("pdftotext refused the document");
  std::ifstream f(out, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::remove(in.c_str());
  std::remove(out.c_str());
  std::remove(dir);
  return text;
}

std::string words(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += "mot" + std::to_string(i) + (i % 17 == 16 ? "\n" : " ");
  return out;
}

}  // namespace

TEST(Pdf, Utf8BecomesWinAnsi) {
  EXPECT_EQ(to_win_ansi("été"), "\xE9t\xE9");
  EXPECT_EQ(to_win_ansi("€ œ Œ ’ « »"), "\x80 \x9C \x8C \x92 \xAB \xBB");
  EXPECT_EQ(to_win_ansi("Ça\u202F!"),
            "\xC7"
            "a\xA0!");
  EXPECT_EQ(to_win_ansi("a\tb\x01"), "a b");
  EXPECT_EQ(to_win_ansi("\xF0\x9F\x98\x80"), "?") << "outside WinAnsi";
  EXPECT_EQ(to_win_ansi("\xC3"), "?") << "a cut sequence";
}

TEST(Pdf, HelveticaWidthsFromTheFontMetrics) {
  EXPECT_DOUBLE_EQ(helvetica_width("a", 1000), 556);
  EXPECT_DOUBLE_EQ(helvetica_width("Wi", 1000), 944 + 222);
  EXPECT_DOUBLE_EQ(helvetica_width(to_win_ansi("é"), 10), 5.56);
}

TEST(Pdf, LinesWrapAtSpacesWithinTheWidth) {
  auto lines = wrap_line(to_win_ansi(words(200)), 300, 11);
  ASSERT_GT(lines.size(), 5u);
  for (const auto& l : lines) {
    EXPECT_LE(helvetica_width(l, 11), 300);
    EXPECT_NE(l.front(), ' ');
  }
  auto cut = wrap_line(std::string(500, 'm'), 100, 11);
  ASSERT_GT(cut.size(), 1u) << "a word wider than the line is cut";
  for (const auto& l : cut) EXPECT_LE(helvetica_width(l, 11), 100);
  EXPECT_TRUE(wrap_line("", 100, 11).empty());
}

TEST(Pdf, TheCrossReferenceTablePointsAtEveryObject) {
  const auto pdf = text_pdf("Carnet (v2)", words(3000) + "\nback\\slash");
  EXPECT_EQ(pdf.rfind("%PDF-1.4\n", 0), 0u);
  EXPECT_EQ(pdf.substr(pdf.size() - 6), "%%EOF\n");
  auto startxref = pdf.rfind("startxref\n");
  ASSERT_NE(startxref, std::string::npos);
  const auto xref = std::stoul(pdf.substr(startxref + 10));
  ASSERT_EQ(pdf.compare(xref, 5, "xref\n"), 0);
  std::smatch m;
  const std::string table = pdf.substr(xref);
  ASSERT_TRUE(std::regex_search(table, m, std::regex("xref\n0 ([0-9]+)\n")));
  const int count = std::stoi(m[1]);
  std::size_t at = xref + m.length(0) + 20;  // past the free entry
  for (int i = 1; i < count; ++i, at += 20) {
    ASSERT_EQ(pdf.compare(at + 10, 10, " 00000 n \n"), 0) << "entries of 20 bytes";
    const auto offset = std::stoul(pdf.substr(at, 10));
    EXPECT_EQ(pdf.compare(offset, std::to_string(i).size() + 6, std::to_string(i) + " 0 obj"), 0)
        << "object " << i;
  }
  EXPECT_NE(pdf.find("(Carnet \\(v2\\))"), std::string::npos) << "parentheses escaped";
  EXPECT_NE(pdf.find("back\\\\slash"), std::string::npos);
  std::smatch pages;
  ASSERT_TRUE(std::regex_search(pdf, pages, std::regex("/Count ([0-9]+)")));
  EXPECT_GE(std::stoi(pages[1]), 3) << "several pages";
}

TEST(Pdf, APdfReaderFindsTheTextAccentsIncluded) {
  const std::string text =
      "# État des travaux\n\nL'atelier a étudié la propreté, la végétalisation et le "
      "partage de l'espace public : « où en sommes-nous ? » Cœur de Paris, 5 €.\n\n" +
      words(1500) + "\nDernière ligne : questionnements.";
  auto read = pdftotext(text_pdf("Carnet de synthèse", text));
  if (!read) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  std::string flat = *read;  // a wrapped line's end is a space again
  for (auto& c : flat)
    if (c == '\n') c = ' ';
  for (const char* w :
       {"Carnet de synthèse", "État des travaux", "étudié", "végétalisation",
        "« où en sommes-nous ? »", "Cœur", "5 €", "mot1499", "Dernière ligne : questionnements."})
    EXPECT_NE(flat.find(w), std::string::npos) << w << " in:\n" << read->substr(0, 400);
  EXPECT_NE(read->find("\f"), std::string::npos) << "more than one page";
}
