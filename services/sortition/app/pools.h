#pragma once
#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>

#include "assembly/service/reseal.h"
#include "imports/pool_import.h"
#include "store/pools.h"

namespace sortition::app {
// Writes the pseudonymous snapshot whose SHA-256 is the pool's snapshot_sha256 (header included)
// to `out`, a piece at a time: not_found, or conflict while the pool is not ready.
void pool_snapshot(pqxx::transaction_base& tx, const std::string& pool_id,
                   const std::function<void(std::string_view)>& out);

// Sets the end of the mandate the pool serves, from which its retention date follows (plus
// `retention_days`): not_found; conflict once its personal data is erased.
imports::PoolRow set_mandate_end(pqxx::work& tx, const std::string& pool_id,
                                 const std::string& mandate_end, int retention_days);

// Erases the personal data of a pool past its retention date (store::erase_personal_data);
// nothing when it is no longer due (its mandate end moved, or erased already).
std::optional<store::PoolErasure> erase_pool(pqxx::work& tx, const std::string& pool_id);
// The pools' sealed identities as a sealed column (`sortition --reseal` after a key rotation).
assembly::service::SealedColumn sealed_pool_people();

}  // namespace sortition::app
