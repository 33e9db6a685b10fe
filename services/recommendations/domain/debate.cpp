#include "domain/debate.h"

#include <utility>

#include "assembly/core/names.h"

namespace recommendations::domain {

namespace {
constexpr std::pair<SpeakerRole, std::string_view> kRoles[] = {
    {SpeakerRole::member, "member"},
    {SpeakerRole::spokesperson, "spokesperson"},
    {SpeakerRole::department, "department"},
    {SpeakerRole::elected_representative, "elected-representative"},
    {SpeakerRole::elected_official, "elected-official"},
    {SpeakerRole::expert, "expert"},
    {SpeakerRole::secretariat, "secretariat"},
    {SpeakerRole::public_, "public"}};
}  // namespace

std::string_view to_string(SpeakerRole r) {
  return assembly::core::name_of(kRoles, r, "member");
}

std::optional<SpeakerRole> parse_speaker_role(std::string_view s) {
  return assembly::core::value_of(kRoles, s);
}

std::string speaker_role_names() {
  std::string out;
  for (const auto& [role, name] : kRoles) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

bool debate_recordable(MotionStatus s) {
  return s == MotionStatus::approved_by_workshop || s == MotionStatus::voted;
}

}  // namespace recommendations::domain
