// A session's documents as uploaded files (libs/documents, docs/documents.md). Not public: read
// by the people who read the session's participants, through links that expire.
#include "api/uploads.h"

#include "api/scope.h"
#include "app/participants.h"
#include "app/sessions.h"
#include "assembly/auth/auth.h"
#include "assembly/auth/reading.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"

namespace workshops::api {
using namespace assembly::service::api;
namespace documents = assembly::documents;

namespace {

const char* kOwner = "session";

documents::Policy session_policy() {
  return {
      3 << 20,
      {documents::Kind::pdf, documents::Kind::png, documents::Kind::jpeg, documents::Kind::webp}};
}

http::Response upload(Deps d, documents::Store& store, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto label = documents::upload_label(req);
  d.db.transact([&](pqxx::work& tx) { return app::must_find(tx, id); });
  auto doc = store.upload(d.db, req, session_policy(), {kOwner, id, label, false});
  return http::Response::json(201, documents::to_json(store, doc, true));
}

http::Response files(Deps d, documents::Store& store, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto& caller = req.caller();
  const bool staff = assembly::auth::reads_as_secretariat(caller) || reads_as_facilitator(caller);
  auto list = d.db.transact([&](pqxx::work& tx) {
    facilitator_reads(caller, app::session_for_reader(tx, id, caller.actor(), staff).workshop_id);
    return documents::of(tx, kOwner, id);
  });
  // Who uploaded each one is said to the staff (the secretariat, the facilitators), not to members.
  return http::Response::items(
      list, [&](const auto& doc) { return documents::to_json(store, doc, staff); });
}

}  // namespace

void add_upload_routes(assembly::service::Context& ctx, std::shared_ptr<documents::Store> store) {
  Deps d{ctx.db, ctx.outbox};
  const Access runs =
      Access::roles_of({assembly::auth::kSecretariat, assembly::auth::kFacilitator});
  const Access reads = Access::roles_of(
      {assembly::auth::kSecretariat, assembly::auth::kMember, assembly::auth::kFacilitator});
  auto& r = ctx.router;
  r.add(
      Method::Post, "/v1/sessions/:id/documents/file", runs,
      [d, store](http::Request& req) { return upload(d, documents::require(store), req); },
      documents::upload_route_options());
  r.add(Method::Get, "/v1/sessions/:id/documents/files", reads,
        [d, store](http::Request& req) { return files(d, documents::require(store), req); });
  documents::add_download_route(r, ctx.db, store);
}

}  // namespace workshops::api
