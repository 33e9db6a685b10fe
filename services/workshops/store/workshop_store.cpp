#include "store/workshop_store.h"

#include <nlohmann/json.hpp>

#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace workshops::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO workshops (id, assembly_id, theme, title) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (assembly_id, theme) DO NOTHING";
constexpr const char* kColumns =
    "SELECT w.id AS id, w.assembly_id AS assembly_id, w.theme AS theme, w.title AS title, " SQL_UTC(
        "w.created_at") " AS created_at, array_to_json(w.departments)::text AS departments, (SELECT count(*) FROM workshop_members m WHERE "
                        "m.workshop_id = w.id) AS roster_size FROM workshops w ";
const std::string kByTheme = std::string(kColumns) + "WHERE w.assembly_id = $1 AND w.theme = $2";
const std::string kFind = std::string(kColumns) + "WHERE w.id = $1";
const std::string kList = std::string(kColumns) + "WHERE w.assembly_id = $1 ORDER BY w.theme";
constexpr const char* kAddMember =
    "INSERT INTO workshop_members (workshop_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
constexpr const char* kRosterSize =
    "SELECT count(*) AS size FROM workshop_members WHERE workshop_id = $1";
// The list as a JSON array, in its order.
constexpr const char* kSetDepartments =
    "UPDATE workshops SET departments = ARRAY(SELECT d FROM jsonb_array_elements_text($2::jsonb) "
    "WITH ORDINALITY AS t(d, n) ORDER BY n) WHERE id = $1";
constexpr const char* kRoster =
    "SELECT member_id FROM workshop_members WHERE workshop_id = $1 ORDER BY member_id";

Workshop from_row(const pqxx::row& r) {
  Workshop w{
      r["id"].as<std::string>(),
      r["assembly_id"].as<std::string>(),
      r["theme"].as<std::string>(),
      r["title"].as<std::string>(),
      r["created_at"].as<std::string>(),
      r["roster_size"].as<int>(),
      nlohmann::json::parse(r["departments"].as<std::string>()).get<std::vector<std::string>>(),
      {}};
  return w;
}

}  // namespace

Workshop get_or_create(pqxx::work& tx, const std::string& new_id, const std::string& assembly_id,
                       const std::string& theme, const std::string& title, bool& created) {
  created = assembly::db::exec(tx, kInsert, new_id, assembly_id, theme, title).affected_rows() == 1;
  return from_row(assembly::db::exec(tx, kByTheme, assembly_id, theme)[0]);
}

long erase_left_reasons(pqxx::work& tx, const std::string& member_id) {
  return static_cast<long>(
      tx.exec_params("UPDATE roster_periods SET left_reason = NULL WHERE member_id = $1 AND "
                     "left_reason IS NOT NULL",
                     member_id)
          .affected_rows());
}

int leave_rosters(pqxx::work& tx, const std::string& assembly_id, const std::string& member_id,
                  const std::string& keep_workshop_id, const std::string& day,
                  const std::string& reason) {
  tx.exec_params(
      "UPDATE roster_periods p SET left_on = GREATEST($4::date, p.joined_on), left_reason = $5 "
      "FROM workshops w "
      "WHERE p.workshop_id = w.id AND w.assembly_id = $1 AND p.member_id = $2 AND w.id <> $3 AND "
      "p.left_on IS NULL",
      assembly_id, member_id, keep_workshop_id, day, reason);
  return static_cast<int>(
      tx.exec_params("DELETE FROM workshop_members m USING workshops w WHERE m.workshop_id = w.id "
                     "AND w.assembly_id = $1 AND m.member_id = $2 AND w.id <> $3",
                     assembly_id, member_id, keep_workshop_id)
          .affected_rows());
}

std::vector<domain::RosterPeriod> roster_periods(pqxx::transaction_base& tx,
                                                 const std::string& assembly_id,
                                                 const std::string& workshop_id,
                                                 const std::string& member_id) {
  std::vector<domain::RosterPeriod> out;
  for (const auto& r :
       tx.exec_params("SELECT p.joined_on::text AS joined_on, coalesce(p.left_on::text, '') AS "
                      "left_on FROM roster_periods p JOIN workshops w ON w.id = p.workshop_id "
                      "WHERE w.assembly_id = $1 AND ($2 = '' OR w.id = $2) AND p.member_id = $3",
                      assembly_id, workshop_id, member_id))
    out.push_back({r["joined_on"].as<std::string>(), r["left_on"].as<std::string>()});
  return out;
}

std::vector<Workshop> workshops_of_member(pqxx::transaction_base& tx,
                                          const std::string& member_id) {
  std::vector<Workshop> out;
  for (const auto& r :
       tx.exec_params(std::string(kColumns) +
                          "JOIN workshop_members m ON m.workshop_id = w.id WHERE m.member_id = $1",
                      member_id))
    out.push_back(from_row(r));
  return out;
}

int add_member(pqxx::work& tx, const std::string& workshop_id, const std::string& member_id,
               const std::string& day) {
  if (assembly::db::exec(tx, kAddMember, workshop_id, member_id).affected_rows() == 0) return 0;
  tx.exec_params(
      "INSERT INTO roster_periods (workshop_id, member_id, joined_on) VALUES ($1, $2, $3::date)",
      workshop_id, member_id, day);
  return tx.exec_params1(kRosterSize, workshop_id)["size"].as<int>();
}

std::optional<Workshop> find(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kFind, id);
  if (rows.empty()) return std::nullopt;
  auto w = from_row(rows[0]);
  for (const auto& r : assembly::db::exec(tx, kRoster, id))
    w.member_ids.push_back(r["member_id"].as<std::string>());
  return w;
}

bool set_departments(pqxx::work& tx, const std::string& id,
                     const std::vector<std::string>& departments) {
  return assembly::db::exec(tx, kSetDepartments, id, nlohmann::json(departments).dump())
             .affected_rows() == 1;
}

std::vector<Workshop> list(pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<Workshop> out;
  for (const auto& r : assembly::db::exec(tx, kList, assembly_id)) out.push_back(from_row(r));
  return out;
}

}  // namespace workshops::store
