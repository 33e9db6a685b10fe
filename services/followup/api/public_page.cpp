// The public transparency page in the site's frame (French at /transparence/{assembly}, English
// at /en/transparency/{assembly} and, its former address, /transparency/{assembly}) and the open
// data, all from one tree (store/public_tree).
#include "api/json.h"
#include "api/routes.h"
#include "assembly/core/time.h"
#include "assembly/db/sql_time.h"
#include "assembly/http/cache.h"
#include "assembly/service/api.h"
#include "assembly/service/site.h"
#include "page/transparency.h"
#include "store/public_tree.h"

namespace followup::api {
using namespace assembly::service::api;

namespace {

json tree_of(assembly::db::Pool& db, const std::string& assembly_id) {
  auto [tree, today] = db.transact([&](pqxx::work& tx) {
    return std::pair{store::load_public_tree(tx, assembly_id), assembly::db::today(tx)};
  });
  return tree_json(assembly_id, tree, assembly::core::utc_now(), today);
}

assembly::site::Page page(Deps d, http::Request& req, page::Lang lang) {
  return page::transparency_page(tree_of(d.db, assembly_param(req)), lang);
}

http::Response download(std::string body, const std::string& type, const std::string& name) {
  auto r = http::Response::text(200, std::move(body), type);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return r;
}

http::Response follow_up_json(assembly::db::Pool& db, const http::Request& req) {
  return http::Response::json(200, tree_of(db, assembly_param(req)));
}

http::Response commitments_csv(assembly::db::Pool& db, const http::Request& req) {
  return download(page::commitments_csv(tree_of(db, assembly_param(req))),
                  "text/csv; charset=utf-8", "commitments.csv");
}

http::Response milestones_csv(assembly::db::Pool& db, const http::Request& req) {
  return download(page::milestones_csv(tree_of(db, assembly_param(req))), "text/csv; charset=utf-8",
                  "milestones.csv");
}

}  // namespace

void add_public_page(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  const auto ttl = ctx.public_cache_ttl;
  using Handler = http::Response (*)(assembly::db::Pool&, const http::Request&);
  auto route = [&ctx, &db, ttl](const char* path, Handler h) {
    ctx.router.add(Method::Get, path, Access::anyone(),
                   http::cached([&db, h](http::Request& req) { return h(db, req); }, ttl));
  };
  assembly::service::add_site_page(ctx, "/transparence/:id", "/en/transparency/:id", page);
  assembly::service::add_site_page_alias(ctx, "/transparency/:id", page::Lang::en, page);
  route("/open-data/assemblies/:id/follow-up.json", follow_up_json);
  route("/open-data/assemblies/:id/commitments.csv", commitments_csv);
  route("/open-data/assemblies/:id/milestones.csv", milestones_csv);
}

}  // namespace followup::api
