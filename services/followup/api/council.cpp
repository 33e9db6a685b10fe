// The Council: sessions, their agenda (one item per motion sent to the Council), the debate and
// the decision. Council clerks record; everyone reads.
#include "store/council.h"

#include "api/routes.h"
#include "assembly/auth/auth.h"
#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/db/sql_time.h"
#include "assembly/followup/v1/events.pb.h"
#include "assembly/http/body.h"

namespace followup::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;
using nlohmann::json;

namespace {

json session_json(pqxx::transaction_base& tx, const std::string& id) {
  auto s = store::find_session(tx, id);
  if (!s) throw http::not_found("no Council session " + id);
  json agenda = json::array();
  for (const auto& item_id : store::agenda_of(tx, id))
    agenda.push_back(store::agenda_item_json(tx, item_id));
  (*s)["agenda"] = agenda;
  return *s;
}

json must_item(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = tx.exec_params("SELECT 1 FROM agenda_items WHERE id = $1", id);
  if (rows.empty()) throw http::not_found("no agenda item " + id);
  return store::agenda_item_json(tx, id);
}

void undecided(const json& item) {
  if (!item["decision"].is_null())
    throw http::conflict("the Council decided on this motion (" +
                         item["decision"].get<std::string>() + "): its record is closed");
}

}  // namespace

void add_council_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  const Access clerk = Access::roles_of({assembly::auth::kCouncilClerk});

  ctx.router.add(Method::Post, "/v1/council-sessions", clerk, [&db](http::Request& req) {
    auto b = req.json();
    auto name = body::string(b, "name", "", 200);
    if (name.empty()) throw http::unprocessable("name is required", "/name");
    auto held_on = body::date(b, "held_on");
    auto council = body::string_or(b, "body", "Conseil de Paris", "", 200);
    auto out = db.transact([&](pqxx::work& tx) {
      auto id = assembly::core::new_uuid();
      tx.exec_params(
          "INSERT INTO council_sessions (id, name, body, held_on, created_by) VALUES ($1, $2, $3, "
          "$4, $5)",
          id, name, council, held_on, req.caller().subject);
      // Motions already sent and waiting go on the agenda of the first session to come.
      if (held_on >= assembly::core::utc_today())
        store::place_waiting_motions(tx, req.caller().subject);
      return session_json(tx, id);
    });
    return http::Response::json(201, out);
  });

  ctx.router.add(Method::Get, "/v1/council-sessions", Access::anyone(), [&db](http::Request&) {
    auto out = db.transact([&](pqxx::work& tx) {
      json items = json::array();
      for (const auto& r : tx.exec("SELECT id FROM council_sessions ORDER BY held_on, created_at"))
        items.push_back(session_json(tx, r[0].as<std::string>()));
      return items;
    });
    return http::Response::json(200, {{"items", out}});
  });

  ctx.router.add(Method::Get, "/v1/council-sessions/:id", Access::anyone(),
                 [&db](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   return http::Response::json(
                       200, db.transact([&](pqxx::work& tx) { return session_json(tx, id); }));
                 });

  // Puts a motion sent to the Council on a session's agenda, or moves it there from another
  // session while the Council has not decided.
  ctx.router.add(
      Method::Post, "/v1/council-sessions/:id/agenda-items", clerk, [&db](http::Request& req) {
        auto session_id = body::uuid_param(req, "id");
        auto b = req.json();
        auto dossier_id = body::string(b, "dossier_id", "", 64);
        auto [status, out] = db.transact([&](pqxx::work& tx) {
          if (!store::find_session(tx, session_id))
            throw http::not_found("no Council session " + session_id);
          auto d = tx.exec_params(
              "SELECT sent_to_council_at IS NOT NULL FROM dossiers WHERE id = $1 FOR UPDATE",
              dossier_id);
          if (d.empty()) throw http::unprocessable("no dossier " + dossier_id, "/dossier_id");
          if (!d[0][0].as<bool>())
            throw http::conflict("the motion of dossier " + dossier_id +
                                 " has not been sent to the Council");
          auto existing = tx.exec_params(
              "SELECT id, decision IS NOT NULL FROM agenda_items WHERE dossier_id = $1",
              dossier_id);
          if (!existing.empty()) {
            if (existing[0][1].as<bool>())
              throw http::conflict("the Council already decided on this motion");
            tx.exec_params(
                "UPDATE agenda_items SET session_id = $2, position = (SELECT "
                "coalesce(max(position), 0) + 1 FROM agenda_items "
                "WHERE session_id = $2), placed_by = $3, placed_at = now() WHERE id = $1",
                existing[0][0].as<std::string>(), session_id, req.caller().subject);
            return std::pair{200, store::agenda_item_json(tx, existing[0][0].as<std::string>())};
          }
          return std::pair{201, store::agenda_item_json(tx, store::place(tx, session_id, dossier_id,
                                                                         req.caller().subject))};
        });
        return http::Response::json(status, out);
      });

  // The debate: the spokespersons' presentation, a summary, each political group's position.
  ctx.router.add(Method::Put, "/v1/agenda-items/:id/debate", clerk, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto b = req.json();
    auto presentation = body::string_or(b, "presentation", "", "", 20000);
    auto summary = body::string_or(b, "summary", "", "", 20000);
    struct Position {
      std::string group, position, summary;
    };
    std::vector<Position> positions;
    if (b.contains("positions")) {
      const auto& list = body::array(b, "positions");
      std::set<std::string> seen;
      for (std::size_t i = 0; i < list.size(); ++i) {
        const auto at = "/positions/" + std::to_string(i);
        const auto& p = body::object(list[i], at);
        Position pos{body::string(p, "group", at, 200), body::string(p, "position", at, 20),
                     body::string_or(p, "summary", "", at, 5000)};
        if (pos.group.empty())
          throw http::unprocessable("a political group is named", at + "/group");
        if (!seen.insert(pos.group).second)
          throw http::unprocessable("group " + pos.group + " appears twice", at + "/group");
        if (pos.position != "for" && pos.position != "against" && pos.position != "abstention" &&
            pos.position != "divided")
          throw http::unprocessable("position is for, against, abstention or divided",
                                    at + "/position");
        positions.push_back(std::move(pos));
      }
    }
    auto out = db.transact([&](pqxx::work& tx) {
      undecided(must_item(tx, id));
      tx.exec_params("UPDATE agenda_items SET presentation = $2, debate_summary = $3 WHERE id = $1",
                     id, presentation, summary);
      tx.exec_params("DELETE FROM group_positions WHERE agenda_item_id = $1", id);
      for (const auto& p : positions)
        tx.exec_params(
            "INSERT INTO group_positions (agenda_item_id, political_group, position, summary) "
            "VALUES ($1, $2, $3, $4)",
            id, p.group, p.position, p.summary);
      return store::agenda_item_json(tx, id);
    });
    return http::Response::json(200, out);
  });

  // The decision with its vote counts, recorded once: CouncilDecisionRecorded.
  ctx.router.add(
      Method::Post, "/v1/agenda-items/:id/decision", clerk, [&db, &outbox](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto b = req.json();
        auto decision = body::string(b, "decision", "", 40);
        if (decision != "adopted" && decision != "adopted-with-amendments" &&
            decision != "rejected")
          throw http::unprocessable("decision is adopted, adopted-with-amendments or rejected",
                                    "/decision");
        const int votes_for = static_cast<int>(body::integer(b, "votes_for", 0, 1000));
        const int votes_against = static_cast<int>(body::integer(b, "votes_against", 0, 1000));
        const int abstentions = static_cast<int>(body::integer(b, "abstentions", 0, 1000));
        auto amendments = body::string_or(b, "amendments", "", "", 20000);
        if (decision == "adopted-with-amendments" && amendments.empty())
          throw http::unprocessable("say which amendments the Council made", "/amendments");
        if (decision != "rejected" && votes_for <= votes_against)
          throw http::unprocessable("an adopted motion has more votes for than against",
                                    "/votes_for");
        if (decision == "rejected" && votes_for > votes_against)
          throw http::unprocessable("a rejected motion has no more votes for than against",
                                    "/votes_against");
        auto out = db.transact([&](pqxx::work& tx) {
          auto item = must_item(tx, id);
          undecided(item);
          tx.exec_params(
              "UPDATE agenda_items SET decision = $2, votes_for = $3, votes_against = $4, "
              "abstentions = $5, amendments = $6, "
              "decided_at = now(), decided_by = $7 WHERE id = $1",
              id, decision, votes_for, votes_against, abstentions, amendments,
              req.caller().subject);
          tx.exec_params("UPDATE dossiers SET stage = $2 WHERE id = $1",
                         item["dossier_id"].get<std::string>(),
                         decision == "rejected" ? "closed" : "decided");
          auto after = store::agenda_item_json(tx, id);
          assembly::followup::v1::CouncilDecisionRecorded e;
          e.set_dossier_id(after["dossier_id"].get<std::string>());
          e.set_motion_id(after["motion_id"].get<std::string>());
          e.set_assembly_id(after["assembly_id"].get<std::string>());
          e.set_session_id(after["session_id"].get<std::string>());
          e.set_session_name(after["session_name"].get<std::string>());
          e.set_held_on(after["held_on"].get<std::string>());
          e.set_decision(decision);
          e.set_votes_for(votes_for);
          e.set_votes_against(votes_against);
          e.set_abstentions(abstentions);
          for (const auto& r : after["recommendations"])
            e.add_recommendation_ids(r["id"].get<std::string>());
          outbox.append(tx, e, e.dossier_id());
          return after;
        });
        return http::Response::json(200, out);
      });
}

}  // namespace followup::api
