#pragma once
// PostgreSQL array literals for batch statements (`INSERT ... SELECT * FROM unnest($1::text[],
// $2::int[])`): one statement for many rows instead of one round trip per row. libpqxx 6.4 has
// no array parameters, so the arrays travel as their text form.
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace assembly::db {

// {"a","b"}: every element quoted, with '"' and '\' escaped.
inline std::string text_array(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

template <typename Int>
std::string int_array(const std::vector<Int>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "," : "") + std::to_string(values[i]);
  return out + "}";
}

// Doubles written so that they read back exactly; NULL for an empty optional.
inline std::string float8_array(const std::vector<std::optional<double>>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    if (!values[i]) {
      out += "NULL";
      continue;
    }
    char b[32];
    std::snprintf(b, sizeof b, "%.17g", *values[i]);
    out += b;
  }
  return out + "}";
}

}  // namespace assembly::db
