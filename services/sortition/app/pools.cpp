#include "app/pools.h"

#include "assembly/core/refusal.h"
#include "domain/invitation.h"
#include "domain/states.h"
#include "imports/pool_import.h"
#include "store/pools.h"

namespace sortition::app {

std::string pool_snapshot(pqxx::transaction_base& tx, const std::string& pool_id) {
  auto pool = imports::PoolImporter::find_pool(tx, pool_id);
  if (!pool) throw assembly::core::not_found("no pool " + pool_id);
  if (domain::parse_pool_state(pool->state) != domain::PoolState::ready)
    throw assembly::core::conflict("the pool is " + pool->state + ", not ready");
  std::string csv = std::string(domain::kSnapshotHeader) + "\n";
  store::append_snapshot_lines(tx, pool_id, csv);
  return csv;
}

}  // namespace sortition::app
