#include "assembly/core/icalendar.h"

namespace assembly::core {

std::string ics_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

std::string ics_fold(const std::string& line) {
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t len = 1;  // the UTF-8 sequence starting here
    auto c = static_cast<unsigned char>(line[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    if (width + len > 75) {
      out += "\r\n ";
      width = 1;
    }
    out += line.substr(i, len);
    width += len;
    i += len;
  }
  return out + "\r\n";
}

std::string ics_time(const std::string& rfc3339) {
  std::string out;
  for (char c : rfc3339.substr(0, 19))
    if (c != '-' && c != ':') out += c;
  return out + "Z";
}

}  // namespace assembly::core
