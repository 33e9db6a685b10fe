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

}  // namespace

std::string csv_text(std::string_view text, CsvQuote quote) {
  std::string v;
  v.reserve(text.size() + 3);
  if (starts_a_formula(text)) v.push_back('\'');
  v.append(text);
  if (quote == CsvQuote::when_needed && !needs_quotes(v)) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace assembly::core
