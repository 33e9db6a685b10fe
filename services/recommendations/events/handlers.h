#pragma once
#include "assembly/service/service.h"

namespace recommendations::events {
// WorkshopOpened (workshops) -> the workshop's motion, drafting -> MotionOpened.
void add_handlers(assembly::service::Context& ctx);
}  // namespace recommendations::events
