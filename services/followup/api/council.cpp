// The Council: sessions, their agenda (one item per motion sent to the Council), the debate and
// the decision (app/council). Council clerks record; everyone reads.
#include "app/council.h"

#include <set>

#include "api/json.h"
#include "api/routes.h"
#include "api/scopes.h"
#include "assembly/auth/auth.h"
#include "assembly/core/refusal.h"
#include "assembly/db/sql_time.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"

namespace followup::api {
using namespace assembly::service::api;

namespace {

json session_json(const app::SessionView& s) {
  return to_json(s.session, s.agenda);
}

http::Response create_session(assembly::db::Pool& db, http::Request& req) {
  const auto b = req.json();
  body::Fields f(b);
  auto name = f.string("name", 200);
  auto held_on = f.date("held_on");
  auto council = f.string_or("body", "Conseil de Paris", 200);
  f.done();
  auto s = db.transact([&](pqxx::work& tx) {
    return app::create_session(tx, name, council, held_on, req.caller().actor(),
                               assembly::db::today(tx));
  });
  return http::Response::json(201, session_json(s));
}

http::Response list_sessions(assembly::db::Pool& db) {
  auto sessions = db.transact([&](pqxx::work& tx) { return app::all_sessions(tx); });
  json items = json::array();
  for (const auto& s : sessions) items.push_back(session_json(s));
  return http::Response::json(200, {{"items", items}});
}

http::Response get_session(assembly::db::Pool& db, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  return http::Response::json(
      200, session_json(db.transact([&](pqxx::work& tx) { return app::session_view(tx, id); })));
}

// {dossier_id}: 201 when placed, 200 when moved from another session.
http::Response place(assembly::db::Pool& db, http::Request& req) {
  auto session_id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto dossier_id = f.string("dossier_id", 64);
  f.done();
  auto [item, placed] = db.transact([&](pqxx::work& tx) {
    return app::place_on_agenda(tx, session_id, dossier_id, req.caller().actor(), scope_check(req));
  });
  return http::Response::json(placed ? 201 : 200, to_json(item));
}

std::vector<store::GroupPositionRow> positions_input(body::Fields& f, const json& b) {
  std::vector<store::GroupPositionRow> positions;
  if (!b.is_object() || !b.contains("positions")) return positions;
  const auto& list = f.array("positions");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto at = "/positions/" + std::to_string(i);
    auto p = f.nested(list[i], at);
    store::GroupPositionRow pos{p.string("group", 200), p.string("position", 20),
                                p.string_or("summary", "", 5000)};
    // An empty text is a mistake the reader named already.
    f.check(pos.group.empty() || seen.insert(pos.group).second, at + "/group",
            "group " + pos.group + " appears twice");
    f.check(pos.position.empty() || domain::parse_group_position(pos.position).has_value(),
            at + "/position", "position is for, against, abstention or divided");
    positions.push_back(std::move(pos));
  }
  return positions;
}

// The spokespersons' presentation, a summary, each political group's position.
http::Response put_debate(assembly::db::Pool& db, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto presentation = f.string_or("presentation", "", 20000);
  auto summary = f.string_or("summary", "", 20000);
  auto positions = positions_input(f, b);
  f.done();
  auto item = db.transact(
      [&](pqxx::work& tx) { return app::record_debate(tx, id, presentation, summary, positions); });
  return http::Response::json(200, to_json(item));
}

// The decision with its vote counts, recorded once. The vote rules (domain::check) are checked
// when every field reads right.
http::Response post_decision(assembly::db::Pool& db, assembly::events::Outbox& outbox,
                             http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  const auto text = f.string("decision", 40);
  const auto decision = domain::parse_decision(text);
  f.check(text.empty() || decision.has_value(), "/decision",
          "decision is adopted, adopted-with-amendments or rejected");
  domain::Decision d{decision.value_or(domain::CouncilDecision::rejected)};
  d.votes_for = static_cast<int>(f.integer("votes_for", 0, 1000));
  d.votes_against = static_cast<int>(f.integer("votes_against", 0, 1000));
  d.abstentions = static_cast<int>(f.integer("abstentions", 0, 1000));
  d.amendments = f.string_or("amendments", "", 20000);
  if (f.ok()) {
    try {
      domain::check(d);
    } catch (const assembly::core::Refused& r) {
      if (r.kind() != assembly::core::Refusal::Kind::invalid) throw;
      f.check(false, r.refusal().field, r.refusal().detail);
    }
  }
  f.done();
  auto item = db.transact([&](pqxx::work& tx) {
    return app::record_decision(tx, outbox, id, d, req.caller().actor());
  });
  return http::Response::json(200, to_json(item));
}

}  // namespace

void add_council_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  auto& r = ctx.router;
  const Access clerk = Access::roles_of({assembly::auth::kCouncilClerk});
  // A Council session serves every assembly (a new one takes the motions waiting, whatever their
  // assembly): no resolver, so an account limited to some assemblies may not create one.
  r.add(Method::Post, "/v1/council-sessions", clerk,
        [&db](http::Request& req) { return create_session(db, req); });
  r.add(Method::Get, "/v1/council-sessions", Access::anyone(),
        [&db](http::Request&) { return list_sessions(db); });
  r.add(Method::Get, "/v1/council-sessions/:id", Access::anyone(),
        [&db](http::Request& req) { return get_session(db, req); });
  // The motion's dossier, named in the body, gives the assembly: the use case checks the limits.
  r.add(
      Method::Post, "/v1/council-sessions/:id/agenda-items", clerk,
      [&db](http::Request& req) { return place(db, req); },
      http::RouteOptions{1 << 20, true, http::ScopeCheck::in_handler});
  r.add(Method::Put, "/v1/agenda-items/:id/debate", clerk,
        [&db](http::Request& req) { return put_debate(db, req); });
  r.add(Method::Post, "/v1/agenda-items/:id/decision", clerk,
        [&db, &outbox](http::Request& req) { return post_decision(db, outbox, req); });
}

}  // namespace followup::api
