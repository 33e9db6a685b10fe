#include "letters/letters.h"

#include <hpdf.h>
#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace notifications::letters {

namespace {

// ---- UTF-8 to Windows-1252 ----------------------------------------------------------------------

// Windows-1252 0x80..0x9F: the code point each byte shows (0 where the byte is undefined).
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Latin Extended-A (U+0100..U+017F): the letter without its accent.
constexpr std::string_view kLatinExtA =
    "AaAaAaCcCcCcCcDd"
    "DdEeEeEeEeEeGgGg"
    "GgGgHhHhIiIiIiIi"
    "IiIiJjKkkLlLlLlL"
    "lLlNnNnNnnNnOoOo"
    "OoOoRrRrRrSsSsSs"
    "SsTtTtTtUuUuUuUu"
    "UuUuWwYyYZzZzZzs";

// Composing a combining accent with the letter before it: for each accent, the base letters and
// the Latin-1 letters they make.
struct Composition {
  char32_t mark;
  std::string_view bases;
  std::string_view composed;  // Latin-1 bytes, one per base
};
constexpr Composition kCompositions[] = {
    {0x0300, "AEIOUaeiou", "\xC0\xC8\xCC\xD2\xD9\xE0\xE8\xEC\xF2\xF9"},
    {0x0301, "AEIOUYaeiouy", "\xC1\xC9\xCD\xD3\xDA\xDD\xE1\xE9\xED\xF3\xFA\xFD"},
    {0x0302, "AEIOUaeiou", "\xC2\xCA\xCE\xD4\xDB\xE2\xEA\xEE\xF4\xFB"},
    {0x0303, "ANOano", "\xC3\xD1\xD5\xE3\xF1\xF5"},
    {0x0308, "AEIOUaeiouy", "\xC4\xCB\xCF\xD6\xDC\xE4\xEB\xEF\xF6\xFC\xFF"},
    {0x0327, "Cc", "\xC7\xE7"},
};

// The byte for one code point, or 0 when there is none (the caller decides).
unsigned char cp1252_byte(char32_t cp) {
  if (cp >= 0x20 && cp < 0x7F) return static_cast<unsigned char>(cp);
  if (cp >= 0xA0 && cp <= 0xFF) return static_cast<unsigned char>(cp);
  for (int i = 0; i < 32; ++i)
    if (kCp1252High[i] == cp) return static_cast<unsigned char>(0x80 + i);
  if (cp >= 0x100 && cp <= 0x17F) return static_cast<unsigned char>(kLatinExtA[cp - 0x100]);
  switch (cp) {
    case 0x0218:
      return 'S';  // Romanian comma below
    case 0x0219:
      return 's';
    case 0x021A:
      return 'T';
    case 0x021B:
      return 't';
    case 0x2000:
    case 0x2001:
    case 0x2002:
    case 0x2003:
    case 0x2004:
    case 0x2005:
    case 0x2006:
    case 0x2007:
    case 0x2008:
    case 0x2009:
    case 0x200A:
    case 0x202F:
    case 0x205F:
      return 0xA0;  // typographic spaces (the narrow one before ";:!?" in French): no break
    case 0x2010:
    case 0x2011:
    case 0x2212:
      return '-';
    case 0x2012:
    case 0x2015:
      return 0x96;
    case 0x2032:
      return '\'';
    case 0x2033:
      return '"';
    case 0x02BC:
    case 0x02BB:
      return 0x92;  // modifier apostrophes
    default:
      return 0;
  }
}

// One code point from UTF-8 at s[i], advancing i; U+FFFD for an invalid sequence.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  if (b < 0x80) return ++i, b;
  int extra = b >= 0xF5 ? -1 : b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC2 ? 1 : -1;
  if (extra < 0) return ++i, 0xFFFD;
  char32_t cp = b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    if (i + k >= s.size() || (byte(i + k) & 0xC0) != 0x80) return ++i, 0xFFFD;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += extra + 1;
  // Overlong forms and surrogates are invalid.
  if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0xFFFD;
  return cp;
}

}  // namespace

std::string to_cp1252(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp = next_code_point(utf8, i);
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
      out += ' ';
      continue;
    }
    if (cp >= 0x0300 && cp <= 0x036F) {  // a combining accent: composed, or dropped
      if (!out.empty()) {
        for (const auto& c : kCompositions) {
          if (c.mark != cp) continue;
          auto at = c.bases.find(out.back());
          if (at != std::string_view::npos) out.back() = c.composed[at];
        }
      }
      continue;
    }
    if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF) continue;  // invisible
    unsigned char b = cp1252_byte(cp);
    out += b ? static_cast<char>(b) : '?';
  }
  return out;
}

namespace {

// ---- libharu ------------------------------------------------------------------------------------

struct Failure {
  HPDF_STATUS code = 0;
  HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* failure = static_cast<Failure*>(user);
  if (failure->code == 0) *failure = {code, detail};  // the first error is the cause
}

std::string describe(const Failure& f) {
  const char* what = "";
  switch (f.code) {
    case HPDF_FAILD_TO_ALLOC_MEM:
      what = ": out of memory";
      break;
    case HPDF_INVALID_FONT_NAME:
    case HPDF_INVALID_FONT:
    case HPDF_PAGE_INVALID_FONT:
      what = ": invalid font";
      break;
    case HPDF_INVALID_ENCODING_NAME:
    case HPDF_INVALID_ENCODER:
      what = ": invalid encoding";
      break;
    case HPDF_INVALID_IMAGE:
      what = ": invalid image";
      break;
    case HPDF_PAGE_INVALID_FONT_SIZE:
      what = ": invalid font size";
      break;
    case HPDF_INVALID_PARAMETER:
      what = ": invalid parameter";
      break;
    case HPDF_INVALID_OPERATION:
      what = ": invalid operation";
      break;
    default:
      break;
  }
  char text[128];
  std::snprintf(text, sizeof text, "PDF rendering failed: libharu error 0x%04X (detail %u)%s",
                static_cast<unsigned>(f.code), static_cast<unsigned>(f.detail), what);
  return text;
}

// One libharu document: the error handler only records (no exception crosses the C library);
// check() turns what it recorded into an exception.
class Document {
 public:
  Document() : pdf_(HPDF_New(on_error, &failure_)) {
    if (!pdf_) throw std::runtime_error("PDF rendering failed: libharu could not start (memory)");
  }
  ~Document() { HPDF_Free(pdf_); }
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;
  HPDF_Doc get() const { return pdf_; }
  void check() const {
    if (failure_.code != 0) throw std::runtime_error(describe(failure_));
  }
  void forget_end_of_stream() {
    if (failure_.code == HPDF_STREAM_EOF) failure_ = {};
  }

 private:
  Failure failure_;
  HPDF_Doc pdf_;
};

constexpr float mm(float v) {
  return v * 72.0f / 25.4f;
}
constexpr float kPageW = 595.276f, kPageH = 841.89f;  // A4
constexpr float kLeft = mm(20), kRight = kPageW - mm(20), kTextW = kRight - kLeft;
// Where a DL window envelope (window 100 × 45 mm, 20 mm from the right, 15 mm from the bottom)
// shows the letter folded in three: the address block sits inside with a few millimetres to
// spare on every side, whatever the play of the sheet in the envelope.
constexpr float kWindowX = mm(108), kWindowW = mm(82), kWindowTop = mm(55), kWindowH = mm(35);
constexpr std::size_t kAddressLines = 6;  // La Poste: at most 6 lines, name included

float top(float from_top) {
  return kPageH - from_top;
}

// A piece of text at a place, already in Windows-1252.
struct Run {
  int font;  // index in Fonts
  float size;
  float x, y;
  std::string text;
};

enum FontIndex { regular, bold, courier_bold, font_count };

struct Fonts {
  HPDF_Font f[font_count];
  explicit Fonts(HPDF_Doc pdf) {
    f[regular] = HPDF_GetFont(pdf, "Helvetica", "WinAnsiEncoding");
    f[bold] = HPDF_GetFont(pdf, "Helvetica-Bold", "WinAnsiEncoding");
    f[courier_bold] = HPDF_GetFont(pdf, "Courier-Bold", "WinAnsiEncoding");
  }
  float width(int font, float size, std::string_view text) const {
    if (text.empty()) return 0;
    HPDF_TextWidth w = HPDF_Font_TextWidth(f[font], reinterpret_cast<const HPDF_BYTE*>(text.data()),
                                           static_cast<HPDF_UINT>(text.size()));
    return static_cast<float>(w.width) * size / 1000.0f;
  }
};

std::string fill_in(std::string text, const Letterhead& head) {
  const std::pair<std::string_view, const std::string*> fields[] = {
      {"{deadline}", &head.deadline},
      {"{answer_address}", &head.answer_address},
      {"{phone}", &head.phone},
      {"{secretariat}", &head.secretariat}};
  for (const auto& [key, value] : fields) {
    for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value->size()))
      text.replace(at, key.size(), *value);
  }
  return text;
}

// Greedy word wrap of Windows-1252 text into lines of at most `width` points (a word longer
// than a line is cut).
std::vector<std::string> wrap(const Fonts& fonts, int font, float size, const std::string& text,
                              float width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t i = 0;
  while (i < text.size()) {
    auto end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(i, end - i);
    i = end + 1;
    if (word.empty()) continue;
    std::string candidate = line.empty() ? word : line + ' ' + word;
    if (fonts.width(font, size, candidate) <= width) {
      line = std::move(candidate);
      continue;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    line.clear();
    while (fonts.width(font, size, word) > width && word.size() > 1) {  // cut a too-long word
      std::size_t n = word.size() - 1;
      while (n > 1 && fonts.width(font, size, word.substr(0, n)) > width) --n;
      lines.push_back(word.substr(0, n));
      word.erase(0, n);
    }
    line = std::move(word);
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

// Text that must hold in `width`: at `size`, else smaller down to `min_size`, else cut with an
// ellipsis. Returns the size used; `text` is cut in place.
float fit(const Fonts& fonts, int font, float size, float min_size, std::string& text,
          float width) {
  float w = fonts.width(font, size, text);
  if (w <= width) return size;
  float smaller = std::max(min_size, std::floor(size * width / w * 4) / 4);
  if (fonts.width(font, smaller, text) <= width) return smaller;
  const std::string ellipsis = "\x85";
  while (!text.empty() && fonts.width(font, min_size, text + ellipsis) > width) text.pop_back();
  while (!text.empty() && text.back() == ' ') text.pop_back();
  text += ellipsis;
  return min_size;
}

// What is the same on every page, placed once per document.
struct Layout {
  std::vector<Run> runs;
  float code_x, code_y;              // the code's baseline
  float qr_x, qr_y, qr_size;         // the QR code's square (bottom-left corner, side)
  float box_x, box_y, box_w, box_h;  // the frame around the answer
};

Layout lay_out(const Fonts& fonts, const Letterhead& head) {
  Layout l;
  auto add = [&](int font, float size, float x, float y, const std::string& utf8) {
    l.runs.push_back({font, size, x, y, to_cp1252(utf8)});
  };
  // Letterhead.
  add(bold, 18, kLeft, top(mm(22)), head.city);
  add(regular, 11, kLeft, top(mm(28)), head.assembly);
  float y = mm(35);
  for (const auto& line : head.sender_lines) {
    std::string text = to_cp1252(line);
    float size = fit(fonts, regular, 8, 6, text, mm(80));
    l.runs.push_back({regular, size, kLeft, top(y), text});
    y += mm(3.5);
  }
  // Date, right-aligned under the window.
  {
    std::string text = to_cp1252(head.date_line);
    l.runs.push_back({regular, 10, kRight - fonts.width(regular, 10, text), top(mm(100)), text});
  }
  // Subject, salutation, paragraphs.
  const float body = 10, leading = 12.6f, gap = 5;
  y = mm(110);
  auto paragraph = [&](int font, const std::string& utf8) {
    for (auto& line : wrap(fonts, font, body, to_cp1252(fill_in(utf8, head)), kTextW)) {
      l.runs.push_back({font, body, kLeft, top(y), std::move(line)});
      y += leading;
    }
    y += gap;
  };
  paragraph(bold, head.subject);
  y += gap;
  paragraph(regular, head.salutation);
  for (const auto& p : head.paragraphs) paragraph(regular, p);
  // The answer: a frame with how to answer and the code on the left, the QR code on the right.
  l.qr_size = mm(28);
  l.box_x = kLeft;
  l.box_w = kTextW;
  l.box_h = l.qr_size + mm(8);
  float box_top = y;
  l.box_y = top(box_top + l.box_h);
  l.qr_x = kRight - mm(4) - l.qr_size;
  l.qr_y = l.box_y + mm(4);
  float text_w = l.qr_x - mm(4) - (kLeft + mm(5));
  float ty = box_top + mm(8);
  for (std::size_t i = 0; i < head.how_to_answer.size(); ++i) {
    std::string text = to_cp1252(fill_in(head.how_to_answer[i], head));
    int font = i == 0 ? bold : regular;
    float size = fit(fonts, font, body, 7, text, text_w);
    l.runs.push_back({font, size, kLeft + mm(5), top(ty), text});
    ty += leading;
    if (i == 1) {  // the code, big, after the line that announces it
      ty += mm(9);
      l.code_x = kLeft + mm(12);
      l.code_y = top(ty - mm(1));
      ty += mm(3);
    }
  }
  y = box_top + l.box_h + mm(7);
  for (const auto& p : head.closing) paragraph(regular, p);
  // The signatory, on the right.
  y += gap;
  for (std::size_t i = 0; i < head.signatory.size(); ++i) {
    std::string text = to_cp1252(head.signatory[i]);
    float size = fit(fonts, i + 1 == head.signatory.size() ? bold : regular, body, 7, text,
                     kRight - mm(105));
    l.runs.push_back(
        {i + 1 == head.signatory.size() ? bold : regular, size, mm(105), top(y), text});
    y += leading;
  }
  // The legal mention at the foot of the page.
  const float small = 7, small_leading = 8.6f;
  auto legal = wrap(fonts, regular, small, to_cp1252(head.legal), kTextW);
  float legal_top = kPageH - mm(10) - small_leading * static_cast<float>(legal.size());
  if (y + mm(2) > legal_top)
    throw std::invalid_argument("the letter's text does not fit on one A4 page: shorten it");
  float ly = legal_top + small;
  for (auto& line : legal) {
    l.runs.push_back({regular, small, kLeft, top(ly), std::move(line)});
    ly += small_leading;
  }
  return l;
}

struct QrDeleter {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

std::unique_ptr<QRcode, QrDeleter> encode(const std::string& url) {
  errno = 0;
  std::unique_ptr<QRcode, QrDeleter> qr(
      QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) {
    throw std::runtime_error(std::string("QR code of the answer address failed: ") +
                             (errno == ERANGE ? "the address is too long" : std::strerror(errno)));
  }
  return qr;
}

void draw_qr(HPDF_Doc pdf, HPDF_Page page, const Layout& l, const std::string& url, QrStyle style) {
  if (url.empty()) return;
  auto qr = encode(url);
  const int w = qr->width;
  auto dark = [&](int r, int c) { return (qr->data[r * w + c] & 1) != 0; };
  if (style == QrStyle::vector) {
    // One rectangle per run of dark modules in a row, all in one path filled once: no seams.
    const float m = std::floor(l.qr_size / static_cast<float>(w) * 100) / 100;
    const float x0 = l.qr_x + (l.qr_size - m * static_cast<float>(w)) / 2;
    const float y0 = l.qr_y + (l.qr_size + m * static_cast<float>(w)) / 2;  // top edge
    for (int r = 0; r < w; ++r) {
      for (int c = 0; c < w;) {
        if (!dark(r, c)) {
          ++c;
          continue;
        }
        int start = c;
        while (c < w && dark(r, c)) ++c;
        HPDF_Page_Rectangle(page, x0 + m * static_cast<float>(start),
                            y0 - m * static_cast<float>(r + 1), m * static_cast<float>(c - start),
                            m);
      }
    }
    HPDF_Page_Fill(page);
    return;
  }
  // A 1-bit grey image, rows padded to whole bytes by the quiet zone (libharu sizes a 1-bit raw
  // image as width × height / 8 bytes, so the width is made a multiple of 8).
  const int side = (w + 8 + 7) / 8 * 8, offset = (side - w) / 2, row = side / 8;
  std::vector<HPDF_BYTE> bits(static_cast<std::size_t>(row * side), 0xFF);
  for (int r = 0; r < w; ++r)
    for (int c = 0; c < w; ++c)
      if (dark(r, c)) {
        int x = c + offset;
        bits[static_cast<std::size_t>((r + offset) * row + x / 8)] &=
            static_cast<HPDF_BYTE>(~(0x80 >> (x % 8)));
      }
  HPDF_Image image = HPDF_LoadRawImageFromMem(pdf, bits.data(), static_cast<HPDF_UINT>(side),
                                              static_cast<HPDF_UINT>(side), HPDF_CS_DEVICE_GRAY, 1);
  if (!image) return;  // the error is recorded; the caller's check() throws
  const float m = l.qr_size / static_cast<float>(w);
  const float s = m * static_cast<float>(side);
  HPDF_Page_DrawImage(page, image, l.qr_x - m * static_cast<float>(offset),
                      l.qr_y - m * static_cast<float>(offset), s, s);
}

void draw_page(HPDF_Doc pdf, const Fonts& fonts, const Layout& l, const Letter& letter,
               QrStyle style) {
  HPDF_Page page = HPDF_AddPage(pdf);
  if (!page) return;
  HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  // Fold marks (DL: the sheet folded in three).
  HPDF_Page_SetLineWidth(page, 0.5f);
  HPDF_Page_SetGrayStroke(page, 0.6f);
  HPDF_Page_MoveTo(page, mm(3), top(mm(99)));
  HPDF_Page_LineTo(page, mm(8), top(mm(99)));
  HPDF_Page_MoveTo(page, mm(3), top(mm(198)));
  HPDF_Page_LineTo(page, mm(8), top(mm(198)));
  HPDF_Page_Stroke(page);

  HPDF_Page_BeginText(page);
  int font = -1;
  float size = 0;
  auto show = [&](int f, float s, float x, float y, const std::string& text) {
    if (text.empty()) return;
    if (f != font || s != size) HPDF_Page_SetFontAndSize(page, fonts.f[f], s);
    font = f;
    size = s;
    HPDF_Page_TextOut(page, x, y, text.c_str());
  };
  for (const auto& r : l.runs) show(r.font, r.size, r.x, r.y, r.text);
  // The address block, in the window: the name, then the address (at most 6 lines: when there
  // are more, the first ones and the last, the postcode and city, are kept).
  std::vector<std::string> lines{to_cp1252(letter.name)};
  const auto& address = letter.address_lines;
  for (std::size_t i = 0; i < address.size(); ++i) {
    if (address.size() > kAddressLines - 1 && i >= kAddressLines - 2 && i + 1 < address.size())
      continue;
    lines.push_back(to_cp1252(address[i]));
  }
  float y = top(kWindowTop) - 10;
  const float leading = std::min(12.5f, (kWindowH - 10) / static_cast<float>(lines.size()));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    int f = i == 0 ? bold : regular;
    float s = fit(fonts, f, 10.5f, 7, lines[i], kWindowW);
    show(f, s, kWindowX, y, lines[i]);
    y -= leading;
  }
  // The code, big.
  std::string code = to_cp1252(letter.code);
  float code_size = fit(fonts, courier_bold, 24, 10, code, l.qr_x - mm(8) - l.code_x);
  show(courier_bold, code_size, l.code_x, l.code_y, code);
  HPDF_Page_EndText(page);

  HPDF_Page_SetGrayFill(page, 0);
  draw_qr(pdf, page, l, letter.answer_url, style);
  // The answer's frame, last: the QR image's white quiet zone does not cover it.
  HPDF_Page_SetLineWidth(page, 1);
  HPDF_Page_SetRGBStroke(page, 0.0f, 0.133f, 0.4f);
  HPDF_Page_Rectangle(page, l.box_x, l.box_y, l.box_w, l.box_h);
  HPDF_Page_Stroke(page);
}

std::string render_range(const Letter* begin, const Letter* end, const Letterhead& head,
                         const std::function<void(std::size_t)>& progress, std::size_t done_before,
                         Options options) {
  Document doc;
  HPDF_Doc pdf = doc.get();
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "assembly notifications (letters)");
  HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, "Invitations");
  Fonts fonts(pdf);
  doc.check();
  Layout layout = lay_out(fonts, head);
  std::size_t done = done_before;
  for (const Letter* letter = begin; letter != end; ++letter) {
    draw_page(pdf, fonts, layout, *letter, options.qr);
    doc.check();
    if (progress) progress(++done);
  }
  HPDF_SaveToStream(pdf);
  doc.check();
  HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
  std::string bytes(size, '\0');
  HPDF_UINT32 read = size;
  if (size > 0) HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
  doc.forget_end_of_stream();
  doc.check();
  if (read != size) throw std::runtime_error("PDF rendering failed: the document was cut short");
  return bytes;
}

}  // namespace

std::string render(const std::vector<Letter>& letters, const Letterhead& head,
                   std::function<void(std::size_t done)> progress, Options options) {
  if (letters.empty()) throw std::invalid_argument("no letters to render");
  return render_range(letters.data(), letters.data() + letters.size(), head, progress, 0, options);
}

void for_each_batch(const std::vector<Letter>& letters, const Letterhead& head,
                    std::size_t batch_size,
                    const std::function<void(std::size_t index, std::string&& pdf)>& on_file,
                    std::function<void(std::size_t done)> progress, Options options) {
  if (batch_size == 0) throw std::invalid_argument("batch size must be at least 1");
  std::size_t index = 0;
  for (std::size_t from = 0; from < letters.size(); from += batch_size) {
    std::size_t to = std::min(letters.size(), from + batch_size);
    on_file(index++, render_range(letters.data() + from, letters.data() + to, head, progress, from,
                                  options));
  }
}

std::vector<std::string> render_batches(const std::vector<Letter>& letters, const Letterhead& head,
                                        std::size_t batch_size,
                                        std::function<void(std::size_t done)> progress,
                                        Options options) {
  std::vector<std::string> files;
  for_each_batch(
      letters, head, batch_size,
      [&](std::size_t, std::string&& pdf) { files.push_back(std::move(pdf)); }, progress, options);
  return files;
}

}  // namespace notifications::letters
