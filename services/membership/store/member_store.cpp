#include "store/member_store.h"

namespace membership::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO members (id, assembly_id, person_id, pool, draw_id, status, workshop_theme, replaces) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, '')) ON CONFLICT (assembly_id, person_id) DO NOTHING";
constexpr const char* kColumns =
    "SELECT id, assembly_id, person_id, pool, draw_id, status, workshop_theme, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), coalesce(replaces, ''), "
    "coalesce(status_reason, '') FROM members ";
const std::string kFind = std::string(kColumns) + "WHERE id = $1";
const std::string kList = std::string(kColumns) + "WHERE assembly_id = $1 ORDER BY person_id";
const std::string kByPerson = std::string(kColumns) + "WHERE assembly_id = $1 AND person_id = $2";
constexpr const char* kChangeStatus =
    "UPDATE members SET status = $3, status_reason = $4, status_changed_by = $5, status_changed_at = now() "
    "WHERE id = $1 AND status = $2";

Member from_row(const pqxx::row& r) {
  return {r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
          r[4].as<std::string>(), r[5].as<std::string>(), r[6].as<std::string>(), r[7].as<std::string>(),
          r[8].as<std::string>(), r[9].as<std::string>()};
}

}  // namespace

bool insert_if_new(pqxx::work& tx, const Member& m) {
  auto r = tx.exec_params(kInsert, m.id, m.assembly_id, m.person_id, m.pool, m.draw_id, m.status,
                          m.workshop_theme, m.replaces);
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

std::optional<Member> find_by_person(pqxx::transaction_base& tx, const std::string& assembly_id,
                                     const std::string& person_id) {
  auto rows = tx.exec_params(kByPerson, assembly_id, person_id);
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

bool change_status(pqxx::work& tx, const std::string& id, const std::string& from, const std::string& to,
                   const std::string& reason, const std::string& by) {
  return tx.exec_params(kChangeStatus, id, from, to, reason, by).affected_rows() == 1;
}

}  // namespace membership::store
