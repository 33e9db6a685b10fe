#pragma once
#include "assembly/service/service.h"

namespace followup::events {
// MotionOpened (recommendations) -> the motion's follow-up dossier -> DossierOpened; MotionAdopted
// and MotionSentToCouncil fill it in (the motion on the next Council session's agenda);
// RecommendationSubmitted gives the recommendations' titles and texts.
void add_handlers(assembly::service::Context& ctx);
}  // namespace followup::events
