#pragma once
// A PostgreSQL array literal of texts ("{"a","b"}"), for one-statement batch writes:
// "INSERT ... SELECT * FROM unnest($1::text[], $2::int[])".
#include <string>
#include <vector>

namespace followup::store {

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

}  // namespace followup::store
