#include "api/routes.h"

#include "api/json.h"
#include "assembly/http/body.h"
#include "assembly/http/cache.h"
#include "assembly/service/api.h"
#include "store/dossier_store.h"

namespace followup::api {
using namespace assembly::service::api;

namespace {

http::Response list_dossiers(assembly::db::Pool& db, http::Request& req) {
  auto assembly_id = body::required_query(req, "assembly_id");
  auto list = db.transact([&](pqxx::work& tx) { return store::list(tx, assembly_id); });
  return http::Response::items(list, [](const auto& d) { return to_json(d); });
}

http::Response get_dossier(assembly::db::Pool& db, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto d = db.transact([&](pqxx::work& tx) { return store::find(tx, id); });
  if (!d) throw http::not_found("no dossier " + id);
  return http::Response::json(200, to_json(*d));
}

}  // namespace

void add_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  const auto ttl = ctx.public_cache_ttl;
  ctx.router.add(Method::Get, "/v1/dossiers", Access::anyone(),
                 http::cached([&db](http::Request& req) { return list_dossiers(db, req); }, ttl,
                              {"assembly_id"}));
  ctx.router.add(Method::Get, "/v1/dossiers/:id", Access::anyone(),
                 http::cached([&db](http::Request& req) { return get_dossier(db, req); }, ttl));
}

}  // namespace followup::api
