#pragma once
// iCalendar (RFC 5545) content lines, the same wherever the suite writes a calendar: the
// workshops' feeds and the sessions the notifications service attaches to its e-mails.
#include <string>

namespace assembly::core {

// Text escaped for an iCalendar value (backslash, semicolon, comma, newline).
std::string ics_escape(const std::string& text);
// A content line folded at 75 octets (continuations start with a space), never inside a UTF-8
// sequence, with its CRLF.
std::string ics_fold(const std::string& line);
// "2022-01-10T18:00:00Z" -> "20220110T180000Z".
std::string ics_time(const std::string& rfc3339);

}  // namespace assembly::core
