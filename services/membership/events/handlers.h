#pragma once
#include "assembly/service/service.h"

namespace membership::events {
// PanelSelected and ReplacementDrawn (sortition) -> members; AttendanceRecorded (workshops) ->
// participation.
void add_handlers(assembly::service::Context& ctx, int retention_days);
}  // namespace membership::events
