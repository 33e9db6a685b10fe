#include "api/routes.h"

#include <algorithm>

#include "assembly/auth/auth.h"
#include "assembly/http/body.h"
#include "assembly/http/cache.h"
#include "store/workshop_store.h"

namespace workshops::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;

namespace {
nlohmann::json to_json(const store::Workshop& w) {
  return {{"id", w.id},       {"assembly_id", w.assembly_id}, {"theme", w.theme},
          {"title", w.title}, {"roster_size", w.roster_size}, {"created_at", w.created_at}};
}
}  // namespace

void add_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  using namespace assembly::auth;

  // Public: the workshops of an assembly, by theme and size, never by name.
  ctx.router.add(
      Method::Get, "/v1/workshops", Access::anyone(),
      http::cached(
          [&db](http::Request& req) {
            auto assembly_id = body::required_query(req, "assembly_id");
            auto list = db.transact([&](pqxx::work& tx) { return store::list(tx, assembly_id); });
            return http::Response::items(list, [](const auto& w) { return to_json(w); });
          },
          ctx.public_cache_ttl));

  ctx.router.add(Method::Get, "/v1/workshops/:id", Access::anyone(),
                 http::cached(
                     [&db](http::Request& req) {
                       auto id = body::uuid_param(req, "id");
                       auto w = db.transact([&](pqxx::work& tx) { return store::find(tx, id); });
                       if (!w) throw http::not_found("no workshop " + id);
                       return http::Response::json(200, to_json(*w));
                     },
                     ctx.public_cache_ttl));

  // The roster: the secretariat, or a member of this workshop (a member reads their workshop).
  ctx.router.add(
      Method::Get, "/v1/workshops/:id/roster", Access::roles_of({kSecretariat, kMember}),
      [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto w = db.transact([&](pqxx::work& tx) { return store::find(tx, id); });
        if (!w) throw http::not_found("no workshop " + id);
        const auto& caller = req.caller();
        if (!caller.has(kSecretariat) && std::find(w->member_ids.begin(), w->member_ids.end(),
                                                   caller.subject) == w->member_ids.end())
          throw http::forbidden("a member reads only their own workshop's roster");
        return http::Response::json(200, {{"workshop_id", w->id}, {"member_ids", w->member_ids}});
      });
}

}  // namespace workshops::api
