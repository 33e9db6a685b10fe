#pragma once
#include "assembly/service/service.h"

namespace sortition::workers {
// Erases, every POOL_RETENTION_CHECK_SECONDS, the personal data of the pools past their retention
// date (app::erase_pool), one pool per transaction.
void add_pool_retention_worker(assembly::service::Context& ctx);
}  // namespace sortition::workers
