// The invitation letters' PDF (letters/): pages, batches, what each page says (read back with
// poppler's pdftotext and pdfinfo, ops/packages.txt), the Windows-1252 text, progress, errors.
#include "letters/letters.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "assembly/core/pdf.h"

namespace l = notifications::letters;

namespace {

l::Letter letter(std::string name, std::vector<std::string> address, std::string code) {
  return {std::move(name), std::move(address), code,
          "https://assemblee.example.org/repondre?code=" + code};
}

bool has_poppler() {
  return std::system("pdftotext -v > /dev/null 2>&1") == 0;
}

// A command's standard output.
std::string run(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + command);
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

struct TempPdf {
  std::filesystem::path path;
  explicit TempPdf(const std::string& bytes)
      : path(std::filesystem::temp_directory_path() /
             ("letters_test_" + std::to_string(::getpid()) + "_" +
              std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".pdf")) {
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempPdf() { std::filesystem::remove(path); }
  std::string text(int page) const {
    return run("pdftotext -enc UTF-8 -layout -f " + std::to_string(page) + " -l " +
               std::to_string(page) + " '" + path.string() + "' -");
  }
};

std::string squeeze(std::string s) {  // runs of spaces as one (pdftotext -layout pads)
  std::string out;
  for (char c : s) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return out;
}

}  // namespace

TEST(Letters, ThreeLettersMakeThreePagesEachWithItsInvitee) {
  std::vector<l::Letter> letters{
      letter("Mme Zoé Lefèvre", {"12 rue de la Roquette", "Bâtiment B, escalier 3", "75011 Paris"},
             "ABCDE-FGHJK"),
      letter("M. François Nguyên", {"4 place des Fêtes", "75019 Paris"}, "23456-789AB"),
      letter("Mme Anaïs Œuvray", {"1 quai de l'Hôtel de Ville", "75004 Paris"}, "KLMNP-QRSTU")};
  const std::string pdf = l::render(letters);
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(assembly::core::pdf_page_count(pdf), 3u);
  EXPECT_NE(pdf.find("/FlateDecode"), std::string::npos) << "compression on";
  if (!has_poppler()) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  TempPdf file(pdf);
  const std::string info = squeeze(run("pdfinfo '" + file.path.string() + "'"));
  EXPECT_NE(info.find("Pages: 3\n"), std::string::npos) << info;
  EXPECT_NE(info.find("595.276 x 841.89 pts (A4)"), std::string::npos) << info;
  for (int page = 1; page <= 3; ++page) {
    const auto& want = letters[static_cast<std::size_t>(page - 1)];
    std::string text = squeeze(file.text(page));
    EXPECT_NE(text.find(want.name), std::string::npos) << "page " << page << ":\n" << text;
    EXPECT_NE(text.find(want.address_lines[0]), std::string::npos) << "page " << page;
    EXPECT_NE(text.find(want.code), std::string::npos) << "page " << page;
    for (const auto& other : letters)
      if (&other != &want) {
        EXPECT_EQ(text.find(other.code), std::string::npos) << "page " << page;
      }
    // The letterhead and the text, accents included.
    EXPECT_NE(text.find("Ville de Paris"), std::string::npos);
    EXPECT_NE(text.find("Assemblée citoyenne de Paris"), std::string::npos);
    EXPECT_NE(text.find("paris.fr/repondre"), std::string::npos);
    EXPECT_NE(text.find("4 janvier 2027"), std::string::npos) << "the deadline filled in";
    EXPECT_EQ(text.find("{deadline}"), std::string::npos);
  }
  EXPECT_NE(squeeze(file.text(1)).find("Bâtiment B, escalier 3"), std::string::npos);
  EXPECT_NE(squeeze(file.text(3)).find("Anaïs Œuvray"), std::string::npos);
}

TEST(Letters, BatchesOfTwoForFiveLetters) {
  std::vector<l::Letter> letters;
  for (int i = 0; i < 5; ++i)
    letters.push_back(letter("Personne " + std::to_string(i), {"1 rue Réaumur", "75002 Paris"},
                             "AAAAA-BBBB" + std::string(1, static_cast<char>('C' + i))));
  std::vector<std::size_t> seen;
  auto files = l::render_batches(letters, {}, 2, [&](std::size_t done) { seen.push_back(done); });
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(assembly::core::pdf_page_count(files[0]), 2u);
  EXPECT_EQ(assembly::core::pdf_page_count(files[1]), 2u);
  EXPECT_EQ(assembly::core::pdf_page_count(files[2]), 1u);
  EXPECT_EQ(seen, (std::vector<std::size_t>{1, 2, 3, 4, 5})) << "progress counts all the files";
  if (!has_poppler()) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  TempPdf last(files[2]);
  EXPECT_NE(squeeze(last.text(1)).find("Personne 4"), std::string::npos);
  EXPECT_NE(squeeze(last.text(1)).find("AAAAA-BBBBG"), std::string::npos);
  EXPECT_THROW(l::render_batches(letters, {}, 0), std::invalid_argument);
  // The same files one at a time, in order.
  std::vector<std::size_t> indexes;
  l::for_each_batch(letters, {}, 2, [&](std::size_t index, std::string&& pdf) {
    indexes.push_back(index);
    EXPECT_EQ(pdf, files[index]);
  });
  EXPECT_EQ(indexes, (std::vector<std::size_t>{0, 1, 2}));
}

TEST(Letters, NoLettersIsNoFile) {
  EXPECT_THROW(l::render({}), std::invalid_argument);
  EXPECT_TRUE(l::render_batches({}, {}, 10).empty());
}

TEST(Letters, ProgressIsCalledUpToTheCount) {
  std::vector<l::Letter> letters(4, letter("A B", {"75001 Paris"}, "ABCDE-FGHJK"));
  std::vector<std::size_t> seen;
  l::render(letters, {}, [&](std::size_t done) { seen.push_back(done); });
  EXPECT_EQ(seen, (std::vector<std::size_t>{1, 2, 3, 4}));
}

TEST(Letters, CharactersOutsideWindows1252DoNotBreakTheLetter) {
  std::vector<l::Letter> letters{
      letter("Łukasz Wałęsa 王小明 🙂",
             {"Ștefan cel Mare 3\x01", "\xff\xfe broken \xc3", "75013 Paris"}, "ABCDE-FGHJK")};
  std::string pdf;
  ASSERT_NO_THROW(pdf = l::render(letters));
  EXPECT_EQ(assembly::core::pdf_page_count(pdf), 1u);
  if (!has_poppler()) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  TempPdf file(pdf);
  std::string text = squeeze(file.text(1));
  EXPECT_NE(text.find("Lukasz Walesa ??? ?"), std::string::npos) << text;
  EXPECT_NE(text.find("Stefan cel Mare 3"), std::string::npos) << text;
}

TEST(Letters, LongNamesAndLinesStayInTheWindow) {
  std::string longest(200, 'W');
  std::vector<l::Letter> letters{
      letter("Mme Marie-Bernadette Éléonore de La Tour d'Auvergne-Lauraguais-Montmorency-Laval",
             {longest, "2", "3", "4", "5", "6", "7", "75016 Paris"}, "ABCDE-FGHJK")};
  std::string pdf = l::render(letters);
  EXPECT_EQ(assembly::core::pdf_page_count(pdf), 1u);
  if (!has_poppler()) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  TempPdf file(pdf);
  // The window: x from 108 mm to 190 mm (306 to 539 pt), y from 55 to 90 mm from the top.
  std::string box =
      run("pdftotext -enc UTF-8 -x 300 -y 150 -W 245 -H 110 '" + file.path.string() + "' -");
  EXPECT_NE(box.find("75016 Paris"), std::string::npos) << "the last line kept:\n" << box;
  EXPECT_NE(box.find("…"), std::string::npos) << "the too-long line cut with an ellipsis";
  EXPECT_EQ(box.find("\n6\n"), std::string::npos) << "at most 6 lines:\n" << box;
  // Nothing of the block past the window's right edge (pdftotext shows a cut word there).
  std::string right =
      run("pdftotext -enc UTF-8 -x 540 -y 150 -W 55 -H 110 '" + file.path.string() + "' -");
  EXPECT_EQ(right.find_first_not_of(" \n\f"), std::string::npos) << right;
}

TEST(Letters, QrAsImageByDefaultOrAsRectangles) {
  std::vector<l::Letter> letters(2, letter("A B", {"75001 Paris"}, "ABCDE-FGHJK"));
  std::string image = l::render(letters);
  EXPECT_EQ(assembly::core::pdf_page_count(image), 2u);
  EXPECT_NE(image.find("/Subtype /Image"), std::string::npos);
  std::string vector = l::render(letters, {}, {}, {l::QrStyle::vector});
  EXPECT_EQ(assembly::core::pdf_page_count(vector), 2u);
  EXPECT_EQ(vector.find("/Subtype /Image"), std::string::npos);
  letters[0].answer_url.clear();
  letters[1].answer_url.clear();
  EXPECT_EQ(l::render(letters).find("/Subtype /Image"), std::string::npos) << "no address, no QR";
}

TEST(Letters, ATextTooLongForOnePageIsRefusedClearly) {
  l::Letterhead head;
  head.paragraphs.assign(20, head.paragraphs[0]);
  std::vector<l::Letter> letters{letter("A B", {"75001 Paris"}, "ABCDE-FGHJK")};
  EXPECT_THROW(l::render(letters, head), std::invalid_argument);
}

TEST(Letters, ToCp1252) {
  EXPECT_EQ(l::to_cp1252("Zoé Œuvre – « été » €"), "Zo\xE9 \x8Cuvre \x96 \xAB \xE9t\xE9 \xBB \x80");
  EXPECT_EQ(l::to_cp1252("e\xCC\x81"), "\xE9") << "a combining acute composed";
  EXPECT_EQ(l::to_cp1252("ł ș ğ"), "l s g");
  EXPECT_EQ(l::to_cp1252("a\xE2\x80\xAF:"), "a\xA0:") << "the narrow no-break space";
  EXPECT_EQ(l::to_cp1252("\xC3"), "?");
  EXPECT_EQ(l::to_cp1252(std::string("a\0b", 3)), "a b");
}

TEST(Letters, AnAddressTooLongForAQrCodeIsAClearError) {
  std::vector<l::Letter> letters{letter("A B", {"75001 Paris"}, "ABCDE-FGHJK")};
  letters[0].answer_url = "https://example.org/repondre?code=" + std::string(4000, 'A');
  try {
    l::render(letters);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("QR code"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("too long"), std::string::npos) << e.what();
  }
}
