// The iCalendar writer (core/icalendar.h): an escaped value holds no line break and unescapes to
// the text (without its CRs); a folded content line is made of lines of at most 75 octets,
// continuations starting with a space, never cut inside a UTF-8 sequence, that unfold to the line.
#include <string>

#include "assembly/core/icalendar.h"
#include "fuzz_check.h"

using namespace assembly::core;

namespace {

bool continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::string unescape(const std::string& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\\') {
      out += v[i];
      continue;
    }
    FUZZ_CHECK(i + 1 < v.size());
    const char c = v[++i];
    FUZZ_CHECK(c == '\\' || c == ';' || c == ',' || c == 'n');
    out += c == 'n' ? '\n' : c;
  }
  return out;
}

void check_fold(const std::string& line, bool utf8_boundaries) {
  const auto folded = ics_fold(line);
  FUZZ_CHECK(folded.size() >= 2 && folded.compare(folded.size() - 2, 2, "\r\n") == 0);
  std::string unfolded;
  std::size_t start = 0;
  bool first = true;
  while (start < folded.size()) {
    const auto end = folded.find("\r\n", start);
    FUZZ_CHECK(end != std::string::npos);
    std::string part = folded.substr(start, end - start);
    FUZZ_CHECK(part.size() <= 75);
    if (!first) {
      FUZZ_CHECK(!part.empty() && part[0] == ' ');
      part.erase(0, 1);
      // A continuation never starts inside a UTF-8 sequence of a valid line.
      if (utf8_boundaries) FUZZ_CHECK(part.empty() || !continuation_byte(part[0]));
    }
    unfolded += part;
    start = end + 2;
    first = false;
  }
  FUZZ_CHECK(unfolded == line);
}

bool valid_utf8_lead_and_tails(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80             ? 1
                      : (c & 0xE0) == 0xC0 ? 2
                      : (c & 0xF0) == 0xE0 ? 3
                      : (c & 0xF8) == 0xF0 ? 4
                                           : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k)
      if (!continuation_byte(s[i + k])) return false;
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto escaped = ics_escape(text);
  FUZZ_CHECK(escaped.find_first_of("\r\n") == std::string::npos);
  std::string without_cr;
  for (char c : text)
    if (c != '\r') without_cr += c;
  FUZZ_CHECK(unescape(escaped) == without_cr);
  // A content line as the calendars write it: a property name and an escaped value.
  const auto line = "DESCRIPTION:" + escaped;
  check_fold(line, valid_utf8_lead_and_tails(line));
  (void)ics_time(text);
  return 0;
}
