#pragma once
// A PostgreSQL text[] literal ({"a","b"}), each element quoted: the parameter of one
// unnest($n::text[]) statement, in place of a round trip per row.
#include <string>
#include <vector>

namespace workshops::store {

inline std::string text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace workshops::store
