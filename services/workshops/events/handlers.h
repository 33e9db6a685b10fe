#pragma once
#include "assembly/service/service.h"

namespace workshops::events {
// MemberAssigned (membership) -> the workshop (WorkshopOpened when new) and its roster
// (WorkshopMemberJoined).
void add_handlers(assembly::service::Context& ctx);
}  // namespace workshops::events
