// The bailiff-signed record of a panel draw: the secretariat uploads the signed PDF once the draw
// is done, and it is kept with the draw (libs/documents, docs/documents.md). Public, like the
// record it signs: the record's page links to it.
#include "api/uploads.h"

#include "app/selections.h"
#include "assembly/auth/auth.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"

namespace sortition::api {
using namespace assembly::service::api;
namespace documents = assembly::documents;

namespace {

const char* kOwner = "selection";

documents::Policy signed_record_policy() {
  return {3 << 20, {documents::Kind::pdf}};
}

http::Response upload_signed_record(Deps d, documents::Store& store, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto label = documents::upload_label(req, "Procès-verbal signé par l’huissier");
  // Only a draw that took place has a record to sign (404 or 409 before anything is kept).
  d.db.transact([&](pqxx::work& tx) { return app::done_selection(tx, id); });
  auto doc = store.upload(d.db, req, signed_record_policy(), {kOwner, id, label, true});
  // The uploader sees who kept it; the public list does not name them.
  return http::Response::json(201, documents::to_json(store, doc, true));
}

http::Response signed_records(Deps d, documents::Store& store, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto list = d.db.transact([&](pqxx::work& tx) {
    app::public_selection(tx, id);
    return documents::of(tx, kOwner, id);
  });
  return http::Response::items(list,
                               [&](const auto& doc) { return documents::to_json(store, doc); });
}

}  // namespace

std::vector<documents::Document> signed_records_of(pqxx::transaction_base& tx,
                                                   const std::string& selection_id) {
  return documents::of(tx, kOwner, selection_id);
}

void add_upload_routes(assembly::service::Context& ctx, std::shared_ptr<documents::Store> store) {
  Deps d{ctx.db, ctx.outbox};
  auto& r = ctx.router;
  r.add(
      Method::Post, "/v1/selections/:id/signed-record", Access::secretariat(),
      [d, store](http::Request& req) {
        return upload_signed_record(d, documents::require(store), req);
      },
      documents::upload_route_options());
  r.add(
      Method::Get, "/v1/selections/:id/signed-records", Access::anyone(),
      [d, store](http::Request& req) { return signed_records(d, documents::require(store), req); });
  documents::add_download_route(r, ctx.db, store);
}

}  // namespace sortition::api
