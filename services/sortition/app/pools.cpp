#include "app/pools.h"

#include "assembly/core/refusal.h"
#include "domain/invitation.h"
#include "domain/states.h"
#include "imports/personal_data.h"
#include "imports/pool_import.h"
#include "store/pools.h"

namespace sortition::app {

void pool_snapshot(pqxx::transaction_base& tx, const std::string& pool_id,
                   const std::function<void(std::string_view)>& out) {
  auto pool = imports::PoolImporter::find_pool(tx, pool_id);
  if (!pool) throw assembly::core::not_found("no pool " + pool_id);
  if (domain::parse_pool_state(pool->state) != domain::PoolState::ready)
    throw assembly::core::conflict("the pool is " + pool->state + ", not ready");
  out(std::string(domain::kSnapshotHeader) + "\n");
  store::for_each_snapshot_line(tx, pool_id, out);
}

imports::PoolRow set_mandate_end(pqxx::work& tx, const std::string& pool_id,
                                 const std::string& mandate_end, int retention_days) {
  if (!imports::PoolImporter::find_pool(tx, pool_id))
    throw assembly::core::not_found("no pool " + pool_id);
  if (!store::set_mandate_end(tx, pool_id, mandate_end, retention_days))
    throw assembly::core::conflict("the pool's personal data was erased at its retention date");
  return *imports::PoolImporter::find_pool(tx, pool_id);
}

std::optional<store::PoolErasure> erase_pool(pqxx::work& tx, const std::string& pool_id) {
  if (!store::lock_if_due(tx, pool_id)) return std::nullopt;
  return store::erase_personal_data(tx, pool_id, imports::PoolImporter::partition_of(pool_id));
}

assembly::service::SealedColumn sealed_pool_people() {
  return {"pool_people.pii", store::people_to_reseal, store::reseal_person, store::people_not_under,
          [](const assembly::pii::Keyring& keyring, const assembly::service::SealedRow& row) {
            return imports::reseal_personal_data(keyring, row.key[0], std::stoll(row.key[1]),
                                                 row.sealed);
          }};
}

}  // namespace sortition::app
