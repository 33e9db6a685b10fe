// The public transparency page (French at /transparence/{assembly}, English at
// /transparency/{assembly}) and the open data, all from one tree.
#include "api/routes.h"
#include "assembly/core/time.h"
#include "assembly/http/body.h"
#include "assembly/http/cache.h"
#include "page/transparency.h"
#include "store/commitments.h"
#include "store/council.h"
#include "store/dossier_store.h"

namespace followup::api {
namespace http = assembly::http;
using assembly::http::Access;
using assembly::http::Method;
using nlohmann::json;

namespace {

json tree_of(assembly::db::Pool& db, const std::string& assembly_id) {
  return db.transact([&](pqxx::work& tx) {
    json motions = json::array();
    for (const auto& d : store::list(tx, assembly_id)) {
      auto text = tx.exec_params("SELECT motion_text FROM dossiers WHERE id = $1", d.id)[0][0]
                      .as<std::string>();
      json council;
      auto item = tx.exec_params("SELECT id FROM agenda_items WHERE dossier_id = $1", d.id);
      if (!item.empty()) {
        council = store::agenda_item_json(tx, item[0][0].as<std::string>());
        for (const char* k : {"recommendations", "dossier_id", "motion_id", "assembly_id", "theme",
                              "title", "spokespersons", "id"})
          council.erase(k);
      }
      json commitments = json::array();
      for (const auto& r : tx.exec_params(
               "SELECT id FROM commitments WHERE dossier_id = $1 ORDER BY created_at, id", d.id))
        commitments.push_back(store::commitment_json(tx, r[0].as<std::string>(), true));
      motions.push_back(
          {{"dossier_id", d.id},
           {"motion_id", d.motion_id},
           {"theme", d.theme},
           {"title", d.title},
           {"text", text},
           {"stage", d.stage},
           {"adopted_by_assembly_at",
            d.adopted_by_assembly_at.empty() ? json() : json(d.adopted_by_assembly_at)},
           {"sent_to_council_at",
            d.sent_to_council_at.empty() ? json() : json(d.sent_to_council_at)},
           {"spokespersons", d.spokespersons},
           {"recommendations", store::recommendations_of(tx, d.id)},
           {"council", council},
           {"commitments", commitments}});
    }
    return json{{"assembly_id", assembly_id},
                {"generated_at", assembly::core::utc_now()},
                {"motions", motions},
                {"reports", reports_json(tx, assembly_id)}};
  });
}

http::Response page(assembly::db::Pool& db, const http::Request& req, page::Lang lang) {
  auto r = http::Response::text(200, page::render_html(tree_of(db, assembly_param(req)), lang),
                                "text/html; charset=utf-8");
  r.headers.emplace_back("Content-Language", lang == page::Lang::fr ? "fr" : "en");
  return r;
}

http::Response download(std::string body, const std::string& type, const std::string& name) {
  auto r = http::Response::text(200, std::move(body), type);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return r;
}

}  // namespace

void add_public_page(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  const auto ttl = ctx.public_cache_ttl;
  ctx.router.add(
      Method::Get, "/transparence/:id", Access::anyone(),
      http::cached([&db](http::Request& req) { return page(db, req, page::Lang::fr); }, ttl));
  ctx.router.add(
      Method::Get, "/transparency/:id", Access::anyone(),
      http::cached([&db](http::Request& req) { return page(db, req, page::Lang::en); }, ttl));
  ctx.router.add(Method::Get, "/open-data/assemblies/:id/follow-up.json", Access::anyone(),
                 http::cached(
                     [&db](http::Request& req) {
                       return http::Response::json(200, tree_of(db, assembly_param(req)));
                     },
                     ttl));
  ctx.router.add(Method::Get, "/open-data/assemblies/:id/commitments.csv", Access::anyone(),
                 http::cached(
                     [&db](http::Request& req) {
                       return download(page::commitments_csv(tree_of(db, assembly_param(req))),
                                       "text/csv; charset=utf-8", "commitments.csv");
                     },
                     ttl));
  ctx.router.add(Method::Get, "/open-data/assemblies/:id/milestones.csv", Access::anyone(),
                 http::cached(
                     [&db](http::Request& req) {
                       return download(page::milestones_csv(tree_of(db, assembly_param(req))),
                                       "text/csv; charset=utf-8", "milestones.csv");
                     },
                     ttl));
}

}  // namespace followup::api
