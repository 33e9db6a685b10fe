#include "store/cohorts.h"

#include <nlohmann/json.hpp>

namespace membership::store {
namespace {

// One query whatever the number of cohorts: the counts come from one grouped scan of members.
constexpr const char* kListCohorts =
    "SELECT row_number() OVER (ORDER BY coalesce(a.mandate_start, a.created_at::date), "
    "a.created_at, a.id) AS number, a.id, a.name, "
    "coalesce(a.mandate_start::text, '') AS mandate_start, "
    "coalesce(a.mandate_end::text, '') AS mandate_end, a.workshops::text AS workshops, "
    "a.anonymised_at IS NOT NULL AS anonymised, coalesce(c.by_status, '{}')::text AS by_status "
    "FROM assemblies a LEFT JOIN ("
    "  SELECT assembly_id, jsonb_object_agg(status, n) AS by_status FROM ("
    "    SELECT assembly_id, status, count(*) AS n FROM members GROUP BY assembly_id, status) s "
    "  GROUP BY assembly_id) c ON c.assembly_id = a.id "
    "ORDER BY number";

}  // namespace

std::vector<Cohort> list_cohorts(pqxx::transaction_base& tx) {
  std::vector<Cohort> out;
  for (const auto& r : tx.exec(kListCohorts)) {
    Cohort c;
    c.number = r["number"].as<int>();
    c.id = r["id"].as<std::string>();
    c.name = r["name"].as<std::string>();
    c.mandate_start = r["mandate_start"].as<std::string>();
    c.mandate_end = r["mandate_end"].as<std::string>();
    c.workshops =
        nlohmann::json::parse(r["workshops"].as<std::string>()).get<std::vector<std::string>>();
    c.members_by_status =
        nlohmann::json::parse(r["by_status"].as<std::string>()).get<std::map<std::string, int>>();
    c.anonymised = r["anonymised"].as<bool>();
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace membership::store
