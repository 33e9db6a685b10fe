#include "store/motion_store.h"

namespace recommendations::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO motions (id, workshop_id, assembly_id, theme, status) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (workshop_id) DO NOTHING";
constexpr const char* kColumns =
    "SELECT id, workshop_id, assembly_id, theme, status, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM motions ";
const std::string kFind = std::string(kColumns) + "WHERE id = $1";
const std::string kList = std::string(kColumns) + "WHERE assembly_id = $1 ORDER BY theme";

Motion from_row(const pqxx::row& r) {
  return {r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
          r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>()};
}

}  // namespace

bool insert_if_new(pqxx::work& tx, const Motion& m) {
  return tx.exec_params(kInsert, m.id, m.workshop_id, m.assembly_id, m.theme, m.status)
             .affected_rows() == 1;
}

std::optional<Motion> find(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = tx.exec_params(kFind, id);
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

std::vector<Motion> list(pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<Motion> out;
  for (const auto& r : tx.exec_params(kList, assembly_id)) out.push_back(from_row(r));
  return out;
}

}  // namespace recommendations::store
