#include "assembly/core/pdf.h"

#include <cstdint>
#include <cstdio>
#include <utility>

namespace assembly::core {

namespace {

// Windows-1252's 0x80-0x9F, by code point.
constexpr std::pair<std::uint32_t, unsigned char> kCp1252[] = {
    {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85}, {0x2020, 0x86},
    {0x2021, 0x87}, {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A}, {0x2039, 0x8B}, {0x0152, 0x8C},
    {0x017D, 0x8E}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95},
    {0x2013, 0x96}, {0x2014, 0x97}, {0x02DC, 0x98}, {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B},
    {0x0153, 0x9C}, {0x017E, 0x9E}, {0x0178, 0x9F}};

// Helvetica's advance widths (1/1000 em) of the printable ASCII characters, 0x20 to 0x7E, from the
// font's public metrics.
constexpr short kAscii[95] = {
    278,  278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // ' '../
    556,  556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @..O
    667,  778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P.._
    333,  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // `..o
    556,  556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};      // p..~

// Bold widths differ from the regular ones; the bold face is used for short headings only, so a
// wider estimate (the regular width and a tenth) keeps a wrapped bold line inside the margins.
constexpr double kBoldFactor = 1.1;

int width_of(unsigned char c) {
  if (c >= 0x20 && c <= 0x7E) return kAscii[c - 0x20];
  switch (c) {
    case 0x80:
      return 556;  // €
    case 0x85:
    case 0x97:
    case 0x89:
      return 1000;  // … — ‰
    case 0x8C:
    case 0xC6:
      return 1000;  // Œ Æ
    case 0x9C:
      return 944;  // œ
    case 0x91:
    case 0x92:
    case 0x82:
      return 222;  // ‘ ’ ‚
    case 0x93:
    case 0x94:
    case 0x84:
      return 333;  // “ ” „
    case 0x95:
      return 350;  // •
    case 0x96:
      return 556;  // –
    case 0xA0:
      return 278;  // no-break space
    case 0xB0:
      return 400;  // °
    case 0xAB:
    case 0xBB:
      return 556;  // « »
    case 0xC7:
      return 722;  // Ç
    case 0xE6:
      return 889;  // æ
    case 0xE7:
      return 500;  // ç
    case 0xD7:
    case 0xF7:
      return 584;  // × ÷
    case 0xDF:
    case 0xF8:
      return 611;  // ß ø
    case 0xFD:
    case 0xFF:
      return 500;  // ý ÿ
    default:
      break;
  }
  if (c >= 0xC0 && c <= 0xC5) return 667;  // À..Å
  if (c >= 0xC8 && c <= 0xCB) return 667;  // È..Ë
  if (c >= 0xCC && c <= 0xCF) return 278;  // Ì..Ï
  if (c >= 0xD0 && c <= 0xD1) return 722;  // Ð Ñ
  if (c >= 0xD2 && c <= 0xD8) return 778;  // Ò..Ø
  if (c >= 0xD9 && c <= 0xDC) return 722;  // Ù..Ü
  if (c >= 0xDD && c <= 0xDE) return 667;  // Ý Þ
  if (c >= 0xEC && c <= 0xEF) return 278;  // ì..ï
  return 556;                              // the other letters (à..ö, ù..ü) and signs
}

// PDF literal strings: backslash, parentheses escaped.
std::string escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '(' || c == ')') out += '\\';
    out += c;
  }
  return out;
}

std::string number(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", v);
  return b;
}

struct Line {
  std::string text;  // WinAnsi
  bool bold = false;
};

// A4, in points; margins of 2 cm.
constexpr double kPageWidth = 595.28, kPageHeight = 841.89, kMargin = 56.69;
constexpr double kSize = 11, kLeading = 15, kTitleSize = 14, kFooterY = 30;
constexpr double kTextWidth = kPageWidth - 2 * kMargin;

std::vector<Line> layout(const std::string& title, const std::string& utf8_text) {
  std::vector<Line> out;
  for (const auto& l : wrap_line(to_win_ansi(title), kTextWidth, kTitleSize, true))
    out.push_back({l, true});
  out.push_back({"", false});
  std::size_t start = 0;
  while (start <= utf8_text.size()) {
    auto end = utf8_text.find('\n', start);
    if (end == std::string::npos) end = utf8_text.size();
    std::string raw = utf8_text.substr(start, end - start);
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    bool heading = !raw.empty() && raw[0] == '#';
    if (heading) {
      auto text = raw.find_first_not_of("# ");
      raw = text == std::string::npos ? "" : raw.substr(text);
    }
    auto wrapped = wrap_line(to_win_ansi(raw), kTextWidth, kSize, heading);
    if (wrapped.empty()) wrapped.push_back("");
    for (auto& l : wrapped) out.push_back({std::move(l), heading});
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string to_win_ansi(const std::string& utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = 0;
    std::size_t n = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, n = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, n = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07, n = 4;
    } else {
      out += '?';  // a stray continuation byte
      ++i;
      continue;
    }
    bool valid = i + n <= utf8.size();
    for (std::size_t k = 1; valid && k < n; ++k) {
      auto cc = static_cast<unsigned char>(utf8[i + k]);
      if ((cc & 0xC0) != 0x80) valid = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!valid) {
      out += '?';
      ++i;
      continue;
    }
    i += n;
    if (cp == '\t') {
      out += ' ';
    } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
      // control characters: dropped
    } else if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
      out += static_cast<char>(cp);
    } else if (cp == 0x202F || cp == 0x2007 || cp == 0x2009) {
      out += static_cast<char>(0xA0);
    } else {
      char mapped = '?';
      for (const auto& [code, byte] : kCp1252)
        if (code == cp) mapped = static_cast<char>(byte);
      out += mapped;
    }
  }
  return out;
}

double helvetica_width(const std::string& win_ansi, double size, bool bold) {
  double units = 0;
  for (char c : win_ansi) units += width_of(static_cast<unsigned char>(c));
  return units * size / 1000.0 * (bold ? kBoldFactor : 1.0);
}

std::vector<std::string> wrap_line(const std::string& win_ansi, double width, double size,
                                   bool bold) {
  std::vector<std::string> out;
  std::string line;
  auto fits = [&](const std::string& s) { return helvetica_width(s, size, bold) <= width; };
  std::size_t i = 0;
  while (i < win_ansi.size()) {
    auto space = win_ansi.find(' ', i);
    if (space == std::string::npos) space = win_ansi.size();
    std::string word = win_ansi.substr(i, space - i);
    i = space + 1;
    std::string candidate = line.empty() ? word : line + " " + word;
    if (fits(candidate)) {
      line = std::move(candidate);
      continue;
    }
    if (!line.empty()) out.push_back(line);
    line.clear();
    // A word wider than the line: cut where it must.
    while (!fits(word)) {
      std::size_t k = 1;
      while (k < word.size() && fits(word.substr(0, k + 1))) ++k;
      out.push_back(word.substr(0, k));
      word = word.substr(k);
    }
    line = word;
  }
  if (!line.empty()) out.push_back(line);
  return out;
}

std::string text_pdf(const std::string& title, const std::string& utf8_text) {
  const auto lines = layout(title, utf8_text);
  const auto per_page =
      static_cast<std::size_t>((kPageHeight - 2 * kMargin - kTitleSize) / kLeading) + 1;
  const std::size_t pages = lines.empty() ? 1 : (lines.size() + per_page - 1) / per_page;

  // Objects: 1 catalog, 2 pages, 3 Helvetica, 4 Helvetica-Bold, 5 information, then for each page
  // its page object and its content stream.
  std::vector<std::string> objects(5 + 2 * pages);
  objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
  std::string kids;
  for (std::size_t p = 0; p < pages; ++p) kids += std::to_string(6 + 2 * p) + " 0 R ";
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>";
  objects[2] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  objects[3] =
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>";
  objects[4] = "<< /Title (" + escaped(to_win_ansi(title)) + ") /Producer (assembly) >>";
  for (std::size_t p = 0; p < pages; ++p) {
    std::string content = "BT\n";
    double y = kPageHeight - kMargin - kTitleSize;
    for (std::size_t k = p * per_page; k < lines.size() && k < (p + 1) * per_page; ++k) {
      const auto& l = lines[k];
      const double size = (p == 0 && l.bold && k == 0) ? kTitleSize : kSize;
      content += std::string(l.bold ? "/F2 " : "/F1 ") + number(size) + " Tf 1 0 0 1 " +
                 number(kMargin) + " " + number(y) + " Tm (" + escaped(l.text) + ") Tj\n";
      y -= kLeading;
    }
    const std::string footer = std::to_string(p + 1) + " / " + std::to_string(pages);
    content += "/F1 9 Tf 1 0 0 1 " + number((kPageWidth - helvetica_width(footer, 9)) / 2) + " " +
               number(kFooterY) + " Tm (" + footer + ") Tj\nET\n";
    objects[5 + 2 * p] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + number(kPageWidth) + " " +
                         number(kPageHeight) +
                         "] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents " +
                         std::to_string(7 + 2 * p) + " 0 R >>";
    objects[6 + 2 * p] =
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream";
  }

  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const auto xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto o : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", o);
    out += entry;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R /Info 5 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

std::size_t pdf_page_count(std::string_view pdf) {
  std::size_t n = 0;
  for (auto at = pdf.find("/Type /Page"); at != std::string_view::npos;
       at = pdf.find("/Type /Page", at + 1))
    if (at + 11 >= pdf.size() || pdf[at + 11] != 's') ++n;
  return n;
}

}  // namespace assembly::core
