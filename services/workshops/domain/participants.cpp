#include "domain/participants.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "assembly/core/names.h"
#include "assembly/core/refusal.h"

namespace workshops::domain {
namespace core = assembly::core;

namespace {
constexpr std::pair<ParticipantKind, std::string_view> kKinds[] = {
    {ParticipantKind::department, "department"},
    {ParticipantKind::elected_representative, "elected-representative"}};

// Lower case (ASCII letters) without surrounding spaces: "  Mme Durand " is "mme durand".
std::string folded(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  std::string out = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::optional<ParticipantKind> parse_participant_kind(std::string_view s) {
  return core::value_of(kKinds, s);
}

std::string_view to_string(ParticipantKind k) {
  return core::name_of(kKinds, k, "department");
}

void check_participant(SessionType type, SessionState state, const ParticipantKey& p,
                       const std::vector<ParticipantKey>& present) {
  if (type != SessionType::co_construction && type != SessionType::plenary)
    throw core::conflict(
        "participants beside the members join co-construction sessions and "
        "plenaries only, not a " +
        std::string(to_string(type)));
  if (state == SessionState::cancelled)
    throw core::conflict("the session was cancelled: it takes no participants");
  const bool twice = std::any_of(present.begin(), present.end(), [&](const ParticipantKey& q) {
    return q.kind == p.kind && folded(q.name) == folded(p.name) &&
           folded(q.organisation) == folded(p.organisation);
  });
  if (twice) throw core::conflict(p.name + " (" + p.organisation + ") is on the session already");
}

std::optional<std::string> refuse_participant_attendance(SessionState state,
                                                         std::string_view status) {
  if (state == SessionState::cancelled)
    return std::string("the session was cancelled: it takes no attendance");
  if (!is_attendance_status(status))
    return "status must be present, excused or absent, not \"" + std::string(status) + "\"";
  return std::nullopt;
}

AttendanceCount count_statuses(const std::vector<std::string>& statuses) {
  AttendanceCount c;
  for (const auto& s : statuses) {
    if (s == "present") ++c.present;
    if (s == "excused") ++c.excused;
    if (s == "absent") ++c.absent;
  }
  return c;
}

}  // namespace workshops::domain
