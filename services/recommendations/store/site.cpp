#include "store/site.h"

#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace recommendations::store {

namespace {

constexpr const char* kPublicMotions =
    "SELECT id, workshop_id, assembly_id, theme, status, title, version, text, " SQL_UTC(
        "created_at") " AS created_at, "
                      "coalesce(" SQL_UTC("approved_at") ", '') AS approved_at, "
                      "coalesce(" SQL_UTC("adopted_at") ", '') AS adopted_at, "
                      "coalesce(" SQL_UTC("sent_at") ", '') AS sent_at "
                      "FROM motions WHERE assembly_id = $1 ORDER BY theme";
constexpr const char* kAssemblyKnown =
    "SELECT EXISTS (SELECT 1 FROM motions WHERE assembly_id = $1) "
    "OR EXISTS (SELECT 1 FROM recommendations WHERE assembly_id = $1) "
    "OR EXISTS (SELECT 1 FROM ballots WHERE assembly_id = $1) "
    "OR EXISTS (SELECT 1 FROM members WHERE assembly_id = $1) AS known";

}  // namespace

std::vector<PublicMotion> public_motions(pqxx::transaction_base& tx,
                                         const std::string& assembly_id) {
  std::vector<PublicMotion> out;
  for (const auto& r : assembly::db::exec(tx, kPublicMotions, assembly_id)) {
    PublicMotion m;
    m.motion = {r["id"].as<std::string>(),          r["workshop_id"].as<std::string>(),
                r["assembly_id"].as<std::string>(), r["theme"].as<std::string>(),
                r["status"].as<std::string>(),      r["created_at"].as<std::string>(),
                r["title"].as<std::string>(),       r["version"].as<int>()};
    m.text = r["text"].as<std::string>();
    m.approved_at = r["approved_at"].as<std::string>();
    m.adopted_at = r["adopted_at"].as<std::string>();
    m.sent_at = r["sent_at"].as<std::string>();
    out.push_back(std::move(m));
  }
  return out;
}

bool assembly_known(pqxx::transaction_base& tx, const std::string& assembly_id) {
  return tx.exec_params1(kAssemblyKnown, assembly_id)["known"].as<bool>();
}

}  // namespace recommendations::store
