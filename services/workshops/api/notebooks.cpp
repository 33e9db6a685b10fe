// Submitted synthesis notebooks are public (Paris: the notebooks give "l'état de leurs travaux et
// leurs questionnements" to the executive, which answers them with a mandate): their list, their
// text, a PDF, and the version each mandate answers. Versions not submitted stay with the workshop
// (api/documents).
#include "api/notebooks.h"

#include "api/json.h"
#include "app/documents.h"
#include "assembly/core/pdf.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"

namespace workshops::api {
using namespace assembly::service::api;

namespace {

int version_of(const http::Request& req) {
  const auto& s = req.param("version");
  try {
    std::size_t used = 0;
    int n = std::stoi(s, &used);
    if (used == s.size() && n >= 1) return n;
  } catch (const std::exception&) {
  }
  throw http::not_found("no version " + s);
}

// A submitted version as the public reads it: no author (a member's id).
json public_json(const std::string& workshop_id, const store::NotebookVersion& v, bool with_text) {
  json out = {{"workshop_id", workshop_id},
              {"version", v.version},
              {"note", v.note},
              {"created_at", v.created_at},
              {"submitted_at", v.submitted_at ? json(*v.submitted_at) : json()}};
  if (with_text) out["text"] = v.text;
  return out;
}

http::Response list_submitted(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    app::must_find_workshop(tx, id);
    return store::submitted_versions(tx, id);
  });
  return http::Response::json(
      200,
      {{"workshop_id", id},
       {"items", http::json_array(out, [&](const auto& v) { return public_json(id, v, false); })}});
}

http::Response get_submitted(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  int v = version_of(req);
  auto out = d.db.transact([&](pqxx::work& tx) {
    app::must_find_workshop(tx, id);
    return app::must_find_submitted(tx, id, v);
  });
  return http::Response::json(200, public_json(id, out, true));
}

http::Response submitted_pdf(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  int v = version_of(req);
  auto [w, version] = d.db.transact([&](pqxx::work& tx) {
    auto w = app::must_find_workshop(tx, id);
    return std::make_pair(w, app::must_find_submitted(tx, id, v));
  });
  const auto title = "Carnet de synthèse — " + w.title + " — version " +
                     std::to_string(version.version) + " (" + version.submitted_at->substr(0, 10) +
                     ")";
  auto r =
      http::Response::text(200, assembly::core::text_pdf(title, version.text), "application/pdf");
  r.headers.emplace_back("Content-Disposition", "inline; filename=\"notebook-" + w.theme + "-v" +
                                                    std::to_string(version.version) + ".pdf\"");
  return r;
}

http::Response mandate_notebook(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto n = d.db.transact([&](pqxx::work& tx) { return app::mandate_notebook(tx, id); });
  auto out = public_json(n.workshop.id, n.version, true);
  out["mandate_id"] = n.mandate.id;
  return http::Response::json(200, out);
}

}  // namespace

void add_notebook_routes(assembly::service::Context& ctx) {
  auto route = routes_with(ctx);
  auto& r = ctx.router;
  r.add(Method::Get, "/v1/workshops/:id/notebook/submitted", Access::anyone(),
        route(list_submitted));
  r.add(Method::Get, "/v1/workshops/:id/notebook/submitted/:version", Access::anyone(),
        route(get_submitted));
  r.add(Method::Get, "/v1/workshops/:id/notebook/versions/:version/pdf", Access::anyone(),
        route(submitted_pdf));
  r.add(Method::Get, "/v1/mandates/:id/notebook", Access::anyone(), route(mandate_notebook));
}

}  // namespace workshops::api
