#include <sodium.h>

#include "api/routes.h"
#include "assembly/auth/auth.h"
#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/db/sql_time.h"
#include "assembly/http/body.h"
#include "assembly/recommendations/v1/events.pb.h"
#include "domain/ballot.h"

namespace recommendations::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;
using nlohmann::json;

namespace {

constexpr const char* kBallotColumns =
    "SELECT id, assembly_id, workshop, coalesce(motion_id, ''), question, rule, quorum, secret, " SQL_UTC("opens_at") ", "
    SQL_UTC("closes_at") ", state, coalesce(result::text, ''), (SELECT count(*) FROM ballot_electors e WHERE e.ballot_id = b.id) "
    "FROM ballots b ";

json ballot_json(const pqxx::row& r) {
  json b = {{"id", r[0].as<std::string>()},
            {"assembly_id", r[1].as<std::string>()},
            {"workshop", r[2].as<std::string>().empty() ? json() : json(r[2].as<std::string>())},
            {"motion_id", r[3].as<std::string>().empty() ? json() : json(r[3].as<std::string>())},
            {"question", r[4].as<std::string>()},
            {"rule", r[5].as<std::string>()},
            {"quorum", r[6].as<double>()},
            {"secret", r[7].as<bool>()},
            {"opens_at", r[8].as<std::string>()},
            {"closes_at", r[9].as<std::string>()},
            {"state", r[10].as<std::string>()},
            {"electorate", r[12].as<long>()}};
  b["result"] = r[11].as<std::string>().empty() ? json() : json::parse(r[11].as<std::string>());
  return b;
}

json must_find(pqxx::transaction_base& tx, const std::string& id, bool for_update = false) {
  auto rows = tx.exec_params(
      std::string(kBallotColumns) + "WHERE id = $1" + (for_update ? " FOR UPDATE" : ""), id);
  if (rows.empty()) throw http::not_found("no ballot " + id);
  return ballot_json(rows[0]);
}

std::string sha256_hex(const std::string& s) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::string new_receipt() {
  unsigned char r[16];
  randombytes_buf(r, sizeof r);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, r, sizeof r);
  return hex;
}

// The stored votes, as published: open ballots by voter, secret ones by receipt hash.
json stored_votes(pqxx::transaction_base& tx, const json& ballot) {
  json out = json::array();
  if (ballot["secret"].get<bool>()) {
    for (const auto& r : tx.exec_params("SELECT receipt_hash, choice FROM secret_votes WHERE "
                                        "ballot_id = $1 ORDER BY receipt_hash",
                                        ballot["id"].get<std::string>()))
      out.push_back({{"receipt_hash", r[0].as<std::string>()}, {"choice", r[1].as<std::string>()}});
  } else {
    for (const auto& r : tx.exec_params(
             "SELECT member_id, choice FROM open_votes WHERE ballot_id = $1 ORDER BY member_id",
             ballot["id"].get<std::string>()))
      out.push_back({{"member_id", r[0].as<std::string>()}, {"choice", r[1].as<std::string>()}});
  }
  return out;
}

// Who may vote in a ballot of the assembly (or of one of its workshops) opened now: its active
// members, as membership's events have made them known.
std::vector<std::string> electorate_now(pqxx::transaction_base& tx, const std::string& assembly_id,
                                        const std::string& workshop) {
  std::vector<domain::Member> members;
  for (const auto& r : tx.exec_params(
           "SELECT member_id, status, workshop FROM members WHERE assembly_id = $1", assembly_id))
    members.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>()});
  return domain::electorate(members, workshop);
}

}  // namespace

void add_ballot_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;

  // The secretariat opens a ballot: its electorate is fixed now, from the members as membership's
  // events have made them known (active, of the workshop or of the whole assembly).
  ctx.router.add(Method::Post, "/v1/ballots", Access::secretariat(), [&db](http::Request& req) {
    auto b = req.json();
    auto assembly_id = body::string(b, "assembly_id", "", 64);
    auto workshop = body::string_or(b, "workshop", "", "", 64);
    auto motion_id = body::string_or(b, "motion_id", "", "", 64);
    auto question = body::string(b, "question", "", 2000);
    if (question.empty()) throw http::unprocessable("question is required", "/question");
    auto rule_name = body::string(b, "rule", "", 40);
    auto rule = domain::parse_rule(rule_name);
    if (!rule)
      throw http::unprocessable(
          "rule must be simple-majority, two-thirds, unanimity-of-votes-cast or "
          "unanimity-of-electorate",
          "/rule");
    if (!b.contains("quorum") || !b["quorum"].is_number() || b["quorum"].get<double>() < 0 ||
        b["quorum"].get<double>() > 1)
      throw http::unprocessable(
          "quorum is the share of the electorate that must take part, from 0 to 1", "/quorum");
    double quorum = b["quorum"];
    if (!b.contains("secret") || !b["secret"].is_boolean())
      throw http::unprocessable("secret must be true or false", "/secret");
    bool secret = b["secret"];
    auto opens_at =
        b.contains("opens_at") ? body::utc_time(b, "opens_at") : assembly::core::utc_now();
    auto closes_at = body::utc_time(b, "closes_at");
    if (closes_at <= opens_at)
      throw http::unprocessable("the ballot closes before it opens", "/closes_at");
    auto out = db.transact([&](pqxx::work& tx) {
      if (!motion_id.empty() &&
          tx.exec_params("SELECT 1 FROM motions WHERE id = $1 AND assembly_id = $2", motion_id,
                         assembly_id)
              .empty())
        throw http::unprocessable("no motion " + motion_id + " in assembly " + assembly_id,
                                  "/motion_id");
      auto electors = electorate_now(tx, assembly_id, workshop);
      if (electors.empty())
        throw http::conflict("no active member " + (workshop.empty() ? "in assembly " + assembly_id
                                                                     : "in workshop " + workshop));
      auto id = assembly::core::new_uuid();
      tx.exec_params(
          "INSERT INTO ballots (id, assembly_id, workshop, motion_id, question, rule, quorum, "
          "secret, opens_at, closes_at, created_by) "
          "VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6, $7, $8, $9::timestamptz, $10::timestamptz, "
          "$11)",
          id, assembly_id, workshop, motion_id, question, rule_name, quorum, secret, opens_at,
          closes_at, req.caller().subject);
      for (const auto& m : electors)
        tx.exec_params("INSERT INTO ballot_electors (ballot_id, member_id) VALUES ($1, $2)", id, m);
      return must_find(tx, id);
    });
    return http::Response::json(201, out);
  });

  // Who would vote in a ballot opened now (the secretariat checks before opening one).
  ctx.router.add(Method::Get, "/v1/electorate", Access::secretariat(), [&db](http::Request& req) {
    auto assembly_id = body::required_query(req, "assembly_id");
    auto workshop = req.query_param("workshop").value_or("");
    auto out =
        db.transact([&](pqxx::work& tx) { return electorate_now(tx, assembly_id, workshop); });
    return http::Response::json(
        200, {{"assembly_id", assembly_id}, {"workshop", workshop}, {"member_ids", out}});
  });

  ctx.router.add(
      Method::Get, "/v1/ballots", Access::secretariat_or_member(), [&db](http::Request& req) {
        auto assembly_id = body::required_query(req, "assembly_id");
        auto out = db.transact([&](pqxx::work& tx) {
          json items = json::array();
          for (const auto& r : tx.exec_params(
                   std::string(kBallotColumns) + "WHERE assembly_id = $1 ORDER BY created_at, id",
                   assembly_id))
            items.push_back(ballot_json(r));
          return items;
        });
        return http::Response::json(200, {{"items", out}});
      });

  ctx.router.add(Method::Get, "/v1/ballots/:id", Access::secretariat_or_member(),
                 [&db](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   auto out = db.transact([&](pqxx::work& tx) { return must_find(tx, id); });
                   return http::Response::json(200, out);
                 });

  // A member of the electorate votes, or changes their vote, while the ballot is open. In a
  // secret ballot the first vote returns a receipt: the only way to change the vote later or to
  // check it was counted as cast.
  ctx.router.add(
      Method::Post, "/v1/ballots/:id/votes", Access::roles_of({assembly::auth::kMember}),
      [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto b = req.json();
        auto choice = body::string(b, "choice", "", 10);
        if (choice != "for" && choice != "against" && choice != "abstain")
          throw http::unprocessable("choice must be for, against or abstain", "/choice");
        auto receipt = body::string_or(b, "receipt", "", "", 64);
        const auto& member = req.caller().subject;
        auto out = db.transact([&](pqxx::work& tx) {
          auto ballot = must_find(tx, id, true);
          if (ballot["state"] != "open" ||
              !domain::in_window(ballot["opens_at"].get<std::string>(),
                                 ballot["closes_at"].get<std::string>(), assembly::core::utc_now()))
            throw http::conflict(
                "the ballot is not open for votes (" + std::string(ballot["opens_at"]) + " to " +
                std::string(ballot["closes_at"]) + ", " + std::string(ballot["state"]) + ")");
          if (tx.exec_params(
                    "SELECT 1 FROM ballot_electors WHERE ballot_id = $1 AND member_id = $2", id,
                    member)
                  .empty())
            throw http::forbidden("you are not in this ballot's electorate (fixed when it opened)");
          if (!ballot["secret"].get<bool>()) {
            tx.exec_params(
                "INSERT INTO open_votes (ballot_id, member_id, choice) VALUES ($1, $2, $3) ON "
                "CONFLICT (ballot_id, member_id) "
                "DO UPDATE SET choice = excluded.choice, changes = open_votes.changes + 1, "
                "voted_at = now()",
                id, member, choice);
            return json{{"ballot_id", id}, {"choice", choice}};
          }
          bool voted =
              !tx.exec_params("SELECT 1 FROM secret_voters WHERE ballot_id = $1 AND member_id = $2",
                              id, member)
                   .empty();
          if (voted) {
            if (receipt.empty())
              throw http::conflict("you have voted; give your receipt to change your vote");
            if (tx.exec_params("UPDATE secret_votes SET choice = $3 WHERE ballot_id = $1 AND "
                               "receipt_hash = $2",
                               id, sha256_hex(receipt), choice)
                    .affected_rows() != 1)
              throw http::unprocessable("this receipt matches no vote of this ballot", "/receipt");
            return json{{"ballot_id", id}, {"changed", true}};
          }
          auto fresh = new_receipt();
          tx.exec_params("INSERT INTO secret_voters (ballot_id, member_id) VALUES ($1, $2)", id,
                         member);
          tx.exec_params(
              "INSERT INTO secret_votes (ballot_id, receipt_hash, choice) VALUES ($1, $2, $3)", id,
              sha256_hex(fresh), choice);
          return json{{"ballot_id", id},
                      {"receipt", fresh},
                      {"note",
                       "keep this receipt: it is the only way to change your vote or to check it "
                       "was counted as cast"}};
        });
        return http::Response::json(200, out);
      });

  // The secretariat closes the ballot: the result is counted from the stored votes and kept. A
  // plenary ballot on a motion that passes adopts the motion (MotionAdopted).
  ctx.router.add(Method::Post, "/v1/ballots/:id/close", Access::secretariat(),
                 [&db, &outbox](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   auto out = db.transact([&](pqxx::work& tx) {
                     auto ballot = must_find(tx, id, true);
                     if (ballot["state"] != "open")
                       throw http::conflict("the ballot is closed already");
                     domain::Tally t;
                     for (const auto& v : stored_votes(tx, ballot)) {
                       if (v["choice"] == "for")
                         ++t.for_votes;
                       else if (v["choice"] == "against")
                         ++t.against;
                       else
                         ++t.abstain;
                     }
                     auto rule = *domain::parse_rule(ballot["rule"].get<std::string>());
                     auto r =
                         domain::decide(rule, static_cast<int>(ballot["electorate"].get<long>()),
                                        ballot["quorum"].get<double>(), t);
                     json result = {{"electorate", r.electorate}, {"for", t.for_votes},
                                    {"against", t.against},       {"abstain", t.abstain},
                                    {"turnout", r.turnout},       {"quorum_met", r.quorum_met},
                                    {"outcome", r.outcome}};
                     tx.exec_params(
                         "UPDATE ballots SET state = 'closed', result = $2::jsonb, closed_at = "
                         "now() WHERE id = $1",
                         id, result.dump());
                     if (r.outcome == "adopted" && !ballot["motion_id"].is_null() &&
                         ballot["workshop"].is_null()) {
                       auto m = tx.exec_params1(
                           "UPDATE motions SET status = 'voted', adopted_at = now() WHERE id = $1 "
                           "RETURNING workshop_id, theme, title",
                           ballot["motion_id"].get<std::string>());
                       assembly::recommendations::v1::MotionAdopted e;
                       e.set_motion_id(ballot["motion_id"]);
                       e.set_assembly_id(ballot["assembly_id"]);
                       e.set_workshop_id(m[0].as<std::string>());
                       e.set_theme(m[1].as<std::string>());
                       e.set_title(m[2].as<std::string>());
                       e.set_ballot_id(id);
                       e.set_votes_for(t.for_votes);
                       e.set_votes_against(t.against);
                       e.set_abstentions(t.abstain);
                       e.set_electorate(r.electorate);
                       e.set_rule(ballot["rule"]);
                       outbox.append(tx, e, ballot["motion_id"].get<std::string>());
                     }
                     return must_find(tx, id);
                   });
                   return http::Response::json(200, out);
                 });

  // Public once closed: the totals and every stored vote (by voter in an open ballot, by receipt
  // hash in a secret one, with the list of who voted), so anyone can recount.
  ctx.router.add(
      Method::Get, "/v1/ballots/:id/results", Access::anyone(), [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto out = db.transact([&](pqxx::work& tx) {
          auto ballot = must_find(tx, id);
          if (ballot["state"] != "closed")
            throw http::conflict("the ballot is open; its results are published when it closes");
          ballot["votes"] = stored_votes(tx, ballot);
          if (ballot["secret"].get<bool>()) {
            json voters = json::array();
            for (const auto& r : tx.exec_params(
                     "SELECT member_id FROM secret_voters WHERE ballot_id = $1 ORDER BY member_id",
                     id))
              voters.push_back(r[0].as<std::string>());
            ballot["voters"] = voters;
          }
          return ballot;
        });
        return http::Response::json(200, out);
      });

  // A voter checks their secret vote with their receipt: counted, and as cast.
  ctx.router.add(
      Method::Get, "/v1/ballots/:id/receipts/:receipt", Access::anyone(),
      [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        const auto& receipt = req.param("receipt");
        auto out = db.transact([&](pqxx::work& tx) {
          auto rows = tx.exec_params(
              "SELECT choice FROM secret_votes WHERE ballot_id = $1 AND receipt_hash = $2", id,
              sha256_hex(receipt));
          if (rows.empty()) throw http::not_found("no vote with this receipt in ballot " + id);
          return json{{"ballot_id", id},
                      {"receipt_hash", sha256_hex(receipt)},
                      {"choice", rows[0][0].as<std::string>()},
                      {"counted", true}};
        });
        return http::Response::json(200, out);
      });

  // The motion's text and spokespersons (members, active), then, once adopted, sent to the Council.
  ctx.router.add(
      Method::Put, "/v1/motions/:id", Access::secretariat(), [&db, &outbox](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto b = req.json();
        auto title = body::string(b, "title", "", 300);
        auto text = body::string(b, "text", "", 50000);
        json spokespersons = json::array();
        if (b.contains("spokespersons")) {
          const auto& s = body::array(b, "spokespersons");
          for (std::size_t i = 0; i < s.size(); ++i)
            if (!s[i].is_string())
              throw http::unprocessable("a spokesperson is a member id",
                                        "/spokespersons/" + std::to_string(i));
          spokespersons = s;
        }
        json carried = json::array();
        if (b.contains("recommendation_ids")) {
          const auto& r = body::array(b, "recommendation_ids");
          for (std::size_t i = 0; i < r.size(); ++i)
            if (!r[i].is_string())
              throw http::unprocessable("a recommendation id is a string",
                                        "/recommendation_ids/" + std::to_string(i));
          carried = r;
        }
        auto out = db.transact([&](pqxx::work& tx) {
          auto m = tx.exec_params(
              "SELECT assembly_id, status, workshop_id FROM motions WHERE id = $1 FOR UPDATE", id);
          if (m.empty()) throw http::not_found("no motion " + id);
          if (m[0][1].as<std::string>() != "drafting")
            throw http::conflict("the motion is " + m[0][1].as<std::string>() +
                                 "; its text is final");
          for (std::size_t i = 0; i < spokespersons.size(); ++i)
            if (tx.exec_params("SELECT 1 FROM members WHERE member_id = $1 AND assembly_id = $2 "
                               "AND status = 'active'",
                               spokespersons[i].get<std::string>(), m[0][0].as<std::string>())
                    .empty())
              throw http::unprocessable(
                  "no active member " + spokespersons[i].get<std::string>() + " in the assembly",
                  "/spokespersons/" + std::to_string(i));
          // The recommendations it carries: its workshop's, in co-construction.
          tx.exec_params("UPDATE recommendations SET motion_id = NULL WHERE motion_id = $1", id);
          for (std::size_t i = 0; i < carried.size(); ++i)
            if (tx.exec_params("UPDATE recommendations SET motion_id = $2 WHERE id = $1 AND "
                               "workshop_id = $3 AND status = 'in-co-construction'",
                               carried[i].get<std::string>(), id, m[0][2].as<std::string>())
                    .affected_rows() != 1)
              throw http::unprocessable("recommendation " + carried[i].get<std::string>() +
                                            " is not one of this workshop's in co-construction",
                                        "/recommendation_ids/" + std::to_string(i));
          tx.exec_params(
              "UPDATE motions SET title = $2, text = $3, spokespersons = $4::jsonb WHERE id = $1",
              id, title, text, spokespersons.dump());
          // Announced to membership, which keeps them as spokesperson roles.
          assembly::recommendations::v1::SpokespersonsAssigned announced;
          announced.set_motion_id(id);
          announced.set_assembly_id(m[0][0].as<std::string>());
          for (const auto& sp : spokespersons) announced.add_member_ids(sp.get<std::string>());
          outbox.append(tx, announced, id);
          return json{{"id", id},
                      {"title", title},
                      {"text", text},
                      {"spokespersons", spokespersons},
                      {"recommendation_ids", carried}};
        });
        return http::Response::json(200, out);
      });

  ctx.router.add(
      Method::Post, "/v1/motions/:id/send-to-council", Access::secretariat(),
      [&db, &outbox](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto out = db.transact([&](pqxx::work& tx) {
          auto rows = tx.exec_params(
              "SELECT assembly_id, workshop_id, theme, title, text, spokespersons::text, status "
              "FROM motions WHERE id = $1 FOR UPDATE",
              id);
          if (rows.empty()) throw http::not_found("no motion " + id);
          const auto& m = rows[0];
          if (m[6].as<std::string>() != "voted")
            throw http::conflict("the motion is " + m[6].as<std::string>() +
                                 "; only a motion adopted by the plenary goes to the Council");
          tx.exec_params(
              "UPDATE motions SET status = 'sent-to-council', sent_at = now() WHERE id = $1", id);
          assembly::recommendations::v1::MotionSentToCouncil e;
          e.set_motion_id(id);
          e.set_assembly_id(m[0].as<std::string>());
          e.set_workshop_id(m[1].as<std::string>());
          e.set_theme(m[2].as<std::string>());
          e.set_title(m[3].as<std::string>());
          e.set_text(m[4].as<std::string>());
          for (const auto& s : json::parse(m[5].as<std::string>()))
            e.add_spokespersons()->set_member_id(s.get<std::string>());
          // Its recommendations are carried now, each change kept.
          for (const auto& r : tx.exec_params("UPDATE recommendations SET status = 'carried' WHERE "
                                              "motion_id = $1 AND status = 'in-co-construction' "
                                              "RETURNING id",
                                              id)) {
            e.add_recommendation_ids(r[0].as<std::string>());
            tx.exec_params(
                "INSERT INTO recommendation_changes (recommendation_id, actor, from_status, "
                "to_status, reason) "
                "VALUES ($1, $2, 'in-co-construction', 'carried', 'motion sent to the Council')",
                r[0].as<std::string>(), req.caller().subject);
          }
          outbox.append(tx, e, id);
          return json{{"id", id}, {"status", "sent-to-council"}};
        });
        return http::Response::json(200, out);
      });
}

}  // namespace recommendations::api
