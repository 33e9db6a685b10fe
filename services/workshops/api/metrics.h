#pragma once
#include "assembly/service/service.h"

namespace workshops::api {
// Dashboard figures, recomputed from the database.
void add_metrics(assembly::service::Context& ctx);
}  // namespace workshops::api
