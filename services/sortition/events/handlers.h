#pragma once
#include "assembly/service/service.h"

namespace sortition::events {
// membership's MemberDeclined / MemberWithdrew: the leaver is replaced from the reserve list with
// no one doing anything (once per event).
void add_handlers(assembly::service::Context& ctx);
}  // namespace sortition::events
