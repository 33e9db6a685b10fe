#include "api/scopes.h"

#include "assembly/service/api.h"
#include "store/scopes.h"

namespace membership::api {
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
  // The path names the assembly: no read needed, and an account limited to other assemblies is
  // refused even where the assembly does not exist.
  ctx.router.scope("assemblies", [](const std::string& id) -> std::optional<http::Scope> {
    return http::Scope{id};
  });
  ctx.router.scope("members", resolver(ctx.db, store::member_assembly));
  ctx.router.scope("roles", resolver(ctx.db, store::role_assembly));
  ctx.router.scope("trainings", resolver(ctx.db, store::training_assembly));
  ctx.router.scope("evaluations", resolver(ctx.db, store::evaluation_assembly));
}

}  // namespace membership::api
