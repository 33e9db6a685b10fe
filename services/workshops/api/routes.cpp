#include "api/routes.h"

#include <algorithm>

#include "api/json.h"
#include "api/scope.h"
#include "app/documents.h"
#include "app/site.h"
#include "assembly/auth/auth.h"
#include "assembly/auth/reading.h"
#include "assembly/http/body.h"
#include "assembly/http/cache.h"
#include "assembly/service/api.h"
#include "assembly/service/site.h"
#include "domain/departments.h"
#include "store/workshop_store.h"

namespace workshops::api {
using namespace assembly::service::api;

namespace {

store::Workshop must_find(assembly::db::Pool& db, const std::string& id) {
  auto w = db.transact([&](pqxx::work& tx) { return store::find(tx, id); });
  if (!w) throw http::not_found("no workshop " + id);
  return *w;
}

// Public: the workshops of an assembly, by theme and size, never by name.
http::Response list_workshops(Deps d, http::Request& req) {
  auto assembly_id = body::required_query(req, "assembly_id");
  auto list = d.db.transact([&](pqxx::work& tx) { return store::list(tx, assembly_id); });
  return http::Response::items(list, [](const auto& w) { return to_json(w); });
}

http::Response get_workshop(Deps d, http::Request& req) {
  return http::Response::json(200, to_json(must_find(d.db, body::uuid_param(req, "id"))));
}

// The roster: the secretariat, a member of this workshop (a member reads their workshop), or
// its facilitator.
http::Response roster(Deps d, http::Request& req) {
  auto w = must_find(d.db, body::uuid_param(req, "id"));
  const auto& caller = req.caller();
  if (reads_as_facilitator(caller)) {
    facilitator_reads(caller, w.id);
  } else if (!assembly::auth::reads_as_secretariat(caller) &&
             std::find(w.member_ids.begin(), w.member_ids.end(), caller.actor()) ==
                 w.member_ids.end())
    throw http::forbidden("a member reads only their own workshop's roster");
  return http::Response::json(200, {{"workshop_id", w.id}, {"member_ids", w.member_ids}});
}

// The city departments the workshop concerns (secretariat): the whole list, each code named when
// at fault.
http::Response put_departments(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  const auto& given = f.array("departments");
  std::vector<std::string> codes;
  for (const auto& c : given) codes.push_back(c.is_string() ? c.get<std::string>() : "");
  if (f.has("departments") && b.at("departments").is_array())  // else named already
    for (const auto& fault : domain::departments_faults(codes))
      f.check(false, "/departments" + fault.pointer, fault.detail);
  f.done();
  auto w = d.db.transact([&](pqxx::work& tx) { return app::set_departments(tx, id, codes); });
  return http::Response::json(200, to_json(w));
}

// The site's page of the assembly's workshops (docs/site.md), in French and English.
assembly::site::Page workshops_site_page(Deps d, http::Request& req, assembly::site::Lang lang) {
  const auto& assembly_id = req.param("id");
  return page::workshops_page(
      d.db.transact([&](pqxx::work& tx) { return app::assembly_workshops(tx, assembly_id); }),
      lang);
}

}  // namespace

void add_routes(assembly::service::Context& ctx) {
  auto route = routes_with(ctx);
  const auto ttl = ctx.public_cache_ttl;
  auto& r = ctx.router;
  r.add(Method::Get, "/v1/workshops", Access::anyone(),
        http::cached(route(list_workshops), ttl, {"assembly_id"}));
  r.add(Method::Get, "/v1/workshops/:id", Access::anyone(), http::cached(route(get_workshop), ttl));
  r.add(Method::Get, "/v1/workshops/:id/roster",
        Access::roles_of(
            {assembly::auth::kSecretariat, assembly::auth::kMember, assembly::auth::kFacilitator}),
        route(roster));
  r.add(Method::Put, "/v1/workshops/:id/departments", Access::secretariat(),
        route(put_departments));
  assembly::service::add_site_page(ctx, "/ateliers/:id", "/en/workshops/:id", workshops_site_page);
}

}  // namespace workshops::api
