#pragma once
#include "assembly/service/service.h"

namespace followup::events {
// MotionOpened (recommendations) -> the motion's follow-up dossier -> DossierOpened.
void add_handlers(assembly::service::Context& ctx);
}  // namespace followup::events
