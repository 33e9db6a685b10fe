#pragma once
#include <memory>

#include "assembly/service/service.h"
#include "imports/pool_import.h"

namespace sortition::api {
// Pools and their imports: POST/GET /v1/pools, GET /v1/pools/:id, GET /v1/pools/:id/snapshot,
// GET/DELETE /v1/pool-imports/:id, PUT /v1/pool-imports/:id/parts/:n, POST
// /v1/pool-imports/:id/complete.
void add_pool_routes(assembly::service::Context& ctx,
                     std::shared_ptr<imports::PoolImporter> importer);

// Today in UTC, YYYY-MM-DD.
std::string today_utc();
}  // namespace sortition::api
