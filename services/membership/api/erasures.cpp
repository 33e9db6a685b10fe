#include "api/erasures.h"

#include "app/erasures.h"
#include "assembly/erasure/v1/erasure.pb.h"
#include "assembly/http/body.h"
#include "assembly/logging/log.h"
#include "assembly/service/api.h"
#include "store/erasures.h"

namespace membership::api {
using namespace assembly::service::api;

namespace {

// The report: every service that erases, done (what, when) or pending.
json to_json(const app::ErasureProgress& p) {
  json services = json::array();
  bool complete = true;
  for (auto service : app::kErasingServices) {
    json s = {
        {"service", service}, {"state", "pending"}, {"erased", nullptr}, {"completed_at", nullptr}};
    for (const auto& r : p.reports)
      if (r.service == service)
        s = {{"service", service},
             {"state", "done"},
             {"erased", r.erased},
             {"completed_at", r.completed_at}};
    complete = complete && s["state"] == "done";
    services.push_back(s);
  }
  return {{"id", p.erasure.id},
          {"member_id", p.erasure.member_id},
          {"requested_by", p.erasure.requested_by},
          {"requested_at", p.erasure.requested_at},
          {"state", complete ? "complete" : "pending"},
          {"services", services}};
}

// Asks for the erasure of a member: 202 with the report the first time, 200 with the same
// erasure when it was asked for already.
http::Response request_erasure(Deps d, http::Request& req) {
  const auto b = req.json();
  body::Fields f(b);
  auto member_id = f.string("member_id", 64);
  f.check(!f.has("member_id") || !member_id.empty(), "/member_id", "member_id must not be empty");
  f.done();
  auto [progress, created] = d.db.transact([&](pqxx::work& tx) {
    auto [e, fresh] = app::request_erasure(tx, d.outbox, member_id, req.caller().actor());
    return std::make_pair(app::erasure_progress(tx, e.id), fresh);
  });
  if (created) assembly::log::info("erasure requested", {{"erasure_id", progress.erasure.id}});
  auto res = http::Response::json(created ? 202 : 200, to_json(progress));
  res.headers.emplace_back("Location", "/v1/erasures/" + progress.erasure.id);
  return res;
}

http::Response get_erasure(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto progress = d.db.transact([&](pqxx::work& tx) { return app::erasure_progress(tx, id); });
  return http::Response::json(200, to_json(progress));
}

}  // namespace

void add_erasure_routes(assembly::service::Context& ctx) {
  auto to = routes_with(ctx);
  const Access staff = Access::secretariat();
  ctx.router.add(Method::Post, "/v1/erasures", staff, to(request_erasure));
  ctx.router.add(Method::Get, "/v1/erasures/:id", staff, to(get_erasure));
  // Each service's answer, on its own topic; the producer of the envelope says which service.
  ctx.dispatcher.on<assembly::erasure::v1::ErasureCompleted>(
      [](pqxx::work& tx, const assembly::erasure::v1::ErasureCompleted& e,
         const assembly::events::Envelope& env) {
        if (e.erasure_id().empty() || env.producer().empty())
          throw assembly::events::Poison("ErasureCompleted without erasure id or producer");
        json erased = json::object();
        for (const auto& [kind, rows] : e.erased()) erased[kind] = rows;
        if (!store::record_erasure_report(tx, e.erasure_id(), env.producer(), erased))
          throw assembly::events::Poison("ErasureCompleted for an unknown erasure");
      });
}

}  // namespace membership::api
