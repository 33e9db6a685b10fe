#pragma once
#include "assembly/service/service.h"

namespace sortition::api {
// POST /v1/panel-draws, GET /v1/panel-draws, GET /v1/panel-draws/:id
void add_routes(assembly::service::Context& ctx);
}  // namespace sortition::api
