#include "api/routes.h"

#include "assembly/http/body.h"
#include "assembly/http/cache.h"
#include "store/dossier_store.h"

namespace followup::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;

namespace {
nlohmann::json to_json(const store::Dossier& d) {
  auto or_null = [](const std::string& s) {
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
  };
  return {{"id", d.id},
          {"motion_id", d.motion_id},
          {"assembly_id", d.assembly_id},
          {"theme", d.theme},
          {"stage", d.stage},
          {"opened_at", d.opened_at},
          {"title", d.title},
          {"adopted_by_assembly_at", or_null(d.adopted_by_assembly_at)},
          {"sent_to_council_at", or_null(d.sent_to_council_at)},
          {"spokespersons", d.spokespersons}};
}
}  // namespace

void add_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  ctx.router.add(
      Method::Get, "/v1/dossiers", Access::anyone(),
      http::cached(
          [&db](http::Request& req) {
            auto assembly_id = body::required_query(req, "assembly_id");
            auto list = db.transact([&](pqxx::work& tx) { return store::list(tx, assembly_id); });
            return http::Response::items(list, [](const auto& d) { return to_json(d); });
          },
          ctx.public_cache_ttl));
  ctx.router.add(Method::Get, "/v1/dossiers/:id", Access::anyone(),
                 http::cached(
                     [&db](http::Request& req) {
                       auto id = body::uuid_param(req, "id");
                       auto d = db.transact([&](pqxx::work& tx) { return store::find(tx, id); });
                       if (!d) throw http::not_found("no dossier " + id);
                       return http::Response::json(200, to_json(*d));
                     },
                     ctx.public_cache_ttl));
}

}  // namespace followup::api
