#pragma once
#include "assembly/service/service.h"

namespace membership::api {
// The cohorts (public) and each cohort's follow-up audience (secretariat).
void add_cohort_routes(assembly::service::Context& ctx);
}  // namespace membership::api
