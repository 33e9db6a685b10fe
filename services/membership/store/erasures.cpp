#include "store/erasures.h"

#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace membership::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO erasures (id, member_id, requested_by) VALUES ($1, $2, $3)";
#define ERASURE_COLUMNS \
  "SELECT id, member_id, requested_by, " SQL_UTC("requested_at") " AS requested_at FROM erasures "
constexpr const char* kFind = ERASURE_COLUMNS "WHERE id = $1";
constexpr const char* kFindOfMember = ERASURE_COLUMNS "WHERE member_id = $1";
#undef ERASURE_COLUMNS
constexpr const char* kRecordReport =
    "INSERT INTO erasure_reports (erasure_id, service, erased) "
    "SELECT id, $2, $3::jsonb FROM erasures WHERE id = $1 "
    "ON CONFLICT (erasure_id, service) DO NOTHING";
constexpr const char* kExists = "SELECT 1 FROM erasures WHERE id = $1";
constexpr const char* kReports =
    "SELECT service, erased::text AS erased, " SQL_UTC("completed_at") " AS completed_at "
    "FROM erasure_reports WHERE erasure_id = $1 ORDER BY service";

std::optional<Erasure> one(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return Erasure{r["id"].as<std::string>(), r["member_id"].as<std::string>(),
                 r["requested_by"].as<std::string>(), r["requested_at"].as<std::string>()};
}

}  // namespace

void insert_erasure(pqxx::work& tx, const Erasure& e) {
  assembly::db::exec(tx, kInsert, e.id, e.member_id, e.requested_by);
}

std::optional<Erasure> find_erasure(pqxx::transaction_base& tx, const std::string& id) {
  return one(assembly::db::exec(tx, kFind, id));
}

std::optional<Erasure> find_erasure_of_member(pqxx::transaction_base& tx,
                                              const std::string& member_id) {
  return one(assembly::db::exec(tx, kFindOfMember, member_id));
}

bool record_erasure_report(pqxx::work& tx, const std::string& erasure_id,
                           const std::string& service, const nlohmann::json& erased) {
  if (assembly::db::exec(tx, kExists, erasure_id).empty()) return false;
  assembly::db::exec(tx, kRecordReport, erasure_id, service, erased.dump());
  return true;
}

std::vector<ErasureReport> erasure_reports(pqxx::transaction_base& tx,
                                           const std::string& erasure_id) {
  std::vector<ErasureReport> out;
  for (const auto& r : assembly::db::exec(tx, kReports, erasure_id))
    out.push_back({r["service"].as<std::string>(), r["completed_at"].as<std::string>(),
                   nlohmann::json::parse(r["erased"].as<std::string>())});
  return out;
}

}  // namespace membership::store
