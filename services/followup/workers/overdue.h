#pragma once
#include "assembly/service/service.h"

namespace followup::workers {
// Looks for overdue reports and milestones every OVERDUE_CHECK_SECONDS (app::detect_overdue).
void add_overdue_worker(assembly::service::Context& ctx);
}  // namespace followup::workers
