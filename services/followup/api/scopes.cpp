#include "api/scopes.h"

#include "assembly/service/api.h"
#include "store/scopes.h"

namespace followup::api {
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
  // The path names the assembly: no read needed.
  ctx.router.scope("assemblies", [](const std::string& id) -> std::optional<http::Scope> {
    return http::Scope{id};
  });
  ctx.router.scope("commitments", resolver(ctx.db, store::commitment_assembly));
  ctx.router.scope("agenda-items", resolver(ctx.db, store::agenda_item_assembly));
  ctx.router.scope("reports", resolver(ctx.db, store::report_assembly));
}

app::AssemblyCheck scope_check(const http::Request& req) {
  return [&req](const std::string& assembly_id) {
    http::require_scope(req, http::Scope{assembly_id});
  };
}

}  // namespace followup::api
