// Commitments: for each recommendation of a motion the Council adopted, what the city commits
// to, made and updated by the city-service staff of the department that owns it (app/
// commitments). Everyone reads.
#include "app/commitments.h"

#include "api/json.h"
#include "api/routes.h"
#include "api/scopes.h"
#include "assembly/auth/auth.h"
#include "assembly/core/time.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"

namespace followup::api {
using namespace assembly::service::api;

namespace {

app::Staff staff_of(const http::Request& req) {
  return {req.caller().actor(), req.caller().department};
}

std::vector<std::string> deliverables_input(body::Fields& f) {
  std::vector<std::string> out;
  if (!f.has("deliverables")) return out;
  const auto& list = f.array("deliverables");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const bool ok = list[i].is_string() && !list[i].get<std::string>().empty() &&
                    list[i].get<std::string>().size() <= 500;
    f.check(ok, "/deliverables/" + std::to_string(i),
            "a deliverable is a text of 1 to 500 characters");
    if (ok) out.push_back(list[i].get<std::string>());
  }
  return out;
}

std::vector<app::MilestoneInput> milestones_input(body::Fields& f) {
  std::vector<app::MilestoneInput> out;
  if (!f.has("milestones")) return out;
  const auto& list = f.array("milestones");
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto m = f.nested(list[i], "/milestones/" + std::to_string(i));
    out.push_back({m.string("title", 300), m.date("due_on")});
  }
  return out;
}

// Every field at fault is named at once; the department is the token's (a body naming another
// is refused, 403, when the fields before it are right, as the request reads).
app::NewCommitmentInput new_commitment_input(const http::Request& req, const json& b) {
  body::Fields f(b);
  app::NewCommitmentInput in;
  in.recommendation_id = f.string("recommendation_id", 64);
  in.title = f.string("title", 300);
  in.description = f.string_or("description", "", 20000);
  in.department = f.string_or("department", "", 200);
  if (f.ok()) in.department = http::acting_department(req, in.department);
  in.elected_official = f.string_or("elected_official", "", 200);
  in.deliverables = deliverables_input(f);
  in.milestones = milestones_input(f);
  f.done();
  return in;
}

http::Response create(assembly::db::Pool& db, assembly::events::Outbox& outbox,
                      http::Request& req) {
  auto in = new_commitment_input(req, req.json());
  auto c = db.transact([&](pqxx::work& tx) {
    return app::create_commitment(tx, outbox, staff_of(req), in, scope_check(req));
  });
  return http::Response::json(201, to_json(c));
}

http::Response list(assembly::db::Pool& db, http::Request& req) {
  auto assembly_id = body::required_query(req, "assembly_id");
  auto list = db.transact(
      [&](pqxx::work& tx) { return store::commitment_views_of(tx, assembly_id, false); });
  json items = json::array();
  for (const auto& c : list) items.push_back(to_json(c));
  return http::Response::json(200, {{"items", items}});
}

http::Response get(assembly::db::Pool& db, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto c = db.transact([&](pqxx::work& tx) { return store::commitment_view(tx, id, true); });
  if (!c) throw http::not_found("no commitment " + id);
  return http::Response::json(200, to_json(*c));
}

// Status and progress, under the progress rules (domain/commitment.h).
http::Response patch(assembly::db::Pool& db, assembly::events::Outbox& outbox, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  domain::CommitmentChange change;
  if (b.is_object() && b.contains("status")) {
    const auto text = f.string("status", 40);
    change.status = domain::parse_status(text);
    f.check(text.empty() || change.status.has_value(), "/status",
            "status is planned, in-progress, done, delayed or abandoned");
  }
  if (b.is_object() && b.contains("progress"))
    change.progress = static_cast<int>(f.integer("progress", -1000, 1000));
  change.reason = f.string_or("reason", "", 5000);
  f.done();
  auto c = db.transact(
      [&](pqxx::work& tx) { return app::change_progress(tx, outbox, staff_of(req), id, change); });
  return http::Response::json(200, to_json(c));
}

http::Response add_milestone(assembly::db::Pool& db, assembly::events::Outbox& outbox,
                             http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  app::MilestoneInput m{f.string("title", 300), f.date("due_on")};
  f.done();
  auto c = db.transact(
      [&](pqxx::work& tx) { return app::add_milestone(tx, outbox, staff_of(req), id, m); });
  return http::Response::json(201, to_json(c));
}

// {"done_on": "YYYY-MM-DD"} (default today; not in the future).
http::Response milestone_done(assembly::db::Pool& db, assembly::events::Outbox& outbox,
                              http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto milestone = body::uuid_param(req, "milestone");
  const auto b = req.json();
  body::Fields f(b);
  // The input check reads the service's clock (no database round trip for a bad request).
  const auto today = assembly::core::utc_today();
  auto done_on = b.is_object() && b.contains("done_on") ? f.date("done_on") : today;
  f.check(done_on <= today, "/done_on", "a milestone is done on a past day or today");
  f.done();
  auto c = db.transact([&](pqxx::work& tx) {
    return app::milestone_done(tx, outbox, staff_of(req), id, milestone, done_on);
  });
  return http::Response::json(200, to_json(c));
}

// {"due_on", "reason"}; the reason is kept on the timeline.
http::Response move_milestone(assembly::db::Pool& db, assembly::events::Outbox& outbox,
                              http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto milestone = body::uuid_param(req, "milestone");
  const auto b = req.json();
  body::Fields f(b);
  auto due_on = f.date("due_on");
  auto reason = f.string("reason", 5000);  // an empty reason is named ("must not be empty")
  f.done();
  auto c = db.transact([&](pqxx::work& tx) {
    return app::move_milestone(tx, outbox, staff_of(req), id, milestone, due_on, reason);
  });
  return http::Response::json(200, to_json(c));
}

// A link to what shows the work (a decision, a document, a site).
http::Response add_evidence(assembly::db::Pool& db, assembly::events::Outbox& outbox,
                            http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto url = f.string("url", 2000);
  if (!url.empty()) {  // an empty one is named already
    const bool web = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
    f.check(web, "/url", "evidence is an http or https link");
    f.check(!web || url.find_first_of(" \t\r\n\"<>") == std::string::npos, "/url",
            "the link has spaces or quotes");
  }
  auto label = f.string("label", 300);  // an empty label is named ("must not be empty")
  f.done();
  auto c = db.transact(
      [&](pqxx::work& tx) { return app::add_evidence(tx, outbox, staff_of(req), id, url, label); });
  return http::Response::json(201, to_json(c));
}

}  // namespace

void add_commitment_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  auto& r = ctx.router;
  const Access city = Access::roles_of({assembly::auth::kCityService});
  using Handler =
      http::Response (*)(assembly::db::Pool&, assembly::events::Outbox&, http::Request&);
  auto act = [&db, &outbox](Handler h) {
    return [&db, &outbox, h](http::Request& req) { return h(db, outbox, req); };
  };
  // The recommendation named in the body gives the assembly: the use case checks the limits.
  r.add(Method::Post, "/v1/commitments", city, act(create),
        http::RouteOptions{1 << 20, true, http::ScopeCheck::in_handler});
  r.add(Method::Get, "/v1/commitments", Access::anyone(),
        [&db](http::Request& req) { return list(db, req); });
  r.add(Method::Get, "/v1/commitments/:id", Access::anyone(),
        [&db](http::Request& req) { return get(db, req); });
  r.add(Method::Patch, "/v1/commitments/:id", city, act(patch));
  r.add(Method::Post, "/v1/commitments/:id/milestones", city, act(add_milestone));
  r.add(Method::Post, "/v1/commitments/:id/milestones/:milestone/done", city, act(milestone_done));
  r.add(Method::Put, "/v1/commitments/:id/milestones/:milestone/due-date", city,
        act(move_milestone));
  r.add(Method::Post, "/v1/commitments/:id/evidence", city, act(add_evidence));
}

}  // namespace followup::api
