#pragma once
#include "assembly/service/service.h"

namespace sortition::workers {
// The draw worker: claims a queued selection, computes it with no transaction open, reporting its
// progress (job status and log) and its heartbeat every second, then writes it. On stopping, the
// job goes back to the queue.
void add_selection_worker(assembly::service::Context& ctx);
}  // namespace sortition::workers
