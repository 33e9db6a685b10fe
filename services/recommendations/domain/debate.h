#pragma once
// The debate on a motion at the last plenary: the group presents its motion, people speak, then
// the assembly votes. Speakers are recorded by role; a name only with the speaker's consent. Pure
// domain: no HTTP, SQL or Kafka here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/motion.h"

namespace recommendations::domain {

// Who speaks: a member of the assembly, one of the motion's spokespersons, a city department, a
// representative of the elected officials, an elected official, an expert, the secretariat, or
// someone of the public.
enum class SpeakerRole {
  member,
  spokesperson,
  department,
  elected_representative,
  elected_official,
  expert,
  secretariat,
  public_
};
std::string_view to_string(SpeakerRole r);  // "member", "elected-representative", "public", ...
std::optional<SpeakerRole> parse_speaker_role(std::string_view s);
// Every role name, in order (for messages and documents).
std::string speaker_role_names();

// A speaker's name is recorded only when they agreed to it: a name without consent is refused;
// consent without a name records no name.
inline bool name_recordable(std::string_view name, bool name_consent) {
  return name.empty() || name_consent;
}

struct Speaker {
  SpeakerRole role = SpeakerRole::member;
  std::string name;     // "" when not given or not agreed
  std::string summary;  // what they said ("" for a presenter)
};

struct Debate {
  std::string motion_id, plenary_session_id;
  std::string presentation_summary;
  std::vector<Speaker> presenters;     // who presented the group's motion
  std::vector<Speaker> interventions;  // the debate, in order
  std::string summary;                 // the debate's summary
};

// The debate is recorded once the motion's text is final (approved by its workshop: the plenary
// debates it) and until it goes to the Council.
bool debate_recordable(MotionStatus s);

}  // namespace recommendations::domain
