#pragma once
// SQL for reading a pool's people (the pools and their imports are written by imports/).
#include <pqxx/pqxx>
#include <string>

namespace sortition::store {

// Appends the pool's pseudonymous snapshot lines ("person_id,sex,birth_year,arrondissement\n"),
// in import order, to `out`.
void append_snapshot_lines(pqxx::transaction_base& tx, const std::string& pool_id,
                           std::string& out);

}  // namespace sortition::store
