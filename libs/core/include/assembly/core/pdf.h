#pragma once
// A plain text as a PDF document, written without any library: A4 pages, the standard Helvetica
// fonts (nothing embedded) in WinAnsiEncoding so that French accents print, lines wrapped at word
// boundaries, as many pages as the text needs, each page numbered, a correct cross-reference
// table. Markdown headings ("# ...") print in bold, without their '#'.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace assembly::core {

// UTF-8 as Windows-1252 (the PDF's WinAnsiEncoding): Latin-1 letters, the euro sign, œ, Œ,
// typographic quotes and dashes, the ellipsis; a no-break space (U+00A0, U+202F) as 0xA0; a tab as
// a space; any other character as '?', control characters dropped.
std::string to_win_ansi(const std::string& utf8);

// The width, in points, of a WinAnsi text in Helvetica (or Helvetica-Bold when `bold`) at `size`.
double helvetica_width(const std::string& win_ansi, double size, bool bold = false);

// A WinAnsi line cut at spaces into lines no wider than `width` points (a word wider than that is
// cut where it must).
std::vector<std::string> wrap_line(const std::string& win_ansi, double width, double size,
                                   bool bold = false);

// The text (UTF-8, Markdown read as plain text) as a PDF: `title` in bold on the first page and in
// the document's information.
std::string text_pdf(const std::string& title, const std::string& utf8_text);
// The pages of a PDF (this writer's, libharu's), counted in its page objects ("/Type /Page", not
// "/Type /Pages"); enough for documents whose objects are not in compressed object streams.
std::size_t pdf_page_count(std::string_view pdf);

}  // namespace assembly::core
