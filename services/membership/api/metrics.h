#pragma once
#include "assembly/service/service.h"

namespace membership::api {
// The dashboards' figures, read from the database every METRICS_REFRESH_SECONDS (so every replica
// reports the same): members by assembly, status, pool and workshop; declines; replacements;
// attendance by workshop; members at risk of dropping out.
void add_metrics(assembly::service::Context& ctx, int absences);
}  // namespace membership::api
