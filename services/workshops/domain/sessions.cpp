#include "domain/sessions.h"

#include <algorithm>
#include <utility>

#include "assembly/core/names.h"

namespace workshops::domain {

bool is_session_type(std::string_view type) {
  const auto& t = session_types();
  return std::find(t.begin(), t.end(), type) != t.end();
}

namespace {
constexpr std::pair<SessionType, std::string_view> kTypes[] = {
    {SessionType::working_session, "working-session"},
    {SessionType::hearing, "hearing"},
    {SessionType::site_visit, "site-visit"},
    {SessionType::training, "training"},
    {SessionType::plenary, "plenary"},
    {SessionType::co_construction, "co-construction"}};
constexpr std::pair<SessionState, std::string_view> kStates[] = {
    {SessionState::scheduled, "scheduled"},
    {SessionState::held, "held"},
    {SessionState::cancelled, "cancelled"}};
}  // namespace

std::optional<SessionType> parse_session_type(std::string_view s) {
  return assembly::core::value_of(kTypes, s);
}

std::string_view to_string(SessionType t) {
  return assembly::core::name_of(kTypes, t, "working-session");
}

std::optional<SessionState> parse_session_state(std::string_view s) {
  return assembly::core::value_of(kStates, s);
}

std::string_view to_string(SessionState s) {
  return assembly::core::name_of(kStates, s, "scheduled");
}

bool is_attendance_status(std::string_view status) {
  const auto& s = attendance_statuses();
  return std::find(s.begin(), s.end(), status) != s.end();
}

std::optional<std::string> refuse_change(std::string_view state, SessionChange change) {
  if (state == "scheduled") return std::nullopt;
  const char* what = change == SessionChange::reschedule ? "rescheduled"
                     : change == SessionChange::cancel   ? "cancelled"
                                                         : "marked held";
  return "the session is " + std::string(state) + "; only a scheduled session can be " + what;
}

bool on_roster(const std::vector<RosterPeriod>& periods, std::string_view day) {
  return std::any_of(periods.begin(), periods.end(), [&](const RosterPeriod& p) {
    return p.joined_on <= day && (p.left_on.empty() || day <= p.left_on);
  });
}

std::optional<std::string> refuse_attendance(std::string_view session_state,
                                             std::string_view status,
                                             const std::vector<RosterPeriod>& periods,
                                             std::string_view session_day) {
  if (session_state == "cancelled")
    return std::string("the session was cancelled: it takes no attendance");
  if (!is_attendance_status(status))
    return "status must be present, excused or absent, not \"" + std::string(status) + "\"";
  if (!on_roster(periods, session_day))
    return "the member was not on the roster on " + std::string(session_day);
  return std::nullopt;
}

bool correction_lacks_reason(const std::optional<std::string>& current, std::string_view status,
                             std::string_view reason) {
  if (!current || *current == status) return false;
  return reason.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string checkin_code(const unsigned char random_bytes[6]) {
  static constexpr std::string_view alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";  // 31 signs
  std::string out;
  for (int i = 0; i < 6; ++i) out += alphabet[random_bytes[i] % alphabet.size()];
  return out;
}

}  // namespace workshops::domain
