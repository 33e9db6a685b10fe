#include "api/routes.h"

#include "api/json.h"
#include "app/site.h"
#include "assembly/http/body.h"
#include "assembly/http/cache.h"
#include "assembly/service/api.h"
#include "assembly/service/site.h"
#include "store/motion_store.h"

namespace recommendations::api {
using namespace assembly::service::api;

namespace {

http::Response list_motions(Deps d, http::Request& req) {
  auto assembly_id = body::required_query(req, "assembly_id");
  auto list = d.db.transact([&](pqxx::work& tx) { return store::list(tx, assembly_id); });
  return http::Response::items(list, [](const auto& m) { return to_json(m); });
}

http::Response get_motion(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto m = d.db.transact([&](pqxx::work& tx) { return store::find(tx, id); });
  if (!m) throw http::not_found("no motion " + id);
  return http::Response::json(200, to_json(*m));
}

// The site's page of the assembly's recommendations and motions (docs/site.md), in French and
// English.
assembly::site::Page motions_site_page(Deps d, http::Request& req, assembly::site::Lang lang) {
  const auto& assembly_id = req.param("id");
  return page::motions_page(
      d.db.transact([&](pqxx::work& tx) { return app::assembly_motions(tx, assembly_id); }), lang);
}

}  // namespace

void add_routes(assembly::service::Context& ctx) {
  auto route = routes_with(ctx);
  const auto ttl = ctx.public_cache_ttl;
  ctx.router.add(Method::Get, "/v1/motions", Access::anyone(),
                 http::cached(route(list_motions), ttl, {"assembly_id"}));
  ctx.router.add(Method::Get, "/v1/motions/:id", Access::anyone(),
                 http::cached(route(get_motion), ttl));
  assembly::service::add_site_page(ctx, "/voeux/:id", "/en/motions/:id", motions_site_page);
}

}  // namespace recommendations::api
