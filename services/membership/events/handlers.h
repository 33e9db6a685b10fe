#pragma once
#include "assembly/service/service.h"

namespace membership::events {
// PanelSelected (sortition) -> members, each assigned to a workshop -> MemberAssigned.
void add_handlers(assembly::service::Context& ctx);
}  // namespace membership::events
