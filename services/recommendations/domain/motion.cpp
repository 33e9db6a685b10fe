#include "domain/motion.h"

namespace recommendations::domain {

std::string to_string(MotionStatus s) {
  switch (s) {
    case MotionStatus::drafting:
      return "drafting";
    case MotionStatus::voted:
      return "voted";
    case MotionStatus::sent_to_council:
      return "sent-to-council";
  }
  return "drafting";
}

std::optional<MotionStatus> parse_status(const std::string& s) {
  for (auto st : {MotionStatus::drafting, MotionStatus::voted, MotionStatus::sent_to_council})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

bool can_move(MotionStatus from, MotionStatus to) {
  return static_cast<int>(to) == static_cast<int>(from) + 1;
}

}  // namespace recommendations::domain
