// Evidence of a commitment as an uploaded document (libs/documents, docs/documents.md): kept in
// the object store, then added to the commitment's evidence like a link, at the document's
// stable address (which a public document redirects to a fresh signed link), so that the
// commitment, its timeline and the transparency page show it as they show links.
#include "api/uploads.h"

#include <optional>

#include "api/json.h"
#include "app/commitments.h"
#include "assembly/auth/auth.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"

namespace followup::api {
using namespace assembly::service::api;
namespace documents = assembly::documents;

namespace {

documents::Policy evidence_policy() {
  return {
      3 << 20,
      {documents::Kind::pdf, documents::Kind::png, documents::Kind::jpeg, documents::Kind::webp}};
}

http::Response upload_evidence(assembly::db::Pool& db, assembly::events::Outbox& outbox,
                               documents::Store& store, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto label = documents::upload_label(req);
  const app::Staff staff{req.caller().actor(), req.caller().department};
  db.transact([&](pqxx::work& tx) { app::may_add_evidence(tx, staff, id); });
  std::optional<store::CommitmentView> c;
  auto doc = store.upload(db, req, evidence_policy(), {"commitment", id, label, true},
                          [&](pqxx::work& tx, const documents::Document& d) {
                            c = app::add_evidence(tx, outbox, staff, id,
                                                  "/api/followup/v1/documents/" + d.id, label);
                          });
  auto out = to_json(*c);
  out["document"] = documents::to_json(store, doc);
  return http::Response::json(201, out);
}

}  // namespace

void add_upload_routes(assembly::service::Context& ctx, std::shared_ptr<documents::Store> store) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  ctx.router.add(
      Method::Post, "/v1/commitments/:id/evidence/file",
      Access::roles_of({assembly::auth::kCityService}),
      [&db, &outbox, store](http::Request& req) {
        return upload_evidence(db, outbox, documents::require(store), req);
      },
      documents::upload_route_options());
  documents::add_download_route(ctx.router, db, store);
}

}  // namespace followup::api
