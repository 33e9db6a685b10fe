#pragma once
// SQL for membership's members as this service learns them from membership's events (who is
// active, in which workshop). Each query is a named constant.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/ballot.h"

namespace recommendations::store {

// MemberAssigned: the member's workshop (assigned when first known).
void upsert_assigned(pqxx::work& tx, const std::string& member_id, const std::string& assembly_id,
                     const std::string& workshop);
// MemberActivated: active, in the workshop.
void upsert_active(pqxx::work& tx, const std::string& member_id, const std::string& assembly_id,
                   const std::string& workshop);
// MemberWithdrew.
void upsert_withdrawn(pqxx::work& tx, const std::string& member_id, const std::string& assembly_id);

std::vector<domain::Member> members_of(pqxx::transaction_base& tx, const std::string& assembly_id);
bool is_active(pqxx::transaction_base& tx, const std::string& member_id,
               const std::string& assembly_id);
bool is_active_in_workshop(pqxx::transaction_base& tx, const std::string& member_id,
                           const std::string& assembly_id, const std::string& workshop);

}  // namespace recommendations::store
