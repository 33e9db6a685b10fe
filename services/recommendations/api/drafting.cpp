#include "app/drafting.h"

#include "api/json.h"
#include "api/routes.h"
#include "assembly/auth/auth.h"
#include "assembly/core/diff.h"
#include "assembly/core/ids.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"

namespace recommendations::api {
using namespace assembly::service::api;

namespace {

app::Actor actor(const http::Request& req) {
  return {req.caller().actor(), req.caller().has(assembly::auth::kSecretariat)};
}

http::Response draft(Deps d, http::Request& req) {
  const auto b = req.json();
  body::Fields f(b);
  auto workshop_id = f.string("workshop_id", 64);
  auto title = f.string("title", 300);
  auto text = f.string("text", 100000);
  f.done();
  // The workshop's assembly is known once it is found: the limits of the caller's account are
  // checked then, before anything is written.
  auto may_act = [&req](const std::string& assembly_id, const std::string& workshop) {
    http::require_scope(req, http::Scope{assembly_id, workshop});
  };
  auto r = d.db.transact([&](pqxx::work& tx) {
    return app::draft(tx, workshop_id, title, text, actor(req), may_act);
  });
  return http::Response::json(201, to_json(r));
}

http::Response list(Deps d, http::Request& req) {
  auto assembly_id = body::required_query(req, "assembly_id");
  auto department = req.query_param("department").value_or("");
  auto out = d.db.transact(
      [&](pqxx::work& tx) { return store::list_recommendations(tx, assembly_id, department); });
  return http::Response::items(out, [](const auto& r) { return to_json(r); });
}

http::Response get(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    auto r = to_json(app::must_find_recommendation(tx, id));
    r["versions"] = to_json_array(store::versions(tx, id));
    r["changes"] = to_json_array(store::status_changes(tx, id));
    r["amendments"] = to_json_array(store::amendments_of(tx, id));
    return r;
  });
  return http::Response::json(200, out);
}

http::Response diff(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  int from = body::version_param(req, "from"), to = body::version_param(req, "to");
  auto lines = d.db.transact([&](pqxx::work& tx) {
    app::must_find_recommendation(tx, id);
    auto a = app::version_text(tx, id, from);
    auto b = app::version_text(tx, id, to);
    return assembly::core::diff_lines(a, b);
  });
  return http::Response::json(200, {{"recommendation_id", id},
                                    {"from", from},
                                    {"to", to},
                                    {"unified", assembly::core::render_diff(lines)}});
}

// Amendments: proposed by the workshop's members on a draft; the workshop's decision, recorded by
// the secretariat, accepts (a new version) or rejects it.
http::Response propose_amendment(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto text = f.string("text", 100000);  // an empty text is named ("must not be empty")
  auto rationale = f.string_or("rationale", "", 5000);
  f.done();
  auto a = d.db.transact(
      [&](pqxx::work& tx) { return app::propose_amendment(tx, id, text, rationale, actor(req)); });
  return http::Response::json(201, {{"id", a.id},
                                    {"recommendation_id", id},
                                    {"base_version", a.base_version},
                                    {"state", a.state}});
}

http::Response decide_amendment(Deps d, bool accept, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto r = d.db.transact(
      [&](pqxx::work& tx) { return app::decide_amendment(tx, id, accept, req.caller().actor()); });
  return http::Response::json(200, to_json(r));
}

// The status: adopt (the workshop), hand-over (at a plenary: RecommendationSubmitted),
// co-construct, withdraw (with a reason). Carried comes with the motion sent to the Council.
http::Response change_status(Deps d, const std::string& action, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.body.empty() ? json::object() : req.json();
  body::Fields f(b);
  auto reason = f.string_or("reason", "", 1000);
  auto plenary = f.string_or("plenary_session_id", "", 64);
  // A reason given but wrong is named already.
  f.check(action != "withdraw" || !reason.empty() || f.has("reason"), "/reason",
          "a reason is required");
  f.check(!domain::step_needs_plenary(action) || assembly::core::is_uuid(plenary),
          "/plenary_session_id",
          "the plenary session where it is handed over is required (a uuid)");
  f.done();
  try {
    auto r = d.db.transact([&](pqxx::work& tx) {
      return app::change_status(tx, d.outbox, id, action, reason, req.caller().actor(), plenary);
    });
    return http::Response::json(200, to_json(r));
  } catch (const app::StatusRefused& r) {
    throw http::to_problem(r.refusal()).with("status", r.status());
  }
}

// The secretariat addresses a handed-over recommendation to the departments that are to answer it
// (the whole list: one no longer named is dropped).
http::Response address(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  std::vector<std::string> departments;
  const auto& list = f.array("departments");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const bool ok = list[i].is_string() && !list[i].get<std::string>().empty() &&
                    list[i].get<std::string>().size() <= 200;
    f.check(ok, "/departments/" + std::to_string(i),
            "a department is a name (1 to 200 characters)");
    if (ok) departments.push_back(list[i].get<std::string>());
  }
  f.done();
  try {
    auto r = d.db.transact(
        [&](pqxx::work& tx) { return app::address(tx, id, departments, req.caller().actor()); });
    return http::Response::json(200, to_json(r));
  } catch (const app::StatusRefused& r) {
    throw http::to_problem(r.refusal()).with("status", r.status());
  }
}

// Co-construction: city services attach feedback (feasibility, cost, legal constraints; the
// department is their token's); members of the workshop answer; the whole exchange is kept and
// readable.
http::Response add_feedback(Deps d, http::Request& req) {
  store::Feedback f;
  f.recommendation_id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields in(b);
  f.text = in.string("text", 20000);  // an empty text is named ("must not be empty")
  f.reply_to = in.string_or("reply_to", "", 64);
  f.feasibility = in.string_or("feasibility", "", 2000);
  f.cost_estimate = in.string_or("cost_estimate", "", 500);
  f.legal_constraints = in.string_or("legal_constraints", "", 5000);
  f.department = in.string_or("department", "", 200);
  in.done();
  // The department giving it is the token's, never the body's (403 when it names another).
  f.department = http::acting_department(req, f.department);
  bool city = req.caller().has(assembly::auth::kCityService);
  auto out =
      d.db.transact([&](pqxx::work& tx) { return app::add_feedback(tx, f, city, actor(req)); });
  return http::Response::json(201, {{"id", out.id},
                                    {"recommendation_id", out.recommendation_id},
                                    {"author_role", out.author_role}});
}

http::Response list_feedback(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    app::must_find_recommendation(tx, id);
    return store::feedback_of(tx, id);
  });
  return http::Response::json(200, {{"recommendation_id", id}, {"items", to_json_array(out)}});
}

}  // namespace

void add_drafting_routes(assembly::service::Context& ctx) {
  const Deps d{ctx.db, ctx.outbox};
  auto route = routes_with(ctx);
  const Access staff_or_member = Access::secretariat_or_member();
  auto& r = ctx.router;
  // A draft names its workshop in its body: the limits are checked in the handler.
  r.add(Method::Post, "/v1/recommendations", staff_or_member, route(draft),
        http::RouteOptions{1 << 20, true, http::ScopeCheck::in_handler});
  r.add(Method::Get, "/v1/recommendations", Access::anyone(), route(list));
  r.add(Method::Get, "/v1/recommendations/:id", Access::anyone(), route(get));
  r.add(Method::Get, "/v1/recommendations/:id/diff", Access::anyone(), route(diff));
  r.add(Method::Post, "/v1/recommendations/:id/amendments", staff_or_member,
        route(propose_amendment));
  for (bool accept : {true, false})
    r.add(Method::Post, std::string("/v1/amendments/:id/") + (accept ? "accept" : "reject"),
          Access::secretariat(),
          [d, accept](http::Request& req) { return decide_amendment(d, accept, req); });
  for (const std::string action : {"adopt", "hand-over", "co-construct", "withdraw"})
    r.add(Method::Post, "/v1/recommendations/:id/" + action, Access::secretariat(),
          [d, action](http::Request& req) { return change_status(d, action, req); });
  r.add(Method::Put, "/v1/recommendations/:id/departments", Access::secretariat(), route(address));
  r.add(Method::Post, "/v1/recommendations/:id/feedback",
        Access::roles_of({assembly::auth::kCityService, assembly::auth::kMember}),
        route(add_feedback));
  r.add(Method::Get, "/v1/recommendations/:id/feedback", Access::anyone(), route(list_feedback));
}

}  // namespace recommendations::api
