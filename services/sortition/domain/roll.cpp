#include "domain/roll.h"

#include <algorithm>
#include <cctype>

namespace sortition::domain {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Splits one CSV line into fields; quoted fields are unescaped. False on a stray quote.
bool split_csv(std::string_view line, std::vector<std::string>& fields, std::string& why) {
  fields.clear();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::size_t i = 0;
  while (true) {
    std::string field;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        auto q = line.find('"', i);
        if (q == std::string_view::npos) {
          why = "unterminated quoted field";
          return false;
        }
        field.append(line.substr(i, q - i));
        i = q + 1;
        if (i < line.size() && line[i] == '"') {
          field.push_back('"');
          ++i;
          continue;
        }
        break;
      }
      if (i < line.size() && line[i] != ',') {
        why = "characters after a closing quote";
        return false;
      }
    } else {
      auto c = line.find(',', i);
      auto raw = line.substr(i, c == std::string_view::npos ? std::string_view::npos : c - i);
      if (raw.find('"') != std::string_view::npos) {
        why = "a quote inside an unquoted field";
        return false;
      }
      field.assign(raw);
      i = c == std::string_view::npos ? line.size() : c;
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) return true;
    ++i;  // the comma
    if (i == line.size()) {
      fields.emplace_back();
      return true;
    }
  }
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool valid_date(std::string_view d, int& year) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(d[i]))) return false;
  year = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
  int month = (d[5] - '0') * 10 + (d[6] - '0');
  int day = (d[8] - '0') * 10 + (d[9] - '0');
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  int max = days[month - 1] + (month == 2 && is_leap(year) ? 1 : 0);
  return day <= max;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    int extra;
    unsigned int cp;
    if ((*p & 0xE0) == 0xC0) {
      extra = 1;
      cp = *p & 0x1F;
    } else if ((*p & 0xF0) == 0xE0) {
      extra = 2;
      cp = *p & 0x0F;
    } else if ((*p & 0xF8) == 0xF0) {
      extra = 3;
      cp = *p & 0x07;
    } else {
      return false;
    }
    if (end - p <= extra) return false;
    for (int k = 1; k <= extra; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[k] & 0x3F);
    }
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    p += extra + 1;
  }
  return true;
}

std::string check_roll_header(std::string_view line) {
  if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  std::vector<std::string> fields;
  std::string why;
  if (!split_csv(line, fields, why)) return "header: " + why;
  std::string expected;
  for (auto c : kRollColumns) expected += (expected.empty() ? "" : ",") + std::string(c);
  if (fields.size() != kRollColumns.size())
    return "header has " + std::to_string(fields.size()) + " columns, expected " + expected;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::string f(trim(fields[i]));
    std::transform(f.begin(), f.end(), f.begin(), [](unsigned char c) { return std::tolower(c); });
    if (f != kRollColumns[i])
      return "header column " + std::to_string(i + 1) + " is \"" + f + "\", expected \"" +
             std::string(kRollColumns[i]) + "\" (" + expected + ")";
  }
  return {};
}

bool parse_roll_line(std::string_view line, long line_no, std::string_view as_of, RollRow& out,
                     LineError& error) {
  auto fail = [&](std::string column, std::string reason) {
    error = {line_no, std::move(column), std::move(reason)};
    return false;
  };
  if (!valid_utf8(line)) return fail("", "not valid UTF-8");
  thread_local std::vector<std::string> f;
  std::string why;
  if (!split_csv(line, f, why)) return fail("", why);
  if (f.size() != kRollColumns.size())
    return fail(
        "", std::to_string(f.size()) + " columns, expected " + std::to_string(kRollColumns.size()));
  for (std::size_t i = 0; i < f.size(); ++i) {
    auto t = trim(f[i]);
    if (t.size() != f[i].size()) f[i] = std::string(t);
    if (f[i].empty()) return fail(std::string(kRollColumns[i]), "missing");
  }
  const auto& voter = f[0];
  if (voter.size() > 32) return fail("voter_id", "longer than 32 characters");
  for (unsigned char c : voter)
    if (!std::isalnum(c) && c != '-')
      return fail("voter_id", "only letters, digits and '-' are allowed");
  if (utf8_length(f[1]) > 100) return fail("last_name", "longer than 100 characters");
  if (utf8_length(f[2]) > 100) return fail("first_names", "longer than 100 characters");
  int year = 0;
  if (!valid_date(f[3], year)) return fail("birth_date", "is not a date (YYYY-MM-DD)");
  if (year < 1900 || std::string_view(f[3]) > as_of)
    return fail("birth_date", "is outside 1900-01-01 to " + std::string(as_of));
  if (f[4] != "F" && f[4] != "M" && f[4] != "X") return fail("sex", "is not F, M or X");
  if (utf8_length(f[5]) > 200) return fail("address", "longer than 200 characters");
  if (f[6].size() != 5 ||
      !std::all_of(f[6].begin(), f[6].end(), [](unsigned char c) { return std::isdigit(c); }))
    return fail("postcode", "is not 5 digits");
  if (utf8_length(f[7]) > 40) return fail("arrondissement", "longer than 40 characters");
  if (f[7].find_first_of(",\"") != std::string::npos)
    return fail("arrondissement", "must not contain a comma or a quote");
  out.voter_id = std::move(f[0]);
  out.last_name = std::move(f[1]);
  out.first_names = std::move(f[2]);
  out.birth_date = std::move(f[3]);
  out.sex = std::move(f[4]);
  out.address = std::move(f[5]);
  out.postcode = std::move(f[6]);
  out.arrondissement = std::move(f[7]);
  out.birth_year = year;
  return true;
}

}  // namespace sortition::domain
