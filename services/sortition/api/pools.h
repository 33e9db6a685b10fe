#pragma once
#include <cstddef>
#include <memory>
#include <string>

#include "assembly/service/service.h"
#include "imports/pool_import.h"

namespace sortition::api {
// How pool snapshots are made: at most `at_once` at a time (built or being sent; beyond, 503
// with Retry-After), each in a temporary file in `dir`.
struct SnapshotOptions {
  std::size_t at_once = 2;
  int retry_after_seconds = 10;
  std::string dir = "/tmp";
};

// Pools and their imports: POST/GET /v1/pools, GET /v1/pools/:id, GET /v1/pools/:id/snapshot,
// GET/DELETE /v1/pool-imports/:id, PUT /v1/pool-imports/:id/parts/:n, POST
// /v1/pool-imports/:id/complete.
void add_pool_routes(assembly::service::Context& ctx,
                     std::shared_ptr<imports::PoolImporter> importer,
                     const SnapshotOptions& snapshots);

// Today in UTC, YYYY-MM-DD.
std::string today_utc();
}  // namespace sortition::api
