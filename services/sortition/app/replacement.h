#pragma once
// Replacing someone who left a selection's panel: the first on the reserve list who keeps every
// quota given who is left (or the one leaving the least violation), ReplacementDrawn. Shared by
// the secretariat's route and membership's MemberDeclined / MemberWithdrew.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "assembly/events/outbox.h"

namespace sortition::app {

struct ReplacementRequest {
  std::string selection_id, leaver, reason;
  std::string actor;         // who asks: the secretariat's subject, or "membership"
  std::string source_event;  // the event asking for it ("" from the API): once per event
};

struct Replacement {
  std::string id;
  // False when the source event was handled already: only `id` is set then.
  bool drawn = true;
  std::string selection_id, leaver, replacement, reason, message;
  bool quotas_met = false;
};

// Throws core::Refused: no such selection (not_found), not done, past the deadline, the person
// already left, no one left to draw (conflict), the person not on the panel (invalid).
Replacement replace(pqxx::work& tx, const assembly::events::Outbox& outbox,
                    const ReplacementRequest& request);

}  // namespace sortition::app
