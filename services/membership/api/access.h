#pragma once
// Who may read or act on a member's record.
#include <pqxx/pqxx>
#include <string>

#include "assembly/http/http.h"
#include "store/members.h"

namespace membership::api {

// 403 unless the caller is the secretariat or that member; the first check of a route on a
// member's record (before its body is read or anything is looked up).
void require_self_or_staff(const assembly::http::Request& req, const std::string& member_id);

// 404 unless the member exists; 403 unless the caller is the secretariat or that member.
store::Member self_or_staff(pqxx::work& tx, const assembly::http::Request& req,
                            const std::string& member_id, bool for_update = false);

}  // namespace membership::api
