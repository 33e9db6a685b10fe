#pragma once
#include "assembly/service/service.h"

namespace notifications::events {

// Membership's members (the projection), the causes of messages (an invitation, a replacement,
// a follow-up report), contact details given (messages waiting for them go), and the erasure.
void add_handlers(assembly::service::Context& ctx);

}  // namespace notifications::events
