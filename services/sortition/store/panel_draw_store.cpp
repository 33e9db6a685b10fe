#include "store/panel_draw_store.h"

#include <nlohmann/json.hpp>

namespace sortition::store {
namespace {

constexpr const char* kInsertDraw =
    "INSERT INTO panel_draws (id, assembly_id, seats, seed_sha256, candidates_sha256, "
    "candidate_count, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kInsertMember =
    "INSERT INTO panel_draw_members (draw_id, rank, person_id, pool, attributes) "
    "VALUES ($1, $2, $3, $4, $5::jsonb)";
constexpr const char* kSelectDraw =
    "SELECT id, assembly_id, seats, seed_sha256, candidates_sha256, candidate_count, created_by, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM panel_draws "
    "WHERE id = $1";
constexpr const char* kSelectMembers =
    "SELECT person_id, pool, attributes::text FROM panel_draw_members WHERE draw_id = $1 ORDER BY "
    "rank";
constexpr const char* kListDraws =
    "SELECT id, assembly_id, seats, seed_sha256, candidates_sha256, candidate_count, created_by, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM panel_draws "
    "WHERE assembly_id = $1 ORDER BY created_at, id";

PanelDrawRecord from_row(const pqxx::row& r) {
  PanelDrawRecord d;
  d.id = r[0].as<std::string>();
  d.assembly_id = r[1].as<std::string>();
  d.seats = r[2].as<int>();
  d.seed_sha256 = r[3].as<std::string>();
  d.candidates_sha256 = r[4].as<std::string>();
  d.candidate_count = r[5].as<int>();
  d.created_by = r[6].as<std::string>();
  d.created_at = r[7].as<std::string>();
  return d;
}

}  // namespace

void insert(pqxx::work& tx, const PanelDrawRecord& d) {
  tx.exec_params(kInsertDraw, d.id, d.assembly_id, d.seats, d.seed_sha256, d.candidates_sha256,
                 d.candidate_count, d.created_by);
  int rank = 0;
  for (const auto& m : d.members)
    tx.exec_params(kInsertMember, d.id, rank++, m.person_id, m.pool,
                   nlohmann::json(m.attributes).dump());
}

std::optional<PanelDrawRecord> find(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = tx.exec_params(kSelectDraw, id);
  if (rows.empty()) return std::nullopt;
  auto d = from_row(rows[0]);
  for (const auto& r : tx.exec_params(kSelectMembers, id)) {
    domain::Candidate c;
    c.person_id = r[0].as<std::string>();
    c.pool = r[1].as<std::string>();
    c.attributes =
        nlohmann::json::parse(r[2].as<std::string>()).get<std::map<std::string, std::string>>();
    d.members.push_back(std::move(c));
  }
  return d;
}

std::vector<PanelDrawRecord> list(pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<PanelDrawRecord> out;
  for (const auto& r : tx.exec_params(kListDraws, assembly_id)) out.push_back(from_row(r));
  return out;
}

}  // namespace sortition::store
