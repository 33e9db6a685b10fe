#include "store/site.h"

#include <nlohmann/json.hpp>

#include "assembly/db/prepared.h"

namespace membership::store {
namespace {

constexpr const char* kAssembly =
    "SELECT a.id, a.name, coalesce(a.mandate_start::text, '') AS mandate_start, "
    "coalesce(a.mandate_end::text, '') AS mandate_end, a.workshops::text AS workshops, "
    "a.anonymised_at IS NOT NULL AS anonymised, "
    "(SELECT count(*) FROM members m WHERE m.assembly_id = a.id) AS drawn, "
    "(SELECT count(*) FROM members m WHERE m.assembly_id = a.id AND m.replaces IS NOT NULL) "
    "AS replacements FROM assemblies a WHERE a.id = $1";
constexpr const char* kByStatus =
    "SELECT status, count(*) AS n FROM members WHERE assembly_id = $1 GROUP BY status";
// The seated panel: whoever neither declined nor withdrew.
constexpr const char* kSeated = "assembly_id = $1 AND status NOT IN ('declined', 'withdrawn')";
const std::string kByPool = std::string("SELECT pool, count(*) AS n FROM members WHERE ") +
                            kSeated + " GROUP BY pool ORDER BY pool";
const std::string kByAttribute = std::string(
                                     "SELECT kv.key, kv.value, count(*) AS n FROM members, "
                                     "jsonb_each_text(members.attributes) kv WHERE ") +
                                 kSeated + " GROUP BY kv.key, kv.value ORDER BY kv.key, kv.value";
constexpr const char* kRoles =
    "SELECT role, count(*) AS n FROM roles WHERE assembly_id = $1 AND ended_at IS NULL "
    "GROUP BY role";
constexpr const char* kSelections =
    "SELECT draw_id FROM members WHERE assembly_id = $1 GROUP BY draw_id "
    "ORDER BY min(created_at), draw_id";
constexpr const char* kClosedEvaluations =
    "SELECT id FROM evaluations WHERE assembly_id = $1 AND state = 'closed' "
    "ORDER BY closed_at, id";

}  // namespace

std::optional<PublicAssembly> find_public_assembly(pqxx::transaction_base& tx,
                                                   const std::string& id) {
  auto rows = assembly::db::exec(tx, kAssembly, id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  PublicAssembly a;
  a.id = r["id"].as<std::string>();
  a.name = r["name"].as<std::string>();
  a.mandate_start = r["mandate_start"].as<std::string>();
  a.mandate_end = r["mandate_end"].as<std::string>();
  a.workshops =
      nlohmann::json::parse(r["workshops"].as<std::string>()).get<std::vector<std::string>>();
  a.anonymised = r["anonymised"].as<bool>();
  a.drawn = r["drawn"].as<int>();
  a.replacements = r["replacements"].as<int>();
  for (const auto& s : assembly::db::exec(tx, kByStatus, id))
    a.by_status[s["status"].as<std::string>()] = s["n"].as<int>();
  for (const auto& p : assembly::db::exec(tx, kByPool, id)) {
    a.by_pool.push_back({p["pool"].as<std::string>(), p["n"].as<int>()});
    a.seated += p["n"].as<int>();
  }
  for (const auto& v : assembly::db::exec(tx, kByAttribute, id))
    a.by_attribute[v["key"].as<std::string>()].push_back(
        {v["value"].as<std::string>(), v["n"].as<int>()});
  for (const auto& role : assembly::db::exec(tx, kRoles, id))
    a.live_roles[role["role"].as<std::string>()] = role["n"].as<int>();
  for (const auto& s : assembly::db::exec(tx, kSelections, id))
    a.selections.push_back(s["draw_id"].as<std::string>());
  for (const auto& e : assembly::db::exec(tx, kClosedEvaluations, id))
    a.closed_evaluations.push_back(e["id"].as<std::string>());
  return a;
}

}  // namespace membership::store
