#include "store/members.h"

#include "assembly/db/prepared.h"

namespace recommendations::store {
namespace {

constexpr const char* kUpsertAssigned =
    "INSERT INTO members (member_id, assembly_id, status, workshop) VALUES ($1, $2, 'assigned', "
    "$3) "
    "ON CONFLICT (member_id) DO UPDATE SET workshop = excluded.workshop, updated_at = now()";
constexpr const char* kUpsertActive =
    "INSERT INTO members (member_id, assembly_id, status, workshop) VALUES ($1, $2, 'active', $3) "
    "ON CONFLICT (member_id) DO UPDATE SET status = 'active', workshop = excluded.workshop, "
    "updated_at = now()";
constexpr const char* kUpsertWithdrawn =
    "INSERT INTO members (member_id, assembly_id, status) VALUES ($1, $2, 'withdrawn') "
    "ON CONFLICT (member_id) DO UPDATE SET status = 'withdrawn', updated_at = now()";
constexpr const char* kMembersOf =
    "SELECT member_id, status, workshop FROM members WHERE assembly_id = $1";
constexpr const char* kIsActive =
    "SELECT 1 FROM members WHERE member_id = $1 AND assembly_id = $2 AND status = 'active'";
constexpr const char* kIsActiveInWorkshop =
    "SELECT 1 FROM members WHERE member_id = $1 AND assembly_id = $2 AND workshop = $3 AND "
    "status = 'active'";

}  // namespace

void upsert_assigned(pqxx::work& tx, const std::string& member_id, const std::string& assembly_id,
                     const std::string& workshop) {
  assembly::db::exec(tx, kUpsertAssigned, member_id, assembly_id, workshop);
}

void upsert_active(pqxx::work& tx, const std::string& member_id, const std::string& assembly_id,
                   const std::string& workshop) {
  assembly::db::exec(tx, kUpsertActive, member_id, assembly_id, workshop);
}

void upsert_withdrawn(pqxx::work& tx, const std::string& member_id,
                      const std::string& assembly_id) {
  assembly::db::exec(tx, kUpsertWithdrawn, member_id, assembly_id);
}

std::vector<domain::Member> members_of(pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<domain::Member> out;
  for (const auto& r : assembly::db::exec(tx, kMembersOf, assembly_id))
    out.push_back({r["member_id"].as<std::string>(), r["status"].as<std::string>(),
                   r["workshop"].as<std::string>()});
  return out;
}

bool is_active(pqxx::transaction_base& tx, const std::string& member_id,
               const std::string& assembly_id) {
  return !assembly::db::exec(tx, kIsActive, member_id, assembly_id).empty();
}

bool is_active_in_workshop(pqxx::transaction_base& tx, const std::string& member_id,
                           const std::string& assembly_id, const std::string& workshop) {
  return !assembly::db::exec(tx, kIsActiveInWorkshop, member_id, assembly_id, workshop).empty();
}

}  // namespace recommendations::store
