#pragma once
// The events this service publishes, appended to the outbox in the caller's transaction.
#include <pqxx/pqxx>

#include "assembly/events/outbox.h"
#include "store/messages.h"

namespace notifications::events {

// AudienceReached: how far a follow-up report's messages reached (counts only).
void audience_reached(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const store::Reach& r);

}  // namespace notifications::events
