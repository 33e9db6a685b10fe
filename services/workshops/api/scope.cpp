#include "api/scope.h"

#include "store/scope_store.h"

namespace workshops::api {
namespace http = assembly::http;
namespace auth = assembly::auth;

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
  r.scope("workshops", resolver(ctx.db, &store::workshop_belonging));
  r.scope("sessions", resolver(ctx.db, &store::session_belonging));
  r.scope("mandates", resolver(ctx.db, &store::mandate_belonging));
  // An assembly's phases: the assembly is the route's own `:id`.
  r.scope("assemblies",
          [](const std::string& id) -> std::optional<http::Scope> { return http::Scope{id}; });
}

bool reads_as_facilitator(const auth::Principal& caller) {
  return caller.has(auth::kFacilitator) && !caller.has(auth::kSecretariat) &&
         !caller.has(auth::kMember);
}

void facilitator_reads(const auth::Principal& caller, const std::string& workshop_id) {
  if (reads_as_facilitator(caller) &&
      (workshop_id.empty() || caller.workshops.count(workshop_id) == 0))
    throw http::forbidden("a facilitator reads only its workshops' sessions and rosters");
}

}  // namespace workshops::api
