#include "domain/calendar.h"

#include "assembly/core/icalendar.h"

namespace workshops::domain {

using assembly::core::ics_time;

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
