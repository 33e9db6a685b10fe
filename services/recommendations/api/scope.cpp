#include "api/scope.h"

#include "store/scope.h"

namespace recommendations::api {
namespace http = assembly::http;

namespace {

using Lookup = std::optional<store::Belonging> (*)(pqxx::transaction_base&, const std::string&);

http::ScopeResolver resolver(assembly::db::Pool& db, Lookup lookup) {
  return [&db, lookup](const std::string& id) -> std::optional<http::Scope> {
    auto b = db.transact([&](pqxx::work& tx) { return lookup(tx, id); });
    if (!b) return std::nullopt;
    return http::Scope{b->assembly_id, b->workshop_id};
  };
}

}  // namespace

void add_scope_resolvers(assembly::service::Context& ctx) {
  auto& r = ctx.router;
  r.scope("ballots", resolver(ctx.db, &store::ballot_belonging));
  r.scope("motions", resolver(ctx.db, &store::motion_belonging));
  r.scope("recommendations", resolver(ctx.db, &store::recommendation_belonging));
  r.scope("amendments", resolver(ctx.db, &store::amendment_belonging));
}

}  // namespace recommendations::api
