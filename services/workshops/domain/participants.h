#pragma once
// Participants of a session beside the members: named staff of the city's departments and
// representatives of elected officials, at co-construction sessions and plenaries. Pure domain:
// no HTTP, SQL or Kafka. Refusals are assembly::core::Refused.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/sessions.h"

namespace workshops::domain {

enum class ParticipantKind { department, elected_representative };
std::optional<ParticipantKind> parse_participant_kind(std::string_view s);
std::string_view to_string(ParticipantKind k);  // "department", "elected-representative"

// Who is already on the session (kind, name, organisation).
struct ParticipantKey {
  ParticipantKind kind = ParticipantKind::department;
  std::string name, organisation;
};

// Refuses a participant for a session of this type and state (co-construction sessions and
// plenaries only, not a cancelled one: 409) or already on it (the same kind, name and
// organisation, letter case and surrounding spaces aside: 409).
void check_participant(SessionType type, SessionState state, const ParticipantKey& p,
                       const std::vector<ParticipantKey>& present);

// Why a participant's attendance cannot be recorded (a cancelled session, a status other than
// present, excused or absent), or nullopt.
std::optional<std::string> refuse_participant_attendance(SessionState state,
                                                         std::string_view status);

// Attendance figures of one group (members or participants).
struct AttendanceCount {
  int present = 0, excused = 0, absent = 0;
};
AttendanceCount count_statuses(const std::vector<std::string>& statuses);

}  // namespace workshops::domain
