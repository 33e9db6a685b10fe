#pragma once
#include <memory>

#include "assembly/pii/pii.h"
#include "assembly/service/service.h"

namespace workshops::api {
// Phases, sessions (schedule, reschedule, cancel, hold, minutes, documents), attendance (in bulk
// by the secretariat, or a member's check-in) and the iCalendar feeds.
void add_session_routes(assembly::service::Context& ctx,
                        std::shared_ptr<assembly::pii::Keyring> keyring);
// A session's participants beside the members and their attendance; a plenary's decisions.
void add_participant_routes(assembly::service::Context& ctx);
// Priority axes, synthesis notebooks, mandates.
void add_document_routes(assembly::service::Context& ctx);
}  // namespace workshops::api
