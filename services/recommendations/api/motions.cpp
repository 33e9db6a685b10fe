// The motion's text drafted together: versions proposed in co-construction
// sessions (who proposed each), listed and compared; public to read.
#include "api/routes.h"
#include "app/versions.h"
#include "assembly/auth/auth.h"
#include "assembly/core/diff.h"
#include "assembly/core/ids.h"
#include "assembly/service/api.h"

namespace recommendations::api {
using namespace assembly::service::api;

namespace {

app::NewMotionVersion read_version(http::Request& req) {
  app::NewMotionVersion v;
  v.motion_id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  v.title = f.string("title", 300);
  v.text = f.string("text", 50000);
  v.session_id = f.string("session_id", 64);
  f.check(v.session_id.empty() || assembly::core::is_uuid(v.session_id), "/session_id",
          "session_id is the co-construction session's id (a uuid)");
  const bool has_proposer = b.is_object() && b.contains("proposed_by");
  f.check(has_proposer, "/proposed_by", "proposed_by is required: {kind, member_id|organisation}");
  if (has_proposer) {
    auto g = f.nested(b["proposed_by"], "/proposed_by");
    const auto kind_name = g.string("kind", 40);
    const auto kind = domain::parse_proposer_kind(kind_name);
    g.check(kind_name.empty() || kind.has_value(), "/proposed_by/kind",
            "kind must be member, department, elected-representative or "
            "secretariat");
    v.proposer.member_id = g.string_or("member_id", "", 64);
    v.proposer.organisation = g.string_or("organisation", "", 200);
    if (kind) {
      v.proposer.kind = *kind;
      for (const auto& p : domain::proposer_problems(v.proposer, "/proposed_by"))
        f.check(false, p.pointer, p.detail);
    }
  }
  v.note = f.string_or("note", "", 5000);
  f.done();
  return v;
}

json version_json(const store::MotionVersion& v) {
  json by = {{"kind", domain::to_string(v.proposer.kind)}};
  by["member_id"] = v.proposer.member_id.empty() ? json() : json(v.proposer.member_id);
  by["organisation"] = v.proposer.organisation.empty() ? json() : json(v.proposer.organisation);
  return {{"motion_id", v.motion_id},
          {"version", v.version},
          {"title", v.title},
          {"text", v.text},
          {"session_id", v.session_id.empty() ? json() : json(v.session_id)},
          {"proposed_by", by},
          {"note", v.note},
          {"created_at", v.created_at}};
}

http::Response propose(Deps d, http::Request& req) {
  auto v = read_version(req);
  const app::Actor by{req.caller().actor(), req.caller().has(assembly::auth::kSecretariat)};
  try {
    auto out =
        d.db.transact([&](pqxx::work& tx) { return app::propose_version(tx, d.outbox, v, by); });
    return http::Response::json(201, version_json(out));
  } catch (const app::StatusRefused& r) {
    throw http::to_problem(r.refusal()).with("status", r.status());
  }
}

http::Response list(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    if (!store::find(tx, id)) throw assembly::core::not_found("no motion " + id);
    return store::motion_versions(tx, id);
  });
  return http::Response::items(out, version_json);
}

http::Response diff(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  int from = body::version_param(req, "from"), to = body::version_param(req, "to");
  auto [a, b] = d.db.transact([&](pqxx::work& tx) {
    return std::make_pair(app::must_find_version(tx, id, from), app::must_find_version(tx, id, to));
  });
  return http::Response::json(
      200, {{"motion_id", id},
            {"from", from},
            {"to", to},
            {"title_from", a.title},
            {"title_to", b.title},
            {"unified", assembly::core::render_diff(assembly::core::diff_lines(a.text, b.text))}});
}

}  // namespace

void add_motion_version_routes(assembly::service::Context& ctx) {
  auto route = routes_with(ctx);
  auto& r = ctx.router;
  r.add(Method::Post, "/v1/motions/:id/versions", Access::secretariat_or_member(), route(propose));
  r.add(Method::Get, "/v1/motions/:id/versions", Access::anyone(), route(list));
  r.add(Method::Get, "/v1/motions/:id/diff", Access::anyone(), route(diff));
}

}  // namespace recommendations::api
