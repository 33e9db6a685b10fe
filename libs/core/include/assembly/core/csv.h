#pragma once
// CSV as every export of the suite writes it (RFC 4180): one writer, so every file defuses
// spreadsheet formulas the same way.
// - A text cell that a spreadsheet would read as a formula or a command (it starts with
//   = + - @, a tab or a carriage return) gets a leading apostrophe: it shows as text. So does
//   one that starts with apostrophes before such a character ("'=1"), so that the reader, which
//   takes that one apostrophe off, gives back the text as it was.
// - A cell is quoted when it holds a comma, a quote, CR or LF, or starts or ends with a space or
//   a tab (or always, for a file whose readers expect every cell quoted); quotes are doubled.
// Numbers the program writes itself (counts, ids it made) are not text cells: write them as
// they are.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assembly::core {

enum class CsvQuote { when_needed, always };

std::string csv_text(std::string_view text, CsvQuote quote = CsvQuote::when_needed);

// The reverse, for a file the suite wrote (an export read by another service): the rows of
// `text` (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; CRLF or LF
// between rows; a last line break or none), each a list of cells as written, the apostrophe that
// defused a formula taken off again. nullopt when a quoted cell is not closed or a quote stands
// inside an unquoted cell, with `error` saying where (line and cell, 1-based).
std::optional<std::vector<std::vector<std::string>>> csv_rows(std::string_view text,
                                                              std::string* error = nullptr);

}  // namespace assembly::core
