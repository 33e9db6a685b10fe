#pragma once
// SQL for quota sets and their seat pools (one per pool kind, its quotas in the Sortition
// Foundation's CSV layout). Each query is a named constant; rows are read by column name.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace sortition::store {

struct SeatPoolRow {
  std::string pool_kind;
  int seats = 0;
  std::string quotas_csv;
};

struct QuotaSet {
  std::string id, assembly_id, name, created_by;
  std::vector<SeatPoolRow> seat_pools;  // by pool kind
};

// The set and its seat pools (all in one statement).
void insert_quota_set(pqxx::work& tx, const QuotaSet& q);
bool quota_set_exists(pqxx::transaction_base& tx, const std::string& id);
// With its seat pools; created_by is not read.
std::optional<QuotaSet> find_quota_set(pqxx::transaction_base& tx, const std::string& id);
std::vector<SeatPoolRow> seat_pools(pqxx::transaction_base& tx, const std::string& quota_set_id);
// One seat pool's quota file.
std::optional<std::string> quotas_csv(pqxx::transaction_base& tx, const std::string& quota_set_id,
                                      const std::string& pool_kind);

// The kind of an invitation draw's pool and the quota file of the newest quota set of the draw's
// assembly for that kind (nullopt when there is none yet); nullopt for an unknown draw.
struct DrawQuotas {
  std::string pool_kind;
  std::optional<std::string> quotas_csv;
};
std::optional<DrawQuotas> quotas_of_draw(pqxx::transaction_base& tx, const std::string& draw_id);

}  // namespace sortition::store
