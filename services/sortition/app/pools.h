#pragma once
#include <pqxx/pqxx>
#include <string>

namespace sortition::app {
// The pseudonymous snapshot whose SHA-256 is the pool's snapshot_sha256 (header included):
// not_found, or conflict while the pool is not ready.
std::string pool_snapshot(pqxx::transaction_base& tx, const std::string& pool_id);
}  // namespace sortition::app
