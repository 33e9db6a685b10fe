#include "api/routes.h"

#include "assembly/auth/auth.h"
#include "assembly/http/body.h"
#include "assembly/membership/v1/events.pb.h"
#include "store/member_store.h"

namespace membership::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;

namespace {
nlohmann::json to_json(const store::Member& m) {
  return {{"id", m.id},           {"assembly_id", m.assembly_id}, {"person_id", m.person_id},
          {"pool", m.pool},       {"draw_id", m.draw_id},         {"status", m.status},
          {"workshop_theme", m.workshop_theme}, {"created_at", m.created_at},
          {"replaces", m.replaces.empty() ? nlohmann::json() : nlohmann::json(m.replaces)},
          {"status_reason", m.status_reason.empty() ? nlohmann::json() : nlohmann::json(m.status_reason)}};
}
}  // namespace

void add_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  using namespace assembly::auth;

  ctx.router.add(Method::Get, "/v1/members", Access::roles_of({kSecretariat}), [&db](http::Request& req) {
    auto assembly_id = body::required_query(req, "assembly_id");
    auto members = db.transact([&](pqxx::work& tx) { return store::list(tx, assembly_id); });
    return http::Response::items(members, [](const auto& m) { return to_json(m); });
  });

  // Object-level access: a member sees only their own record (token subject = member id).
  ctx.router.add(Method::Get, "/v1/members/:id", Access::roles_of({kSecretariat, kMember}),
                 [&db](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   const auto& caller = req.caller();
                   if (!caller.has(kSecretariat) && caller.subject != id)
                     throw http::forbidden("a member may read only their own record");
                   auto m = db.transact([&](pqxx::work& tx) { return store::find(tx, id); });
                   if (!m) throw http::not_found("no member " + id);
                   return http::Response::json(200, to_json(*m));
                 });

  // A selected member declines (the secretariat records it, or the member says so): sortition
  // draws a replacement by itself (MemberDeclined), which arrives here as a new member.
  ctx.router.add(Method::Post, "/v1/members/:id/decline", Access::roles_of({kSecretariat, kMember}),
                 [&db, &outbox](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   const auto& caller = req.caller();
                   if (!caller.has(kSecretariat) && caller.subject != id)
                     throw http::forbidden("a member may decline only for themself");
                   auto reason = body::string(req.json(), "reason", "", 500);
                   auto m = db.transact([&](pqxx::work& tx) {
                     auto m = store::find(tx, id);
                     if (!m) throw http::not_found("no member " + id);
                     if (!store::change_status(tx, id, "selected", "declined", reason, caller.subject))
                       throw http::conflict("the member is " + m->status + "; only a selected member can decline");
                     assembly::membership::v1::MemberDeclined e;
                     e.set_member_id(id);
                     e.set_assembly_id(m->assembly_id);
                     e.set_person_id(m->person_id);
                     e.set_panel_draw_id(m->draw_id);
                     e.set_reason(reason);
                     outbox.append(tx, e, id);
                     return *store::find(tx, id);
                   });
                   return http::Response::json(200, to_json(m));
                 });
}

}  // namespace membership::api
