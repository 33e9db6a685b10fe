// The public site's pages membership renders (docs/site.md): the home, every assembly with its
// figures, and an assembly's page. Routes only: the SQL is in store/, the HTML in page/.
#include "api/site.h"

#include "assembly/core/time.h"
#include "assembly/service/site.h"
#include "page/site.h"

namespace membership::api {
using namespace assembly::service::api;
using assembly::site::Lang;

namespace {

assembly::site::Page home(Deps d, http::Request&, Lang lang) {
  auto cohorts = d.db.transact([](pqxx::work& tx) { return store::list_cohorts(tx); });
  return page::home(cohorts, assembly::core::utc_today(), lang);
}

assembly::site::Page assembly_page(Deps d, http::Request& req, Lang lang) {
  const auto& id = req.param("id");
  auto [a, evaluations] = d.db.transact([&](pqxx::work& tx) {
    auto found = store::find_public_assembly(tx, id);
    if (!found) throw http::not_found("no assembly " + id);
    std::vector<app::Results> results;
    for (const auto& e : found->closed_evaluations)
      results.push_back(app::evaluation_results(tx, e));
    return std::make_pair(*found, results);
  });
  return page::assembly(a, evaluations, assembly::core::utc_today(), lang);
}

}  // namespace

void add_site_pages(assembly::service::Context& ctx) {
  assembly::service::add_site_page(ctx, "/", "/en/", home);
  assembly::service::add_site_page(ctx, "/assemblee/:id", "/en/assembly/:id", assembly_page);
}

}  // namespace membership::api
