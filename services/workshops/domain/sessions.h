#pragma once
// Sessions and the rules of attendance. Pure domain: no HTTP, SQL or Kafka here.
//
// A session is scheduled, then held or cancelled; a scheduled session can be rescheduled (its
// earlier times are kept in its history). Attendance is taken only for a session that is not
// cancelled, only for a member on the roster that day (for a plenary: on any roster of the
// assembly), and only as present, excused or absent.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace workshops::domain {

inline const std::vector<std::string>& session_types() {
  static const std::vector<std::string> types = {"working-session", "hearing", "site-visit",
                                                 "training",        "plenary", "co-construction"};
  return types;
}
bool is_session_type(std::string_view type);
enum class SessionType { working_session, hearing, site_visit, training, plenary, co_construction };
std::optional<SessionType> parse_session_type(std::string_view s);  // "working-session", ...
std::string_view to_string(SessionType t);

inline const std::vector<std::string>& attendance_statuses() {
  static const std::vector<std::string> s = {"present", "excused", "absent"};
  return s;
}
bool is_attendance_status(std::string_view status);

// Session states: scheduled -> held | cancelled.
enum class SessionState { scheduled, held, cancelled };
std::optional<SessionState> parse_session_state(std::string_view s);
std::string_view to_string(SessionState s);
enum class SessionChange { reschedule, cancel, hold };
// Why the change is refused in this state, or nullopt when it is allowed.
std::optional<std::string> refuse_change(std::string_view state, SessionChange change);
inline std::optional<std::string> refuse_change(SessionState state, SessionChange change) {
  return refuse_change(to_string(state), change);
}

// A member's time on a workshop's roster: [joined_on, left_on], dates "YYYY-MM-DD"; left_on ""
// while still on it.
struct RosterPeriod {
  std::string joined_on, left_on;
};
// Whether a member with these periods was on the roster on `day` ("YYYY-MM-DD").
bool on_roster(const std::vector<RosterPeriod>& periods, std::string_view day);

// Why attendance cannot be recorded, or nullopt. `session_day` is the session's date.
std::optional<std::string> refuse_attendance(std::string_view session_state,
                                             std::string_view status,
                                             const std::vector<RosterPeriod>& periods,
                                             std::string_view session_day);

// Whether a record is a correction that lacks its reason: the member has a status already
// (`current`), the new one differs, and `reason` is blank. A first record needs none.
bool correction_lacks_reason(const std::optional<std::string>& current, std::string_view status,
                             std::string_view reason);

// A check-in code of 6 characters from an alphabet without look-alikes (0/O, 1/I/L).
std::string checkin_code(const unsigned char random_bytes[6]);

}  // namespace workshops::domain
