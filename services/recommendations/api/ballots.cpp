#include "app/ballots.h"

#include "api/json.h"
#include "api/routes.h"
#include "app/drafting.h"
#include "app/motions.h"
#include "assembly/auth/auth.h"
#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"
#include "domain/motion.h"

namespace recommendations::api {
using namespace assembly::service::api;

namespace {

// What the vote and close routes need beyond the pool and outbox: the key secret votes are held
// under until the close.
struct Voting {
  Deps deps;
  std::shared_ptr<assembly::pii::Keyring> keyring;
};

app::NewBallot parse_new_ballot(http::Request& req) {
  auto b = req.json();
  body::Fields f(b);
  app::NewBallot n;
  n.assembly_id = f.string("assembly_id", 64);
  n.workshop = f.string_or("workshop", "", 64);
  n.motion_id = f.string_or("motion_id", "", 64);
  n.plenary_session_id = f.string_or("plenary_session_id", "", 64);
  f.check(n.plenary_session_id.empty() ? !domain::ballot_needs_plenary(n.workshop, n.motion_id)
                                       : assembly::core::is_uuid(n.plenary_session_id),
          "/plenary_session_id",
          "the plenary session where the assembly votes on the motion is required (a uuid)");
  n.question = f.string("question", 2000);
  const auto rule = domain::parse_rule(f.has("rule") ? f.string("rule", 40) : "");
  f.check(rule.has_value(), "/rule",
          "rule must be simple-majority, two-thirds, unanimity-of-votes-cast or "
          "unanimity-of-electorate");
  if (rule) n.rule = *rule;
  const bool quorum_ok = b.is_object() && b.contains("quorum") && b["quorum"].is_number() &&
                         b["quorum"].get<double>() >= 0 && b["quorum"].get<double>() <= 1;
  f.check(quorum_ok, "/quorum",
          "quorum is the share of the electorate that must take part, from 0 to 1");
  if (quorum_ok) n.quorum = b["quorum"];
  const bool secret_ok = b.is_object() && b.contains("secret") && b["secret"].is_boolean();
  f.check(secret_ok, "/secret", "secret must be true or false");
  if (secret_ok) n.secret = b["secret"];
  const bool hands_ok = !f.has("show_of_hands") || b["show_of_hands"].is_boolean();
  f.check(hands_ok, "/show_of_hands", "show_of_hands must be true or false");
  n.show_of_hands = hands_ok && f.has("show_of_hands") && b["show_of_hands"].get<bool>();
  f.check(!(n.show_of_hands && n.secret), "/show_of_hands",
          "a show of hands is not secret: open it with secret false");
  n.opens_at = f.has("opens_at") ? f.utc_time("opens_at") : assembly::core::utc_now();
  n.closes_at = f.utc_time("closes_at");
  if (!n.opens_at.empty() && !n.closes_at.empty())
    f.check(n.closes_at > n.opens_at, "/closes_at", "the ballot closes before it opens");
  f.done();
  n.created_by = req.caller().actor();
  return n;
}

// The secretariat opens a ballot: its electorate is fixed now, from the members as membership's
// events have made them known (active, of the workshop or of the whole assembly).
http::Response open_ballot(Deps d, http::Request& req) {
  auto n = parse_new_ballot(req);
  // The assembly is named in the body (a motion's ballot must be of that assembly's motion).
  http::require_scope(req, http::Scope{n.assembly_id});
  try {
    auto b = d.db.transact([&](pqxx::work& tx) { return app::open_ballot(tx, d.outbox, n); });
    return http::Response::json(201, to_json(b));
  } catch (const app::StatusRefused& r) {  // the motion is not at the step the ballot needs
    throw http::to_problem(r.refusal()).with("status", r.status());
  }
}

// Who would vote in a ballot opened now (the secretariat checks before opening one).
http::Response electorate(Deps d, http::Request& req) {
  auto assembly_id = body::required_query(req, "assembly_id");
  auto workshop = req.query_param("workshop").value_or("");
  auto out =
      d.db.transact([&](pqxx::work& tx) { return app::electorate_now(tx, assembly_id, workshop); });
  return http::Response::json(
      200, {{"assembly_id", assembly_id}, {"workshop", workshop}, {"member_ids", out}});
}

http::Response list_ballots(Deps d, http::Request& req) {
  auto assembly_id = body::required_query(req, "assembly_id");
  auto list = d.db.transact([&](pqxx::work& tx) { return store::list_ballots(tx, assembly_id); });
  return http::Response::items(list, [](const auto& b) { return to_json(b); });
}

http::Response get_ballot(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto b = d.db.transact([&](pqxx::work& tx) { return app::must_find(tx, id); });
  return http::Response::json(200, to_json(b));
}

// A member of the electorate votes, or changes their vote, while the ballot is open. In a secret
// ballot the first vote returns a receipt: with the voter's own sign-in, the only way to change
// the vote; after the close, it tells whether the vote was counted (never how).
http::Response cast_vote(const Voting& w, http::Request& req) {
  const auto& d = w.deps;
  app::Vote v;
  v.ballot_id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  const auto text = f.string("choice", 10);
  const auto choice = domain::parse_choice(text);
  f.check(text.empty() || choice.has_value(), "/choice",  // "" is named already
          "choice must be for, against or abstain");
  if (choice) v.choice = *choice;
  v.receipt = f.string_or("receipt", "", 64);
  f.done();
  v.member_id = req.caller().actor();
  auto outcome = d.db.transact(
      [&](pqxx::work& tx) { return app::cast_vote(tx, *w.keyring, v, assembly::core::utc_now()); });
  switch (outcome.kind) {
    case app::VoteOutcome::Kind::open_vote:
      return http::Response::json(200,
                                  {{"ballot_id", v.ballot_id}, {"choice", to_string(v.choice)}});
    case app::VoteOutcome::Kind::secret_changed:
      return http::Response::json(200, {{"ballot_id", v.ballot_id}, {"changed", true}});
    case app::VoteOutcome::Kind::secret_first:
      break;
  }
  return http::Response::json(
      200, {{"ballot_id", v.ballot_id},
            {"receipt", outcome.receipt},
            {"note",
             "keep this receipt: with your own sign-in it is the only way to change your vote "
             "while the ballot is open; once it closes it tells whether your vote was counted "
             "(never how)"}});
}

// The secretariat closes the ballot: a secret ballot's held votes are released, the result is
// counted from the stored votes and kept. A plenary ballot on a motion that passes adopts the
// motion (MotionAdopted).
http::Response close_ballot(const Voting& w, http::Request& req) {
  const auto& d = w.deps;
  auto id = body::uuid_param(req, "id");
  auto b = d.db.transact(
      [&](pqxx::work& tx) { return app::close_ballot(tx, d.outbox, *w.keyring, id); });
  return http::Response::json(200, to_json(b));
}

// The secretariat enters the tally of a ballot voted by a show of hands (who recorded it is the
// token's account; when, the service's clock). A correction is a new entry with a reason; the
// previous ones stay, and the last one is counted at the close.
http::Response record_tally(Deps d, http::Request& req) {
  app::NewTally t;
  t.ballot_id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  t.tally.for_votes = static_cast<int>(f.integer("for", 0, 1000000));
  t.tally.against = static_cast<int>(f.integer("against", 0, 1000000));
  t.tally.abstain = static_cast<int>(f.integer("abstain", 0, 1000000));
  t.reason = f.string_or("reason", "", 1000);
  f.done();
  t.recorded_by = req.caller().actor();
  try {
    auto entry = d.db.transact([&](pqxx::work& tx) { return app::record_tally(tx, t); });
    return http::Response::json(201, to_json(entry));
  } catch (const app::TallyRefused& r) {
    std::vector<http::FieldError> errors;
    for (const auto& fault : r.faults) errors.push_back({fault.pointer, fault.detail});
    throw http::Problem::invalid(errors);
  }
}

http::Response list_tallies(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) {
    app::must_find(tx, id);
    return store::tallies(tx, id);
  });
  return http::Response::items(out, [](const auto& t) { return to_json(t); });
}

// Public once closed: the totals and every stored vote (by voter in an open ballot; in a secret
// one the choices alone, with the list of who voted), so anyone can recount.
http::Response results(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto r = d.db.transact([&](pqxx::work& tx) { return app::results(tx, id); });
  return http::Response::json(200, to_json(r));
}

// A voter checks with their receipt, once the ballot is closed, that their vote was counted: the
// answer never says how they voted, so it proves nothing to anyone else.
http::Response check_receipt(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto& receipt = req.param("receipt");
  auto counted = d.db.transact([&](pqxx::work& tx) { return app::check_receipt(tx, id, receipt); });
  return http::Response::json(200, {{"ballot_id", id}, {"counted", counted}});
}

// The ids of a JSON array of strings; `what` names an element in the 422.
std::vector<std::string> id_list(body::Fields& f, const json& b, const std::string& name,
                                 const std::string& what) {
  std::vector<std::string> out;
  if (!b.is_object() || !b.contains(name)) return out;
  const auto& a = f.array(name);
  for (std::size_t i = 0; i < a.size(); ++i) {
    f.check(a[i].is_string(), "/" + name + "/" + std::to_string(i), what);
    if (a[i].is_string()) out.push_back(a[i].get<std::string>());
  }
  return out;
}

// The motion's text and spokespersons (members, active), then, once adopted, sent to the Council.
http::Response set_motion(Deps d, http::Request& req) {
  app::MotionDraft m;
  m.id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  m.title = f.string("title", 300);
  m.text = f.string("text", 50000);
  m.spokespersons = id_list(f, b, "spokespersons", "a spokesperson is a member id");
  m.recommendation_ids = id_list(f, b, "recommendation_ids", "a recommendation id is a string");
  f.done();
  m.by = req.caller().actor();
  d.db.transact([&](pqxx::work& tx) { app::set_motion_text(tx, d.outbox, m); });
  return http::Response::json(200, {{"id", m.id},
                                    {"title", m.title},
                                    {"text", m.text},
                                    {"spokespersons", m.spokespersons},
                                    {"recommendation_ids", m.recommendation_ids}});
}

http::Response send_to_council(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  d.db.transact(
      [&](pqxx::work& tx) { app::send_to_council(tx, d.outbox, id, req.caller().actor()); });
  return http::Response::json(200, {{"id", id}, {"status", "sent-to-council"}});
}

}  // namespace

void add_ballot_routes(assembly::service::Context& ctx,
                       std::shared_ptr<assembly::pii::Keyring> keyring) {
  auto route = routes_with(ctx);
  auto w = std::make_shared<Voting>(Voting{Deps{ctx.db, ctx.outbox}, std::move(keyring)});
  auto voting = [w](http::Response (*h)(const Voting&, http::Request&)) {
    return [w, h](http::Request& req) { return h(*w, req); };
  };
  const auto member = Access::roles_of({assembly::auth::kMember});
  auto& r = ctx.router;
  r.add(Method::Post, "/v1/ballots", Access::secretariat(), route(open_ballot),
        http::RouteOptions{1 << 20, true, http::ScopeCheck::in_handler});
  r.add(Method::Get, "/v1/electorate", Access::secretariat(), route(electorate));
  r.add(Method::Get, "/v1/ballots", Access::secretariat_or_member(), route(list_ballots));
  r.add(Method::Get, "/v1/ballots/:id", Access::secretariat_or_member(), route(get_ballot));
  r.add(Method::Post, "/v1/ballots/:id/votes", member, voting(cast_vote), http::unlinkable());
  r.add(Method::Post, "/v1/ballots/:id/close", Access::secretariat(), voting(close_ballot));
  r.add(Method::Post, "/v1/ballots/:id/tallies", Access::secretariat(), route(record_tally));
  r.add(Method::Get, "/v1/ballots/:id/tallies", Access::secretariat(), route(list_tallies));
  r.add(Method::Get, "/v1/ballots/:id/results", Access::anyone(), route(results));
  r.add(Method::Get, "/v1/ballots/:id/receipts/:receipt", Access::anyone(), route(check_receipt));
  r.add(Method::Put, "/v1/motions/:id", Access::secretariat(), route(set_motion));
  r.add(Method::Post, "/v1/motions/:id/send-to-council", Access::secretariat(),
        route(send_to_council));
}

}  // namespace recommendations::api
