#pragma once
#include "assembly/service/service.h"

namespace membership::api {
// GET /v1/members (secretariat), GET /v1/members/:id (secretariat, or that member)
void add_routes(assembly::service::Context& ctx);
}  // namespace membership::api
