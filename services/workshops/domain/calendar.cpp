#include "domain/calendar.h"

namespace workshops::domain {

namespace {

// "2022-01-10T18:00:00Z" -> "20220110T180000Z"
std::string ics_time(const std::string& rfc3339) {
  std::string out;
  for (char c : rfc3339.substr(0, 19))
    if (c != '-' && c != ':') out += c;
  return out + "Z";
}

}  // namespace

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

std::string render_calendar(const std::string& name, const std::vector<CalendarEvent>& events,
                            const std::string& stamp) {
  std::string out =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Assemblee "
      "citoyenne//workshops//FR\r\nCALSCALE:GREGORIAN\r\n";
  out += ics_fold("X-WR-CALNAME:" + ics_escape(name));
  for (const auto& e : events) {
    out += "BEGIN:VEVENT\r\n";
    out += ics_fold("UID:" + e.uid + "@workshops.assembly");
    out += "DTSTAMP:" + ics_time(stamp) + "\r\n";
    out += "DTSTART:" + ics_time(e.starts_at) + "\r\n";
    out += "DTEND:" + ics_time(e.ends_at) + "\r\n";
    out += "SEQUENCE:" + std::to_string(e.sequence) + "\r\n";
    out += ics_fold("SUMMARY:" + ics_escape(e.summary));
    if (!e.location.empty()) out += ics_fold("LOCATION:" + ics_escape(e.location));
    if (!e.description.empty()) out += ics_fold("DESCRIPTION:" + ics_escape(e.description));
    out += std::string("STATUS:") + (e.status == "cancelled" ? "CANCELLED" : "CONFIRMED") + "\r\n";
    out += "END:VEVENT\r\n";
  }
  return out + "END:VCALENDAR\r\n";
}

}  // namespace workshops::domain
