#pragma once
#include "assembly/service/service.h"

namespace followup::api {
// GET /v1/dossiers (public), GET /v1/dossiers/:id (public): the transparency page's data
void add_routes(assembly::service::Context& ctx);
}  // namespace followup::api
