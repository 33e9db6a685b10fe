#pragma once
// Motion use cases: the secretariat drafts the text, spokespersons and carried recommendations
// (SpokespersonsAssigned), then sends an adopted motion to the Council (MotionSentToCouncil). They
// throw assembly::core::Refused; no HTTP here.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/events/outbox.h"

namespace recommendations::app {

struct MotionDraft {
  std::string id, title, text;
  std::vector<std::string> spokespersons;       // active members of the assembly
  std::vector<std::string> recommendation_ids;  // the workshop's, in co-construction
  std::string by;                               // the secretariat's member of staff
};
void set_motion_text(pqxx::work& tx, const assembly::events::Outbox& outbox, const MotionDraft& d);

void send_to_council(pqxx::work& tx, const assembly::events::Outbox& outbox, const std::string& id,
                     const std::string& actor);

}  // namespace recommendations::app
