#include "store/member_store.h"

namespace membership::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO members (id, assembly_id, person_id, pool, draw_id, status, workshop_theme) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (assembly_id, person_id) DO NOTHING";
constexpr const char* kColumns =
    "SELECT id, assembly_id, person_id, pool, draw_id, status, workshop_theme, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM members ";
const std::string kFind = std::string(kColumns) + "WHERE id = $1";
const std::string kList = std::string(kColumns) + "WHERE assembly_id = $1 ORDER BY person_id";

Member from_row(const pqxx::row& r) {
  return {r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
          r[4].as<std::string>(), r[5].as<std::string>(), r[6].as<std::string>(), r[7].as<std::string>()};
}

}  // namespace

bool insert_if_new(pqxx::work& tx, const Member& m) {
  auto r = tx.exec_params(kInsert, m.id, m.assembly_id, m.person_id, m.pool, m.draw_id, m.status,
                          m.workshop_theme);
  return r.affected_rows() == 1;
}

std::optional<Member> find(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = tx.exec_params(kFind, id);
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

std::vector<Member> list(pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<Member> out;
  for (const auto& r : tx.exec_params(kList, assembly_id)) out.push_back(from_row(r));
  return out;
}

}  // namespace membership::store
