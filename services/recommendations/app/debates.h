#pragma once
// The debate on a motion at the last plenary, recorded by the secretariat
// beside the vote (MotionDebated, without names). They throw
// assembly::core::Refused; no HTTP here.
#include <pqxx/pqxx>
#include <string>

#include "assembly/events/outbox.h"
#include "domain/debate.h"
#include "store/debates.h"

namespace recommendations::app {

// Records (or replaces) the motion's debate; refused (404) without the motion,
// (409 naming the status) when the motion is not at that step.
store::StoredDebate record_debate(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                  const domain::Debate& d, const std::string& by);
// The motion's debate; refused (404) when the motion or its debate is missing.
store::StoredDebate must_find_debate(pqxx::transaction_base& tx, const std::string& motion_id);

}  // namespace recommendations::app
