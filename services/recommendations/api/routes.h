#pragma once
#include "assembly/service/service.h"

namespace recommendations::api {
// GET /v1/motions (public), GET /v1/motions/:id (public)
void add_routes(assembly::service::Context& ctx);
}  // namespace recommendations::api
