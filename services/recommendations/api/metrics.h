#pragma once
#include "assembly/service/service.h"

namespace recommendations::api {
// Dashboard figures: recommendations by status and workshop, amendments, ballots, turnout.
void add_metrics(assembly::service::Context& ctx);
}  // namespace recommendations::api
