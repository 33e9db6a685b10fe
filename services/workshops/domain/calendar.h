#pragma once
// iCalendar (RFC 5545) feeds: one VEVENT per session, so members see their sessions in the
// calendar they already use. Pure domain.
#include <string>
#include <vector>

#include "assembly/core/icalendar.h"

namespace workshops::domain {

struct CalendarEvent {
  std::string uid;        // stable: the session id
  std::string starts_at;  // RFC 3339 UTC "2022-01-10T18:00:00Z"
  std::string ends_at;
  std::string summary;      // "Audition — Environment"
  std::string location;     // place or online link
  std::string description;  // agenda
  std::string status;       // scheduled | held | cancelled
  int sequence = 0;         // grows with each reschedule, so calendars update the event
};

// A VCALENDAR with the events; `name` is the calendar's display name; `stamp` the DTSTAMP (UTC).
std::string render_calendar(const std::string& name, const std::vector<CalendarEvent>& events,
                            const std::string& stamp);
// The content lines' escaping and folding: libs/core (assembly/core/icalendar.h).
using assembly::core::ics_escape;
using assembly::core::ics_fold;

}  // namespace workshops::domain
