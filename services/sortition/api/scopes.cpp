#include "api/scopes.h"

#include "assembly/service/api.h"
#include "store/scopes.h"

namespace sortition::api {
using namespace assembly::service::api;

namespace {

using Lookup = std::optional<std::string> (*)(pqxx::transaction_base&, const std::string&);

// One read of the object's assembly; nullopt (no such object) leaves the answer to the handler.
http::ScopeResolver resolver(assembly::db::Pool& db, Lookup lookup) {
  return [&db, lookup](const std::string& id) -> std::optional<http::Scope> {
    auto assembly_id = db.transact([&](pqxx::work& tx) { return lookup(tx, id); });
    if (!assembly_id) return std::nullopt;
    return http::Scope{*assembly_id};
  };
}

}  // namespace

void add_scopes(assembly::service::Context& ctx) {
  ctx.router.scope("invitation-draws", resolver(ctx.db, store::invitation_draw_assembly));
  ctx.router.scope("respondents", resolver(ctx.db, store::respondent_assembly));
  ctx.router.scope("selections", resolver(ctx.db, store::selection_assembly));
  ctx.router.scope("quota-sets", resolver(ctx.db, store::quota_set_assembly));
}

}  // namespace sortition::api
