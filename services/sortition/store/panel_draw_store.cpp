#include "store/panel_draw_store.h"

#include <nlohmann/json.hpp>

#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace sortition::store {

using assembly::db::int_array;
using assembly::db::text_array;

namespace {

constexpr const char* kInsertDraw =
    "INSERT INTO panel_draws (id, assembly_id, seats, seed_sha256, candidates_sha256, "
    "candidate_count, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kInsertMembers =
    "INSERT INTO panel_draw_members (draw_id, rank, person_id, pool, attributes) "
    "SELECT $1, u.rank, u.person_id, u.pool, u.attributes::jsonb "
    "FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) "
    "AS u(rank, person_id, pool, attributes)";
// The draw and its members in one statement (one round trip), the members as one JSON array.
constexpr const char* kSelectDraw =
    "SELECT id, assembly_id, seats, seed_sha256, candidates_sha256, candidate_count, "
    "created_by, " SQL_UTC("created_at") " AS created_at, "
    "(SELECT coalesce(json_agg(json_build_object('person_id', m.person_id, 'pool', m.pool, "
    "'attributes', m.attributes) ORDER BY m.rank), '[]') FROM panel_draw_members m "
    "WHERE m.draw_id = d.id)::text AS members "
    "FROM panel_draws d WHERE id = $1";
constexpr const char* kListDraws =
    "SELECT id, assembly_id, seats, seed_sha256, candidates_sha256, candidate_count, created_by, "
    SQL_UTC("created_at") " AS created_at FROM panel_draws "
    "WHERE assembly_id = $1 ORDER BY created_at, id";

PanelDrawRecord from_row(const pqxx::row& r) {
  PanelDrawRecord d;
  d.id = r["id"].as<std::string>();
  d.assembly_id = r["assembly_id"].as<std::string>();
  d.seats = r["seats"].as<int>();
  d.seed_sha256 = r["seed_sha256"].as<std::string>();
  d.candidates_sha256 = r["candidates_sha256"].as<std::string>();
  d.candidate_count = r["candidate_count"].as<int>();
  d.created_by = r["created_by"].as<std::string>();
  d.created_at = r["created_at"].as<std::string>();
  return d;
}

}  // namespace

void insert(pqxx::work& tx, const PanelDrawRecord& d) {
  assembly::db::exec(tx, kInsertDraw, d.id, d.assembly_id, d.seats, d.seed_sha256,
                     d.candidates_sha256, d.candidate_count, d.created_by);
  if (d.members.empty()) return;
  std::vector<int> ranks;
  std::vector<std::string> persons, pools, attributes;
  for (const auto& m : d.members) {
    ranks.push_back(static_cast<int>(ranks.size()));
    persons.push_back(m.person_id);
    pools.push_back(m.pool);
    attributes.push_back(nlohmann::json(m.attributes).dump());
  }
  assembly::db::exec(tx, kInsertMembers, d.id, int_array(ranks), text_array(persons),
                     text_array(pools), text_array(attributes));
}

std::optional<PanelDrawRecord> find(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kSelectDraw, id);
  if (rows.empty()) return std::nullopt;
  auto d = from_row(rows[0]);
  for (const auto& m : nlohmann::json::parse(rows[0]["members"].as<std::string>())) {
    domain::Candidate c;
    c.person_id = m["person_id"].get<std::string>();
    c.pool = m["pool"].get<std::string>();
    c.attributes = m["attributes"].get<std::map<std::string, std::string>>();
    d.members.push_back(std::move(c));
  }
  return d;
}

std::vector<PanelDrawRecord> list(pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<PanelDrawRecord> out;
  for (const auto& r : assembly::db::exec(tx, kListDraws, assembly_id)) out.push_back(from_row(r));
  return out;
}

}  // namespace sortition::store
