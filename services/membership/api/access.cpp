#include "api/access.h"

#include "assembly/auth/auth.h"
#include "assembly/auth/reading.h"

namespace membership::api {
namespace http = assembly::http;

void require_self_or_staff(const http::Request& req, const std::string& member_id) {
  const auto& caller = req.caller();
  // Refuse before looking: a member learns nothing of other ids, not even whether they exist.
  if (!assembly::auth::reads_as_secretariat(caller) && caller.actor() != member_id)
    throw http::forbidden("a member may act only on their own record");
}

store::Member self_or_staff(pqxx::work& tx, const http::Request& req, const std::string& member_id,
                            bool for_update) {
  require_self_or_staff(req, member_id);
  auto m = store::find(tx, member_id, for_update);
  if (!m) throw http::not_found("no member " + member_id);
  return *m;
}

}  // namespace membership::api
