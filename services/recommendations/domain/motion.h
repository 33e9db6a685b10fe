#pragma once
// A citizen motion (voeu citoyen): each workshop turns its recommendations into one motion, which
// its members vote and the Council debates. Pure domain: no HTTP, SQL or Kafka here.
#include <optional>
#include <string>

namespace recommendations::domain {

enum class MotionStatus { drafting, approved_by_workshop, voted, sent_to_council };

std::string to_string(MotionStatus s);
std::optional<MotionStatus> parse_status(const std::string& s);
// Which moves are allowed: drafting -> approved-by-workshop (the workshop's unanimous ballot on
// its last version) -> voted (the plenary) -> sent-to-council, nothing backwards.
bool can_move(MotionStatus from, MotionStatus to);

// A ballot of the whole assembly (no workshop) on a motion is the plenary vote of the motion: it
// names the plenary session where it is held (workshops owns the sessions; only the id is kept).
inline bool ballot_needs_plenary(const std::string& workshop, const std::string& motion_id) {
  return workshop.empty() && !motion_id.empty();
}

}  // namespace recommendations::domain
