#pragma once
// SQL for the dashboard figures (api/metrics).
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace membership::store {

// Members counted by assembly, status, seat pool and workshop ("" when none), and how many of
// them came in as replacements.
struct MemberCount {
  std::string assembly_id, status, pool, workshop;
  double members = 0, replacements = 0;
};
std::vector<MemberCount> member_counts(pqxx::transaction_base& tx);

// Every member's seat: where they sit and their status.
struct Seat {
  std::string assembly_id, id, workshop, status;
};
std::vector<Seat> seats(pqxx::transaction_base& tx);

}  // namespace membership::store
