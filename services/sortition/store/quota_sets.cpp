#include "store/quota_sets.h"

#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"

namespace sortition::store {

using assembly::db::int_array;
using assembly::db::text_array;

namespace {

constexpr const char* kInsertQuotaSet =
    "INSERT INTO quota_sets (id, assembly_id, name, created_by) VALUES ($1, $2, $3, $4)";
constexpr const char* kInsertSeatPools =
    "INSERT INTO quota_seat_pools (quota_set_id, pool_kind, seats, quotas_csv) "
    "SELECT $1, u.pool_kind, u.seats, u.quotas_csv "
    "FROM unnest($2::text[], $3::int[], $4::text[]) AS u(pool_kind, seats, quotas_csv)";
constexpr const char* kQuotaSetExists = "SELECT 1 FROM quota_sets WHERE id = $1";
constexpr const char* kFindQuotaSet = "SELECT id, assembly_id, name FROM quota_sets WHERE id = $1";
constexpr const char* kSeatPools =
    "SELECT pool_kind, seats, quotas_csv FROM quota_seat_pools WHERE quota_set_id = $1 "
    "ORDER BY pool_kind";
constexpr const char* kQuotasCsv =
    "SELECT quotas_csv FROM quota_seat_pools WHERE quota_set_id = $1 AND pool_kind = $2";

constexpr const char* kQuotasOfDraw =
    "SELECT p.kind, (SELECT qsp.quotas_csv FROM quota_sets qs "
    "  JOIN quota_seat_pools qsp ON qsp.quota_set_id = qs.id "
    "  WHERE qs.assembly_id = d.assembly_id AND qsp.pool_kind = p.kind "
    "  ORDER BY qs.created_at DESC, qs.id DESC LIMIT 1) AS quotas_csv "
    "FROM invitation_draws d JOIN pools p ON p.id = d.pool_id WHERE d.id = $1";

}  // namespace

void insert_quota_set(pqxx::work& tx, const QuotaSet& q) {
  assembly::db::exec(tx, kInsertQuotaSet, q.id, q.assembly_id, q.name, q.created_by);
  if (q.seat_pools.empty()) return;
  std::vector<std::string> kinds, csvs;
  std::vector<int> seats;
  for (const auto& p : q.seat_pools) {
    kinds.push_back(p.pool_kind);
    seats.push_back(p.seats);
    csvs.push_back(p.quotas_csv);
  }
  assembly::db::exec(tx, kInsertSeatPools, q.id, text_array(kinds), int_array(seats),
                     text_array(csvs));
}

bool quota_set_exists(pqxx::transaction_base& tx, const std::string& id) {
  return !assembly::db::exec(tx, kQuotaSetExists, id).empty();
}

std::optional<QuotaSet> find_quota_set(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kFindQuotaSet, id);
  if (rows.empty()) return std::nullopt;
  QuotaSet q;
  q.id = rows[0]["id"].as<std::string>();
  q.assembly_id = rows[0]["assembly_id"].as<std::string>();
  q.name = rows[0]["name"].as<std::string>();
  q.seat_pools = seat_pools(tx, id);
  return q;
}

std::vector<SeatPoolRow> seat_pools(pqxx::transaction_base& tx, const std::string& quota_set_id) {
  std::vector<SeatPoolRow> out;
  for (const auto& r : assembly::db::exec(tx, kSeatPools, quota_set_id))
    out.push_back({r["pool_kind"].as<std::string>(), r["seats"].as<int>(),
                   r["quotas_csv"].as<std::string>()});
  return out;
}

std::optional<std::string> quotas_csv(pqxx::transaction_base& tx, const std::string& quota_set_id,
                                      const std::string& pool_kind) {
  auto rows = assembly::db::exec(tx, kQuotasCsv, quota_set_id, pool_kind);
  if (rows.empty()) return std::nullopt;
  return rows[0]["quotas_csv"].as<std::string>();
}

std::optional<DrawQuotas> quotas_of_draw(pqxx::transaction_base& tx, const std::string& draw_id) {
  auto rows = assembly::db::exec(tx, kQuotasOfDraw, draw_id);
  if (rows.empty()) return std::nullopt;
  DrawQuotas out{rows[0]["kind"].as<std::string>(), std::nullopt};
  if (!rows[0]["quotas_csv"].is_null()) out.quotas_csv = rows[0]["quotas_csv"].as<std::string>();
  return out;
}

}  // namespace sortition::store
