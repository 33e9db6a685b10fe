#include "store/motion_store.h"

#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace recommendations::store {

using assembly::db::text_array;

namespace {

constexpr const char* kInsert =
    "INSERT INTO motions (id, workshop_id, assembly_id, theme, status) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (workshop_id) DO NOTHING";
constexpr const char* kColumns =
    "SELECT id, workshop_id, assembly_id, theme, status, title, version, " SQL_UTC(
        "created_at") " AS created_at FROM motions ";
const std::string kFind = std::string(kColumns) + "WHERE id = $1";
const std::string kFindByWorkshop = std::string(kColumns) + "WHERE workshop_id = $1";
const std::string kFindForUpdate = kFind + " FOR UPDATE";
const std::string kList = std::string(kColumns) + "WHERE assembly_id = $1 ORDER BY theme";
constexpr const char* kInAssembly = "SELECT 1 FROM motions WHERE id = $1 AND assembly_id = $2";
constexpr const char* kText = "SELECT title, text FROM motions WHERE id = $1";
constexpr const char* kSpokespersons =
    "SELECT s.member_id FROM motions m, jsonb_array_elements_text(m.spokespersons) "
    "WITH ORDINALITY AS s(member_id, n) WHERE m.id = $1 ORDER BY s.n";
constexpr const char* kSetText =
    "UPDATE motions SET title = $2, text = $3, spokespersons = to_jsonb($4::text[]) WHERE id = $1";
constexpr const char* kMarkVoted =
    "UPDATE motions SET status = 'voted', adopted_at = now() WHERE id = $1";
constexpr const char* kMarkApproved =
    "UPDATE motions SET status = 'approved-by-workshop', approved_at = now() WHERE id = $1";
constexpr const char* kMarkSent =
    "UPDATE motions SET status = 'sent-to-council', sent_at = now() WHERE id = $1";

Motion from_row(const pqxx::row& r) {
  return {r["id"].as<std::string>(),          r["workshop_id"].as<std::string>(),
          r["assembly_id"].as<std::string>(), r["theme"].as<std::string>(),
          r["status"].as<std::string>(),      r["created_at"].as<std::string>(),
          r["title"].as<std::string>(),       r["version"].as<int>()};
}

}  // namespace

bool insert_if_new(pqxx::work& tx, const Motion& m) {
  return assembly::db::exec(tx, kInsert, m.id, m.workshop_id, m.assembly_id, m.theme, m.status)
             .affected_rows() == 1;
}

std::optional<Motion> find(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kFind, id);
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

std::vector<Motion> list(pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<Motion> out;
  for (const auto& r : assembly::db::exec(tx, kList, assembly_id)) out.push_back(from_row(r));
  return out;
}

std::optional<Motion> find_by_workshop(pqxx::transaction_base& tx, const std::string& workshop_id) {
  auto rows = assembly::db::exec(tx, kFindByWorkshop, workshop_id);
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

bool in_assembly(pqxx::transaction_base& tx, const std::string& id,
                 const std::string& assembly_id) {
  return !assembly::db::exec(tx, kInAssembly, id, assembly_id).empty();
}

std::optional<Motion> find_for_update(pqxx::work& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kFindForUpdate, id);
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

MotionText text_of(pqxx::transaction_base& tx, const std::string& id) {
  MotionText t;
  auto r = tx.exec_params1(kText, id);
  t.title = r["title"].as<std::string>();
  t.text = r["text"].as<std::string>();
  for (const auto& s : assembly::db::exec(tx, kSpokespersons, id))
    t.spokespersons.push_back(s["member_id"].as<std::string>());
  return t;
}

void set_text(pqxx::work& tx, const std::string& id, const MotionText& t) {
  assembly::db::exec(tx, kSetText, id, t.title, t.text, text_array(t.spokespersons));
}

Motion mark_approved(pqxx::work& tx, const std::string& id) {
  assembly::db::exec(tx, kMarkApproved, id);
  return from_row(tx.exec_params1(kFind, id));
}

Motion mark_voted(pqxx::work& tx, const std::string& id) {
  assembly::db::exec(tx, kMarkVoted, id);
  return from_row(tx.exec_params1(kFind, id));
}

void mark_sent(pqxx::work& tx, const std::string& id) {
  assembly::db::exec(tx, kMarkSent, id);
}

}  // namespace recommendations::store
