// Commitments: for each recommendation of a motion the Council adopted, what the city commits
// to, made and updated by the city-service staff of the department that owns it; every change
// goes on the commitment's timeline and out as CommitmentUpdated. Everyone reads.
#include "store/commitments.h"

#include "api/routes.h"
#include "assembly/auth/auth.h"
#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/followup/v1/events.pb.h"
#include "assembly/http/body.h"
#include "domain/commitment.h"

namespace followup::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;
using nlohmann::json;

namespace {

// City-service staff act for their own department only (the token's "department" claim).
void own_department(const http::Request& req, const std::string& department) {
  const auto& mine = req.caller().department;
  if (mine.empty())
    throw http::forbidden(
        "the token names no department: city-service staff act for their department");
  if (mine != department)
    throw http::forbidden("this commitment belongs to " + department + ", not to " + mine);
}

store::CommitmentRow must_commitment(pqxx::transaction_base& tx, const http::Request& req,
                                     const std::string& id) {
  auto c = store::find_commitment(tx, id, true);
  if (!c) throw http::not_found("no commitment " + id);
  own_department(req, c->department);
  return *c;
}

void announce(pqxx::work& tx, assembly::events::Outbox& outbox, const std::string& id,
              const std::string& change, const std::string& note) {
  auto c = *store::find_commitment(tx, id);
  assembly::followup::v1::CommitmentUpdated e;
  e.set_commitment_id(c.id);
  e.set_assembly_id(c.assembly_id);
  e.set_motion_id(c.motion_id);
  e.set_recommendation_id(c.recommendation_id);
  e.set_department(c.department);
  e.set_change(change);
  e.set_status(domain::to_string(c.state.status));
  e.set_progress(c.state.progress);
  e.set_note(note);
  outbox.append(tx, e, c.id);
}

std::string add_milestone(pqxx::work& tx, const std::string& commitment_id,
                          const std::string& title, const std::string& due_on) {
  auto id = assembly::core::new_uuid();
  tx.exec_params(
      "INSERT INTO milestones (id, commitment_id, title, due_on) VALUES ($1, $2, $3, $4)", id,
      commitment_id, title, due_on);
  return id;
}

struct MilestoneInput {
  std::string title, due_on;
};
MilestoneInput milestone_input(const json& b, const std::string& at) {
  MilestoneInput m{body::string(b, "title", at, 300), body::date(b, "due_on", at)};
  if (m.title.empty()) throw http::unprocessable("a milestone has a title", at + "/title");
  return m;
}

}  // namespace

void add_commitment_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  const Access city = Access::roles_of({assembly::auth::kCityService});

  ctx.router.add(Method::Post, "/v1/commitments", city, [&db, &outbox](http::Request& req) {
    auto b = req.json();
    auto recommendation_id = body::string(b, "recommendation_id", "", 64);
    auto title = body::string(b, "title", "", 300);
    if (title.empty()) throw http::unprocessable("title is required", "/title");
    auto description = body::string_or(b, "description", "", "", 20000);
    auto department = body::string(b, "department", "", 200);
    if (department.empty())
      throw http::unprocessable("the department that owns the commitment is required",
                                "/department");
    own_department(req, department);
    auto official = body::string_or(b, "elected_official", "", "", 200);
    json deliverables = json::array();
    if (b.contains("deliverables")) {
      const auto& list = body::array(b, "deliverables");
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (!list[i].is_string() || list[i].get<std::string>().empty() ||
            list[i].get<std::string>().size() > 500)
          throw http::unprocessable("a deliverable is a text of 1 to 500 characters",
                                    "/deliverables/" + std::to_string(i));
        deliverables.push_back(list[i]);
      }
    }
    std::vector<MilestoneInput> milestones;
    if (b.contains("milestones")) {
      const auto& list = body::array(b, "milestones");
      for (std::size_t i = 0; i < list.size(); ++i) {
        const auto at = "/milestones/" + std::to_string(i);
        milestones.push_back(milestone_input(body::object(list[i], at), at));
      }
    }
    auto out = db.transact([&](pqxx::work& tx) {
      auto d = tx.exec_params(
          "SELECT d.id, d.assembly_id, a.decision FROM dossier_recommendations dr JOIN dossiers d "
          "ON d.id = dr.dossier_id "
          "LEFT JOIN agenda_items a ON a.dossier_id = d.id WHERE dr.recommendation_id = $1",
          recommendation_id);
      if (d.empty())
        throw http::unprocessable(
            "no motion sent to the Council carries recommendation " + recommendation_id,
            "/recommendation_id");
      const auto decision = d[0][2].is_null() ? std::string() : d[0][2].as<std::string>();
      if (decision != "adopted" && decision != "adopted-with-amendments")
        throw http::conflict("the Council has not adopted the motion carrying this recommendation" +
                             (decision.empty() ? std::string() : " (it was " + decision + ")"));
      auto id = assembly::core::new_uuid();
      tx.exec_params(
          "INSERT INTO commitments (id, assembly_id, dossier_id, recommendation_id, title, "
          "description, department, "
          "elected_official, deliverables, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
          "$9::jsonb, $10)",
          id, d[0][1].as<std::string>(), d[0][0].as<std::string>(), recommendation_id, title,
          description, department, official, deliverables.dump(), req.caller().subject);
      store::record_change(tx, id, req.caller().subject, "created", {}, "");
      for (const auto& m : milestones) add_milestone(tx, id, m.title, m.due_on);
      announce(tx, outbox, id, "created", title);
      return store::commitment_json(tx, id, true);
    });
    return http::Response::json(201, out);
  });

  ctx.router.add(Method::Get, "/v1/commitments", Access::anyone(), [&db](http::Request& req) {
    auto assembly_id = body::required_query(req, "assembly_id");
    auto out = db.transact([&](pqxx::work& tx) {
      json items = json::array();
      for (const auto& id : store::commitments_of(tx, assembly_id))
        items.push_back(store::commitment_json(tx, id, false));
      return items;
    });
    return http::Response::json(200, {{"items", out}});
  });

  ctx.router.add(Method::Get, "/v1/commitments/:id", Access::anyone(), [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto out = db.transact([&](pqxx::work& tx) {
      if (!store::find_commitment(tx, id)) throw http::not_found("no commitment " + id);
      return store::commitment_json(tx, id, true);
    });
    return http::Response::json(200, out);
  });

  // Status and progress, under the progress rules (domain/commitment.h).
  ctx.router.add(Method::Patch, "/v1/commitments/:id", city, [&db, &outbox](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto b = req.json();
    domain::CommitmentChange change;
    if (b.contains("status")) {
      auto s = domain::parse_status(body::string(b, "status", "", 40));
      if (!s)
        throw http::unprocessable("status is planned, in-progress, done, delayed or abandoned",
                                  "/status");
      change.status = s;
    }
    if (b.contains("progress"))
      change.progress = static_cast<int>(body::integer(b, "progress", -1000, 1000));
    change.reason = body::string_or(b, "reason", "", "", 5000);
    auto out = db.transact([&](pqxx::work& tx) {
      auto c = must_commitment(tx, req, id);
      auto result = domain::apply(c.state, change);
      if (auto* e = std::get_if<domain::RuleError>(&result)) {
        if (e->conflict) throw http::conflict(e->message);
        throw http::unprocessable(e->message, "/" + e->field);
      }
      const auto& next = std::get<domain::CommitmentState>(result);
      const std::string kind = next.status != c.state.status ? "status" : "progress";
      store::record_change(tx, id, req.caller().subject, kind, next, change.reason);
      if (next.status != c.state.status)
        tx.exec_params("UPDATE commitments SET status_reason = $2 WHERE id = $1", id,
                       change.reason);
      announce(tx, outbox, id, kind, change.reason);
      return store::commitment_json(tx, id, true);
    });
    return http::Response::json(200, out);
  });

  ctx.router.add(
      Method::Post, "/v1/commitments/:id/milestones", city, [&db, &outbox](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto m = milestone_input(req.json(), "");
        auto out = db.transact([&](pqxx::work& tx) {
          auto c = must_commitment(tx, req, id);
          if (domain::is_closed(c.state.status))
            throw http::conflict("the commitment is " + domain::to_string(c.state.status) +
                                 ": no new milestone");
          add_milestone(tx, id, m.title, m.due_on);
          store::record_change(tx, id, req.caller().subject, "milestone-added", c.state,
                               m.title + " (" + m.due_on + ")");
          announce(tx, outbox, id, "milestone-added", m.title);
          return store::commitment_json(tx, id, true);
        });
        return http::Response::json(201, out);
      });

  // A milestone reached: {"done_on": "YYYY-MM-DD"} (default today; not in the future).
  ctx.router.add(
      Method::Post, "/v1/commitments/:id/milestones/:milestone/done", city,
      [&db, &outbox](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto milestone = body::uuid_param(req, "milestone");
        auto b = req.json();
        const auto today = assembly::core::utc_today();
        auto done_on = b.contains("done_on") ? body::date(b, "done_on") : today;
        if (done_on > today)
          throw http::unprocessable("a milestone is done on a past day or today", "/done_on");
        auto out = db.transact([&](pqxx::work& tx) {
          auto c = must_commitment(tx, req, id);
          auto m = tx.exec_params(
              "SELECT title, done_on IS NOT NULL FROM milestones WHERE id = $1 AND commitment_id = "
              "$2 FOR UPDATE",
              milestone, id);
          if (m.empty())
            throw http::not_found("no milestone " + milestone + " in commitment " + id);
          if (m[0][1].as<bool>()) throw http::conflict("the milestone is already done");
          tx.exec_params("UPDATE milestones SET done_on = $2 WHERE id = $1", milestone, done_on);
          const auto note = m[0][0].as<std::string>() + " (" + done_on + ")";
          store::record_change(tx, id, req.caller().subject, "milestone-done", c.state, note);
          announce(tx, outbox, id, "milestone-done", note);
          return store::commitment_json(tx, id, true);
        });
        return http::Response::json(200, out);
      });

  // A milestone moved: {"due_on", "reason"}; the reason is kept on the timeline.
  ctx.router.add(
      Method::Put, "/v1/commitments/:id/milestones/:milestone/due-date", city,
      [&db, &outbox](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto milestone = body::uuid_param(req, "milestone");
        auto b = req.json();
        auto due_on = body::date(b, "due_on");
        auto reason = body::string(b, "reason", "", 5000);
        if (reason.empty()) throw http::unprocessable("say why the milestone moves", "/reason");
        auto out = db.transact([&](pqxx::work& tx) {
          auto c = must_commitment(tx, req, id);
          if (domain::is_closed(c.state.status))
            throw http::conflict("the commitment is " + domain::to_string(c.state.status));
          auto m = tx.exec_params(
              "SELECT title, due_on::text, done_on IS NOT NULL FROM milestones WHERE id = $1 AND "
              "commitment_id = $2 FOR UPDATE",
              milestone, id);
          if (m.empty())
            throw http::not_found("no milestone " + milestone + " in commitment " + id);
          if (m[0][2].as<bool>()) throw http::conflict("the milestone is done");
          tx.exec_params(
              "UPDATE milestones SET due_on = $2, overdue_flagged_at = NULL WHERE id = $1",
              milestone, due_on);
          const auto note = m[0][0].as<std::string>() + ": " + m[0][1].as<std::string>() + " -> " +
                            due_on + " (" + reason + ")";
          store::record_change(tx, id, req.caller().subject, "milestone-rescheduled", c.state,
                               note);
          announce(tx, outbox, id, "milestone-rescheduled", note);
          return store::commitment_json(tx, id, true);
        });
        return http::Response::json(200, out);
      });

  // Evidence: a link to what shows the work (a decision, a document, a site).
  ctx.router.add(Method::Post, "/v1/commitments/:id/evidence", city,
                 [&db, &outbox](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   auto b = req.json();
                   auto url = body::string(b, "url", "", 2000);
                   if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0)
                     throw http::unprocessable("evidence is an http or https link", "/url");
                   if (url.find_first_of(" \t\r\n\"<>") != std::string::npos)
                     throw http::unprocessable("the link has spaces or quotes", "/url");
                   auto label = body::string(b, "label", "", 300);
                   if (label.empty())
                     throw http::unprocessable("say what the link shows", "/label");
                   auto out = db.transact([&](pqxx::work& tx) {
                     auto c = must_commitment(tx, req, id);
                     tx.exec_params(
                         "INSERT INTO evidence (commitment_id, seq, url, label, added_by) VALUES "
                         "($1, (SELECT coalesce(max(seq), 0) + 1 FROM evidence WHERE commitment_id "
                         "= $1), $2, $3, $4)",
                         id, url, label, req.caller().subject);
                     store::record_change(tx, id, req.caller().subject, "evidence", c.state, label);
                     announce(tx, outbox, id, "evidence", label);
                     return store::commitment_json(tx, id, true);
                   });
                   return http::Response::json(201, out);
                 });
}

}  // namespace followup::api
