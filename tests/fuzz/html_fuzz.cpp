// The HTML escaper (core::html_escape): its output holds none of < > " ' and every & begins one
// of the five references it writes; reading those back gives the text.
#include <string>

#include "assembly/core/html.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto html = assembly::core::html_escape(text);
  FUZZ_CHECK(html.find_first_of("<>\"'") == std::string::npos);
  static const std::pair<std::string_view, char> kRefs[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string back;
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] != '&') {
      back += html[i++];
      continue;
    }
    bool known = false;
    for (const auto& [ref, c] : kRefs) {
      if (std::string_view(html).substr(i, ref.size()) == ref) {
        back += c;
        i += ref.size();
        known = true;
        break;
      }
    }
    FUZZ_CHECK(known);
  }
  FUZZ_CHECK(back == text);
  return 0;
}
