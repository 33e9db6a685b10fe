#include "api/routes.h"
#include "assembly/auth/auth.h"
#include "assembly/core/diff.h"
#include "assembly/core/ids.h"
#include "assembly/db/sql_time.h"
#include "assembly/http/body.h"
#include "assembly/metrics/metrics.h"
#include "assembly/recommendations/v1/events.pb.h"
#include "domain/recommendation.h"

namespace recommendations::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;
using nlohmann::json;

namespace {

json must_find(pqxx::transaction_base& tx, const std::string& id, bool for_update = false) {
  auto rows = tx.exec_params(
      std::string(
          "SELECT r.id, r.assembly_id, r.workshop_id, r.theme, r.title, r.status, r.version, "
          "coalesce(r.motion_id, ''), v.text, coalesce(r.mandate_id, '') FROM recommendations r "
          "JOIN recommendation_versions v "
          "ON v.recommendation_id = r.id AND v.version = r.version WHERE r.id = $1") +
          (for_update ? " FOR UPDATE OF r" : ""),
      id);
  if (rows.empty()) throw http::not_found("no recommendation " + id);
  const auto& r = rows[0];
  return {{"id", r[0].as<std::string>()},
          {"assembly_id", r[1].as<std::string>()},
          {"workshop_id", r[2].as<std::string>()},
          {"theme", r[3].as<std::string>()},
          {"title", r[4].as<std::string>()},
          {"status", r[5].as<std::string>()},
          {"version", r[6].as<int>()},
          {"motion_id", r[7].as<std::string>().empty() ? json() : json(r[7].as<std::string>())},
          {"text", r[8].as<std::string>()},
          {"mandate_id", r[9].as<std::string>().empty() ? json() : json(r[9].as<std::string>())}};
}

// Staff, or an active member of the recommendation's workshop (members draft in their own
// workshop).
void staff_or_workshop_member(pqxx::transaction_base& tx, const http::Request& req,
                              const std::string& assembly_id, const std::string& theme) {
  const auto& caller = req.caller();
  if (caller.has(assembly::auth::kSecretariat)) return;
  if (tx.exec_params("SELECT 1 FROM members WHERE member_id = $1 AND assembly_id = $2 AND workshop "
                     "= $3 AND status = 'active'",
                     caller.subject, assembly_id, theme)
          .empty())
    throw http::forbidden("members draft and amend in their own workshop");
}

std::string version_text(pqxx::transaction_base& tx, const std::string& id, int v) {
  auto rows = tx.exec_params(
      "SELECT text FROM recommendation_versions WHERE recommendation_id = $1 AND version = $2", id,
      v);
  if (rows.empty()) throw http::not_found("no version " + std::to_string(v));
  return rows[0][0].as<std::string>();
}

int int_query(const http::Request& req, const std::string& name) {
  auto v = req.query_param(name);
  try {
    std::size_t used = 0;
    int n = v ? std::stoi(*v, &used) : 0;
    if (v && used == v->size() && n >= 1) return n;
  } catch (const std::exception&) {
  }
  throw http::bad_request(name + " must be a version number (1, 2, ...)", name);
}

}  // namespace

void add_drafting_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  const Access staff_or_member = Access::secretariat_or_member();

  ctx.router.add(Method::Post, "/v1/recommendations", staff_or_member, [&db](http::Request& req) {
    auto b = req.json();
    auto workshop_id = body::string(b, "workshop_id", "", 64);
    auto title = body::string(b, "title", "", 300);
    if (title.empty()) throw http::unprocessable("title is required", "/title");
    auto text = body::string(b, "text", "", 100000);
    if (text.empty()) throw http::unprocessable("text is required", "/text");
    auto out = db.transact([&](pqxx::work& tx) {
      auto w = tx.exec_params("SELECT assembly_id, theme FROM motions WHERE workshop_id = $1",
                              workshop_id);
      if (w.empty()) throw http::unprocessable("no workshop " + workshop_id, "/workshop_id");
      staff_or_workshop_member(tx, req, w[0][0].as<std::string>(), w[0][1].as<std::string>());
      // A recommendation answers the workshop's adopted mandate (workshops' MandateAdopted).
      auto mandate =
          tx.exec_params("SELECT mandate_id FROM mandates WHERE workshop_id = $1", workshop_id);
      if (mandate.empty())
        throw http::conflict(
            "the workshop has no adopted mandate yet: its recommendations answer it");
      auto id = assembly::core::new_uuid();
      tx.exec_params(
          "INSERT INTO recommendations (id, assembly_id, workshop_id, theme, title, created_by, "
          "mandate_id) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7)",
          id, w[0][0].as<std::string>(), workshop_id, w[0][1].as<std::string>(), title,
          req.caller().subject, mandate[0][0].as<std::string>());
      tx.exec_params(
          "INSERT INTO recommendation_versions (recommendation_id, version, text, author) VALUES "
          "($1, 1, $2, $3)",
          id, text, req.caller().subject);
      return must_find(tx, id);
    });
    return http::Response::json(201, out);
  });

  ctx.router.add(Method::Get, "/v1/recommendations", Access::anyone(), [&db](http::Request& req) {
    auto assembly_id = body::required_query(req, "assembly_id");
    auto out = db.transact([&](pqxx::work& tx) {
      json items = json::array();
      for (const auto& r : tx.exec_params(
               "SELECT id FROM recommendations WHERE assembly_id = $1 ORDER BY theme, created_at",
               assembly_id))
        items.push_back(must_find(tx, r[0].as<std::string>()));
      return items;
    });
    return http::Response::json(200, {{"items", out}});
  });

  ctx.router.add(
      Method::Get, "/v1/recommendations/:id", Access::anyone(), [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto out = db.transact([&](pqxx::work& tx) {
          auto r = must_find(tx, id);
          json versions = json::array(), changes = json::array();
          for (const auto& v :
               tx.exec_params("SELECT version, author, coalesce(amendment_id, ''), " SQL_UTC(
                                  "created_at") " FROM recommendation_versions WHERE "
                                                "recommendation_id = $1 ORDER BY version",
                              id))
            versions.push_back(
                {{"version", v[0].as<int>()},
                 {"author", v[1].as<std::string>()},
                 {"amendment_id",
                  v[2].as<std::string>().empty() ? json() : json(v[2].as<std::string>())},
                 {"created_at", v[3].as<std::string>()}});
          for (const auto& c : tx.exec_params(
                   "SELECT " SQL_UTC(
                       "at") ", actor, from_status, to_status, reason FROM recommendation_changes "
                             "WHERE recommendation_id = $1 ORDER BY seq",
                   id))
            changes.push_back({{"at", c[0].as<std::string>()},
                               {"actor", c[1].as<std::string>()},
                               {"from", c[2].as<std::string>()},
                               {"to", c[3].as<std::string>()},
                               {"reason", c[4].as<std::string>()}});
          r["versions"] = versions;
          r["changes"] = changes;
          return r;
        });
        return http::Response::json(200, out);
      });

  ctx.router.add(
      Method::Get, "/v1/recommendations/:id/diff", Access::anyone(), [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        int from = int_query(req, "from"), to = int_query(req, "to");
        auto out = db.transact([&](pqxx::work& tx) {
          must_find(tx, id);
          auto d = assembly::core::diff_lines(version_text(tx, id, from), version_text(tx, id, to));
          return json{{"recommendation_id", id},
                      {"from", from},
                      {"to", to},
                      {"unified", assembly::core::render_diff(d)}};
        });
        return http::Response::json(200, out);
      });

  // Amendments: proposed by the workshop's members on a draft; the workshop's decision, recorded
  // by the secretariat, accepts (a new version) or rejects it.
  ctx.router.add(Method::Post, "/v1/recommendations/:id/amendments", staff_or_member,
                 [&db](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   auto b = req.json();
                   auto text = body::string(b, "text", "", 100000);
                   if (text.empty())
                     throw http::unprocessable("text is required: the whole text as amended",
                                               "/text");
                   auto rationale = body::string_or(b, "rationale", "", "", 5000);
                   auto out = db.transact([&](pqxx::work& tx) {
                     auto r = must_find(tx, id, true);
                     staff_or_workshop_member(tx, req, r["assembly_id"], r["theme"]);
                     if (!domain::amendable(r["status"].get<std::string>()))
                       throw http::conflict("the recommendation is " + std::string(r["status"]) +
                                            "; amendments are for drafts");
                     auto aid = assembly::core::new_uuid();
                     tx.exec_params(
                         "INSERT INTO amendments (id, recommendation_id, base_version, text, "
                         "rationale, author) VALUES ($1, $2, $3, $4, $5, $6)",
                         aid, id, r["version"].get<int>(), text, rationale, req.caller().subject);
                     return json{{"id", aid},
                                 {"recommendation_id", id},
                                 {"base_version", r["version"]},
                                 {"state", "proposed"}};
                   });
                   return http::Response::json(201, out);
                 });

  for (const std::string decision : {"accept", "reject"}) {
    ctx.router.add(
        Method::Post, "/v1/amendments/:id/" + decision, Access::secretariat(),
        [&db, decision](http::Request& req) {
          auto id = body::uuid_param(req, "id");
          auto out = db.transact([&](pqxx::work& tx) {
            auto a = tx.exec_params(
                "SELECT recommendation_id, base_version, text, state, author FROM amendments WHERE "
                "id = $1 FOR UPDATE",
                id);
            if (a.empty()) throw http::not_found("no amendment " + id);
            if (a[0][3].as<std::string>() != "proposed")
              throw http::conflict("the amendment was " + a[0][3].as<std::string>() + " already");
            auto rid = a[0][0].as<std::string>();
            auto r = must_find(tx, rid, true);
            if (!domain::amendable(r["status"].get<std::string>()))
              throw http::conflict("the recommendation is " + std::string(r["status"]) +
                                   "; amendments are for drafts");
            tx.exec_params(
                "UPDATE amendments SET state = $2, decided_by = $3, decided_at = now() WHERE id = "
                "$1",
                id, decision == "accept" ? "accepted" : "rejected", req.caller().subject);
            if (decision == "accept") {
              int v = r["version"].get<int>() + 1;
              tx.exec_params(
                  "INSERT INTO recommendation_versions (recommendation_id, version, text, author, "
                  "amendment_id) VALUES ($1, $2, $3, $4, $5)",
                  rid, v, a[0][2].as<std::string>(), a[0][4].as<std::string>(), id);
              tx.exec_params("UPDATE recommendations SET version = $2 WHERE id = $1", rid, v);
            }
            return must_find(tx, rid);
          });
          return http::Response::json(200, out);
        });
  }

  // The status: adopt (the workshop), hand-over (at a plenary: RecommendationSubmitted),
  // co-construct, withdraw (with a reason). Carried comes with the motion sent to the Council.
  for (const std::string action : {"adopt", "hand-over", "co-construct", "withdraw"}) {
    ctx.router.add(
        Method::Post, "/v1/recommendations/:id/" + action, Access::secretariat(),
        [&db, &outbox, action](http::Request& req) {
          auto id = body::uuid_param(req, "id");
          auto b = req.body.empty() ? json::object() : req.json();
          auto reason = body::string_or(b, "reason", "", "", 1000);
          if (action == "withdraw" && reason.empty())
            throw http::unprocessable("a reason is required", "/reason");
          auto out = db.transact([&](pqxx::work& tx) {
            auto r = must_find(tx, id, true);
            auto to = domain::next_status(r["status"].get<std::string>(), action);
            if (!to)
              throw http::conflict(domain::refusal(r["status"].get<std::string>(), action))
                  .with("status", r["status"]);
            tx.exec_params("UPDATE recommendations SET status = $2 WHERE id = $1", id, *to);
            tx.exec_params(
                "INSERT INTO recommendation_changes (recommendation_id, actor, from_status, "
                "to_status, reason) VALUES ($1, $2, $3, $4, $5)",
                id, req.caller().subject, r["status"].get<std::string>(), *to, reason);
            if (action == "hand-over") {
              assembly::recommendations::v1::RecommendationSubmitted e;
              e.set_recommendation_id(id);
              e.set_assembly_id(r["assembly_id"]);
              e.set_workshop_id(r["workshop_id"]);
              e.set_theme(r["theme"]);
              e.set_title(r["title"]);
              e.set_text(r["text"]);
              e.set_version(static_cast<unsigned>(r["version"].get<int>()));
              outbox.append(tx, e, id);
            }
            return must_find(tx, id);
          });
          return http::Response::json(200, out);
        });
  }

  // Co-construction: city services attach feedback (feasibility, cost, legal constraints, the
  // department); members of the workshop answer; the whole exchange is kept and readable.
  ctx.router.add(
      Method::Post, "/v1/recommendations/:id/feedback",
      Access::roles_of({assembly::auth::kCityService, assembly::auth::kMember}),
      [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto b = req.json();
        auto text = body::string(b, "text", "", 20000);
        if (text.empty()) throw http::unprocessable("text is required", "/text");
        auto reply_to = body::string_or(b, "reply_to", "", "", 64);
        bool city = req.caller().has(assembly::auth::kCityService);
        auto out = db.transact([&](pqxx::work& tx) {
          auto r = must_find(tx, id);
          if (r["status"] != "in-co-construction")
            throw http::conflict("the recommendation is " + std::string(r["status"]) +
                                 "; feedback is for co-construction");
          if (!city) {
            staff_or_workshop_member(tx, req, r["assembly_id"], r["theme"]);
            if (reply_to.empty())
              throw http::unprocessable("a member answers feedback: reply_to is required",
                                        "/reply_to");
          }
          if (!reply_to.empty() &&
              tx.exec_params("SELECT 1 FROM feedback WHERE id = $1 AND recommendation_id = $2",
                             reply_to, id)
                  .empty())
            throw http::unprocessable("no feedback " + reply_to + " on this recommendation",
                                      "/reply_to");
          auto fid = assembly::core::new_uuid();
          tx.exec_params(
              "INSERT INTO feedback (id, recommendation_id, reply_to, author, author_role, "
              "feasibility, cost_estimate, "
              "legal_constraints, department, text) VALUES ($1, $2, NULLIF($3, ''), $4, $5, $6, "
              "$7, $8, $9, $10)",
              fid, id, reply_to, req.caller().subject, city ? "city-service" : "member",
              body::string_or(b, "feasibility", "", "", 2000),
              body::string_or(b, "cost_estimate", "", "", 500),
              body::string_or(b, "legal_constraints", "", "", 5000),
              body::string_or(b, "department", "", "", 200), text);
          return json{{"id", fid},
                      {"recommendation_id", id},
                      {"author_role", city ? "city-service" : "member"}};
        });
        return http::Response::json(201, out);
      });

  ctx.router.add(
      Method::Get, "/v1/recommendations/:id/feedback", Access::anyone(), [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto out = db.transact([&](pqxx::work& tx) {
          must_find(tx, id);
          json items = json::array();
          for (const auto& f :
               tx.exec_params("SELECT id, coalesce(reply_to, ''), author_role, feasibility, "
                              "cost_estimate, legal_constraints, "
                              "department, text, " SQL_UTC(
                                  "created_at") " FROM feedback WHERE recommendation_id = $1 ORDER "
                                                "BY created_at, id",
                              id))
            items.push_back(
                {{"id", f[0].as<std::string>()},
                 {"reply_to",
                  f[1].as<std::string>().empty() ? json() : json(f[1].as<std::string>())},
                 {"author_role", f[2].as<std::string>()},
                 {"feasibility", f[3].as<std::string>()},
                 {"cost_estimate", f[4].as<std::string>()},
                 {"legal_constraints", f[5].as<std::string>()},
                 {"department", f[6].as<std::string>()},
                 {"text", f[7].as<std::string>()},
                 {"created_at", f[8].as<std::string>()}});
          return items;
        });
        return http::Response::json(200, {{"recommendation_id", id}, {"items", out}});
      });
}

}  // namespace recommendations::api

namespace recommendations::api {

void add_metrics(assembly::service::Context& ctx) {
  assembly::service::refresh_gauges(
      ctx,
      {{"recommendations", "Recommendations by assembly, workshop and status"},
       {"amendments", "Amendments by assembly and state (proposed, accepted, rejected)"},
       {"ballots", "Ballots by assembly, state and outcome"},
       {"ballot_turnout",
        "Turnout of each closed ballot (share of its electorate that took part)"}},
      [](pqxx::work& tx, assembly::service::Figures& f) {
        auto& r = f["recommendations"];
        auto& a = f["amendments"];
        auto& b = f["ballots"];
        auto& t = f["ballot_turnout"];
        for (const auto& row : tx.exec("SELECT assembly_id, theme, status, count(*) FROM "
                                       "recommendations GROUP BY 1, 2, 3"))
          r[{{"assembly", row[0].as<std::string>()},
             {"workshop", row[1].as<std::string>()},
             {"status", row[2].as<std::string>()}}] = row[3].as<double>();
        for (const auto& row : tx.exec("SELECT r.assembly_id, a.state, count(*) FROM amendments a "
                                       "JOIN recommendations r ON r.id = a.recommendation_id "
                                       "GROUP BY 1, 2"))
          a[{{"assembly", row[0].as<std::string>()}, {"state", row[1].as<std::string>()}}] =
              row[2].as<double>();
        for (const auto& row : tx.exec("SELECT assembly_id, state, coalesce(result->>'outcome', "
                                       "''), count(*) FROM ballots GROUP BY 1, 2, 3"))
          b[{{"assembly", row[0].as<std::string>()},
             {"state", row[1].as<std::string>()},
             {"outcome", row[2].as<std::string>()}}] = row[3].as<double>();
        for (const auto& row : tx.exec("SELECT assembly_id, id, (result->>'turnout')::float8 FROM "
                                       "ballots WHERE state = 'closed'"))
          t[{{"assembly", row[0].as<std::string>()}, {"ballot", row[1].as<std::string>()}}] =
              row[2].as<double>();
      });
}

}  // namespace recommendations::api
