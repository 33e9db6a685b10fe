#include "domain/motion.h"

#include "assembly/core/names.h"

namespace recommendations::domain {

namespace {
constexpr std::pair<MotionStatus, std::string_view> kStatuses[] = {
    {MotionStatus::drafting, "drafting"},
    {MotionStatus::approved_by_workshop, "approved-by-workshop"},
    {MotionStatus::voted, "voted"},
    {MotionStatus::sent_to_council, "sent-to-council"}};
}  // namespace

std::string to_string(MotionStatus s) {
  return std::string(assembly::core::name_of(kStatuses, s, "drafting"));
}

std::optional<MotionStatus> parse_status(const std::string& s) {
  return assembly::core::value_of(kStatuses, s);
}

bool can_move(MotionStatus from, MotionStatus to) {
  return static_cast<int>(to) == static_cast<int>(from) + 1;
}

}  // namespace recommendations::domain
