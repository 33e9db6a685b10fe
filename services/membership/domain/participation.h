#pragma once
// Participation from attendance: each member's rate overall and per session type, and who is at
// risk of dropping out. Pure domain: no HTTP, SQL or Kafka here.
//
// Rate = sessions present / sessions recorded (an excused absence is still an absence from the
// work). At risk = the member's most recent N sessions were all unexcused absences: a member who
// excused themself got in touch, so an excused session ends the streak.
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace membership::domain {

struct AttendanceRecord {
  std::string member_id;
  std::string
      session_type;     // working-session, hearing, site-visit, training, plenary, co-construction
  std::string status;   // present | excused | absent
  std::string held_at;  // RFC 3339 UTC: orders the sessions
  std::string session_id{};
};

struct Counts {
  int present = 0, excused = 0, absent = 0;
  int sessions() const { return present + excused + absent; }
  double rate() const { return sessions() == 0 ? 0.0 : static_cast<double>(present) / sessions(); }
};

struct Participation {
  Counts overall;
  std::map<std::string, Counts> by_type;
  int trailing_absences = 0;  // unexcused absences in a row, counting back from the latest session
};

// One session's attendance: what the console's participation dashboard shows per session.
struct SessionAttendance {
  std::string session_id, session_type, held_at;
  Counts counts;
};

// Per session, in the order they were held (then by id). Records need not be sorted.
std::vector<SessionAttendance> by_session(const std::vector<AttendanceRecord>& records);

// Attendance summed by workshop: the overall counts of each of `members` (member id, workshop
// theme; "" for none) that has a participation, under their workshop. The one way the figure is
// made, for the participation route and the metrics alike.
std::map<std::string, Counts> by_workshop(
    const std::map<std::string, Participation>& per_member,
    const std::vector<std::pair<std::string, std::string>>& members);

// Per member id. Records need not be sorted.
std::map<std::string, Participation> participation(std::vector<AttendanceRecord> records);
inline bool at_risk(const Participation& p, int absences_in_a_row) {
  return p.trailing_absences >= absences_in_a_row;
}

}  // namespace membership::domain
