// The Council: sessions, their agenda (one item per motion sent to the Council), the debate and
// the decision (app/council). Council clerks record; everyone reads.
#include "app/council.h"

#include <set>

#include "api/json.h"
#include "api/routes.h"
#include "assembly/auth/auth.h"
#include "assembly/core/time.h"
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
    return app::create_session(tx, name, council, held_on, req.caller().subject,
                               assembly::core::utc_today());
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
  auto b = req.json();
  auto dossier_id = body::string(b, "dossier_id", "", 64);
  auto [item, placed] = db.transact([&](pqxx::work& tx) {
    return app::place_on_agenda(tx, session_id, dossier_id, req.caller().subject);
  });
  return http::Response::json(placed ? 201 : 200, to_json(item));
}

std::vector<store::GroupPositionRow> positions_input(const json& b) {
  std::vector<store::GroupPositionRow> positions;
  if (!b.contains("positions")) return positions;
  const auto& list = body::array(b, "positions");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto at = "/positions/" + std::to_string(i);
    const auto& p = body::object(list[i], at);
    store::GroupPositionRow pos{body::string(p, "group", at, 200),
                                body::string(p, "position", at, 20),
                                body::string_or(p, "summary", "", at, 5000)};
    if (pos.group.empty()) throw http::unprocessable("a political group is named", at + "/group");
    if (!seen.insert(pos.group).second)
      throw http::unprocessable("group " + pos.group + " appears twice", at + "/group");
    if (!domain::parse_group_position(pos.position))
      throw http::unprocessable("position is for, against, abstention or divided",
                                at + "/position");
    positions.push_back(std::move(pos));
  }
  return positions;
}

// The spokespersons' presentation, a summary, each political group's position.
http::Response put_debate(assembly::db::Pool& db, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto b = req.json();
  auto presentation = body::string_or(b, "presentation", "", "", 20000);
  auto summary = body::string_or(b, "summary", "", "", 20000);
  auto positions = positions_input(b);
  auto item = db.transact(
      [&](pqxx::work& tx) { return app::record_debate(tx, id, presentation, summary, positions); });
  return http::Response::json(200, to_json(item));
}

// The decision with its vote counts, recorded once.
http::Response post_decision(assembly::db::Pool& db, assembly::events::Outbox& outbox,
                             http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto b = req.json();
  auto decision = domain::parse_decision(body::string(b, "decision", "", 40));
  if (!decision)
    throw http::unprocessable("decision is adopted, adopted-with-amendments or rejected",
                              "/decision");
  domain::Decision d{*decision};
  d.votes_for = static_cast<int>(body::integer(b, "votes_for", 0, 1000));
  d.votes_against = static_cast<int>(body::integer(b, "votes_against", 0, 1000));
  d.abstentions = static_cast<int>(body::integer(b, "abstentions", 0, 1000));
  d.amendments = body::string_or(b, "amendments", "", "", 20000);
  domain::check(d);
  auto item = db.transact([&](pqxx::work& tx) {
    return app::record_decision(tx, outbox, id, d, req.caller().subject);
  });
  return http::Response::json(200, to_json(item));
}

}  // namespace

void add_council_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  auto& r = ctx.router;
  const Access clerk = Access::roles_of({assembly::auth::kCouncilClerk});
  r.add(Method::Post, "/v1/council-sessions", clerk,
        [&db](http::Request& req) { return create_session(db, req); });
  r.add(Method::Get, "/v1/council-sessions", Access::anyone(),
        [&db](http::Request&) { return list_sessions(db); });
  r.add(Method::Get, "/v1/council-sessions/:id", Access::anyone(),
        [&db](http::Request& req) { return get_session(db, req); });
  r.add(Method::Post, "/v1/council-sessions/:id/agenda-items", clerk,
        [&db](http::Request& req) { return place(db, req); });
  r.add(Method::Put, "/v1/agenda-items/:id/debate", clerk,
        [&db](http::Request& req) { return put_debate(db, req); });
  r.add(Method::Post, "/v1/agenda-items/:id/decision", clerk,
        [&db, &outbox](http::Request& req) { return post_decision(db, outbox, req); });
}

}  // namespace followup::api
