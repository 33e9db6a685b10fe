#include "assembly/core/csv.h"

namespace assembly::core {
namespace {

bool starts_a_formula(std::string_view s) {
  if (s.empty()) return false;
  switch (s.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

bool needs_quotes(std::string_view s) {
  if (s.empty()) return false;
  if (s.front() == ' ' || s.back() == ' ' || s.front() == '\t' || s.back() == '\t') return true;
  return s.find_first_of(",\"\r\n") != std::string_view::npos;
}

// A formula behind apostrophes ("'=1", "''=1"): what the reader takes an apostrophe off. The
// writer puts one before it too, so that such a text reads back as written.
bool defused_formula(std::string_view s) {
  const auto first = s.find_first_not_of('\'');
  return first != std::string_view::npos && starts_a_formula(s.substr(first));
}

}  // namespace

std::string csv_text(std::string_view text, CsvQuote quote) {
  std::string v;
  v.reserve(text.size() + 3);
  if (defused_formula(text)) v.push_back('\'');
  v.append(text);
  if (quote == CsvQuote::when_needed && !needs_quotes(v)) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

namespace {

// A cell as written back to its text: the apostrophe csv_text put before a formula (or before
// apostrophes and a formula) taken off.
std::string undefused(std::string cell) {
  if (cell.size() >= 2 && cell.front() == '\'' && defused_formula(cell)) cell.erase(0, 1);
  return cell;
}

}  // namespace

std::optional<std::vector<std::vector<std::string>>> csv_rows(std::string_view text,
                                                              std::string* error) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  std::size_t line = 1, i = 0;
  auto fail = [&](const std::string& why) {
    if (error)
      *error =
          "line " + std::to_string(line) + ", cell " + std::to_string(row.size() + 1) + ": " + why;
    return std::nullopt;
  };
  const std::size_t n = text.size();
  while (i < n) {
    // One cell, from i.
    cell.clear();
    if (text[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        char c = text[i++];
        if (c == '"') {
          if (i < n && text[i] == '"') {
            cell.push_back('"');
            ++i;
            continue;
          }
          closed = true;
          break;
        }
        if (c == '\n') ++line;
        cell.push_back(c);
      }
      if (!closed) return fail("a quoted cell is not closed");
      if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
        return fail("text after a quoted cell's closing quote");
    } else {
      while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
        if (text[i] == '"') return fail("a quote inside a cell that is not quoted");
        cell.push_back(text[i++]);
      }
    }
    row.push_back(undefused(std::move(cell)));
    if (i >= n) break;
    if (text[i] == ',') {
      ++i;
      if (i == n) row.emplace_back();  // "a," ends with an empty cell
      continue;
    }
    // The end of a row: CRLF or LF (a lone CR too).
    if (text[i] == '\r') ++i;
    if (i < n && text[i] == '\n') ++i;
    ++line;
    rows.push_back(std::move(row));
    row.clear();
  }
  if (!row.empty()) rows.push_back(std::move(row));
  return rows;
}

}  // namespace assembly::core
