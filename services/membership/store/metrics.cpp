#include "store/metrics.h"

namespace membership::store {
namespace {

constexpr const char* kMemberCounts =
    "SELECT assembly_id, status, pool, coalesce(workshop_theme, '') AS workshop, "
    "count(*) AS members, count(replaces) AS replacements FROM members GROUP BY 1, 2, 3, 4";
constexpr const char* kSeats =
    "SELECT assembly_id, id, coalesce(workshop_theme, '') AS workshop, status FROM members";

}  // namespace

std::vector<MemberCount> member_counts(pqxx::transaction_base& tx) {
  std::vector<MemberCount> out;
  for (const auto& r : tx.exec(kMemberCounts))
    out.push_back({r["assembly_id"].as<std::string>(), r["status"].as<std::string>(),
                   r["pool"].as<std::string>(), r["workshop"].as<std::string>(),
                   r["members"].as<double>(), r["replacements"].as<double>()});
  return out;
}

std::vector<Seat> seats(pqxx::transaction_base& tx) {
  std::vector<Seat> out;
  for (const auto& r : tx.exec(kSeats))
    out.push_back({r["assembly_id"].as<std::string>(), r["id"].as<std::string>(),
                   r["workshop"].as<std::string>(), r["status"].as<std::string>()});
  return out;
}

}  // namespace membership::store
