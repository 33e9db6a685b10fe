#include "api/sessions.h"
#include "assembly/auth/auth.h"
#include "assembly/core/diff.h"
#include "assembly/core/ids.h"
#include "assembly/http/body.h"
#include "assembly/metrics/metrics.h"
#include "assembly/workshops/v1/events.pb.h"
#include "domain/sessions.h"
#include "store/workshop_store.h"

namespace workshops::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;
using nlohmann::json;

namespace {

const Access kStaff = Access::secretariat();
const Access kStaffOrMember = Access::secretariat_or_member();

store::Workshop must_find(pqxx::transaction_base& tx, const std::string& id) {
  auto w = store::find(tx, id);
  if (!w) throw http::not_found("no workshop " + id);
  return *w;
}

// Staff, or a member on the workshop's roster now: who reads and writes a workshop's notebook.
store::Workshop staff_or_on_roster(pqxx::transaction_base& tx, const http::Request& req,
                                   const std::string& id) {
  auto w = must_find(tx, id);
  const auto& caller = req.caller();
  if (!caller.has(assembly::auth::kSecretariat) &&
      std::find(w.member_ids.begin(), w.member_ids.end(), caller.subject) == w.member_ids.end())
    throw http::forbidden("only the workshop's members and the secretariat");
  return w;
}

json axes_of(pqxx::transaction_base& tx, const std::string& workshop_id) {
  json items = json::array();
  for (const auto& r : tx.exec_params("SELECT rank, title, description, chosen_on::text FROM "
                                      "priority_axes WHERE workshop_id = $1 "
                                      "ORDER BY rank",
                                      workshop_id))
    items.push_back({{"rank", r[0].as<int>()},
                     {"title", r[1].as<std::string>()},
                     {"description", r[2].as<std::string>()},
                     {"chosen_on", r[3].as<std::string>()}});
  return items;
}

json version_json(const pqxx::row& r, bool with_text) {
  json v = {{"version", r[0].as<int>()},
            {"note", r[1].as<std::string>()},
            {"author", r[2].as<std::string>()},
            {"created_at", r[3].as<std::string>()},
            {"submitted_at", r[4].is_null() ? json() : json(r[4].as<std::string>())}};
  if (with_text) v["text"] = r[5].as<std::string>();
  return v;
}

constexpr const char* kVersionColumns =
    "SELECT version, note, author, to_char(created_at AT TIME ZONE 'UTC', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), text FROM "
    "notebook_versions ";

int version_param(const http::Request& req, const std::string& name) {
  auto v = req.query_param(name);
  if (!req.params.count(name) && !v) throw http::bad_request(name + " is required", name);
  const std::string& s = req.params.count(name) ? req.param(name) : *v;
  try {
    std::size_t used = 0;
    int n = std::stoi(s, &used);
    if (used == s.size() && n >= 1) return n;
  } catch (const std::exception&) {
  }
  throw http::bad_request(name + " must be a version number (1, 2, ...)", name);
}

json mandate_json(const pqxx::row& r) {
  return {{"id", r[0].as<std::string>()},
          {"workshop_id", r[1].as<std::string>()},
          {"text", r[2].as<std::string>()},
          {"state", r[3].as<std::string>()},
          {"proposed_by", r[4].as<std::string>()},
          {"votes_for", r[5].is_null() ? json() : json(r[5].as<int>())},
          {"votes_against", r[6].is_null() ? json() : json(r[6].as<int>())},
          {"abstentions", r[7].is_null() ? json() : json(r[7].as<int>())},
          {"session_id", r[8].is_null() ? json() : json(r[8].as<std::string>())},
          {"decided_at", r[9].is_null() ? json() : json(r[9].as<std::string>())},
          // Adopted with no vote against and no abstention (null until voted).
          {"unanimous", r[5].is_null() ? json()
                                       : json(r[3].as<std::string>() == "adopted" &&
                                              r[6].as<int>() == 0 && r[7].as<int>() == 0)}};
}
constexpr const char* kMandateColumns =
    "SELECT id, workshop_id, text, state, proposed_by, votes_for, votes_against, abstentions, "
    "session_id, "
    "to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM mandates ";

}  // namespace

void add_document_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;

  // --- Priority axes, chosen by the workshop in the discovery phase: the whole ordered list at
  // once.
  ctx.router.add(Method::Put, "/v1/workshops/:id/priority-axes", kStaff, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto b = req.json();
    auto chosen_on = body::date(b, "chosen_on");
    const auto& axes = body::array(b, "axes");
    if (axes.empty() || axes.size() > 20) throw http::unprocessable("axes: 1 to 20", "/axes");
    auto out = db.transact([&](pqxx::work& tx) {
      auto w = must_find(tx, id);
      auto phase = tx.exec_params(
          "SELECT starts_on::text, ends_on::text FROM phases WHERE assembly_id = $1 AND kind = "
          "'discovery'",
          w.assembly_id);
      if (!phase.empty() &&
          (chosen_on < phase[0][0].as<std::string>() || chosen_on > phase[0][1].as<std::string>()))
        throw http::unprocessable("priority axes are chosen in the discovery phase (" +
                                      phase[0][0].as<std::string>() + " to " +
                                      phase[0][1].as<std::string>() + ")",
                                  "/chosen_on");
      tx.exec_params("DELETE FROM priority_axes WHERE workshop_id = $1", id);
      for (std::size_t i = 0; i < axes.size(); ++i) {
        const auto at = "/axes/" + std::to_string(i);
        const auto& a = body::object(axes[i], at);
        auto title = body::string(a, "title", at, 300);
        if (title.empty()) throw http::unprocessable("title is required", at + "/title");
        tx.exec_params(
            "INSERT INTO priority_axes (id, workshop_id, rank, title, description, chosen_on, "
            "created_by) "
            "VALUES ($1, $2, $3, $4, $5, $6::date, $7)",
            assembly::core::new_uuid(), id, static_cast<int>(i + 1), title,
            body::string_or(a, "description", "", at, 5000), chosen_on, req.caller().subject);
      }
      return axes_of(tx, id);
    });
    return http::Response::json(200, {{"workshop_id", id}, {"items", out}});
  });
  ctx.router.add(Method::Get, "/v1/workshops/:id/priority-axes", Access::anyone(),
                 [&db](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   auto out = db.transact([&](pqxx::work& tx) {
                     must_find(tx, id);
                     return axes_of(tx, id);
                   });
                   return http::Response::json(200, {{"workshop_id", id}, {"items", out}});
                 });

  // --- The synthesis notebook: each save is a new version (never overwritten).
  ctx.router.add(
      Method::Post, "/v1/workshops/:id/notebook/versions", kStaffOrMember,
      [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto b = req.json();
        auto text = body::string(b, "text", "", 500000);
        if (text.empty()) throw http::unprocessable("text is required (Markdown)", "/text");
        auto note = body::string_or(b, "note", "", "", 500);
        auto out = db.transact([&](pqxx::work& tx) {
          staff_or_on_roster(tx, req, id);
          tx.exec_params("SELECT pg_advisory_xact_lock(hashtext($1))",
                         id);  // one version number at a time
          auto v = tx.exec_params1(
                         "SELECT coalesce(max(version), 0) + 1 FROM notebook_versions WHERE "
                         "workshop_id = $1",
                         id)[0]
                       .as<int>();
          tx.exec_params(
              "INSERT INTO notebook_versions (workshop_id, version, text, note, author) VALUES "
              "($1, $2, $3, $4, $5)",
              id, v, text, note, req.caller().subject);
          return version_json(
              tx.exec_params1(
                  std::string(kVersionColumns) + "WHERE workshop_id = $1 AND version = $2", id, v),
              false);
        });
        return http::Response::json(201, out);
      });

  ctx.router.add(
      Method::Get, "/v1/workshops/:id/notebook/versions", kStaffOrMember,
      [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto out = db.transact([&](pqxx::work& tx) {
          staff_or_on_roster(tx, req, id);
          json items = json::array();
          for (const auto& r : tx.exec_params(
                   std::string(kVersionColumns) + "WHERE workshop_id = $1 ORDER BY version", id))
            items.push_back(version_json(r, false));
          return items;
        });
        return http::Response::json(200, {{"workshop_id", id}, {"items", out}});
      });

  ctx.router.add(Method::Get, "/v1/workshops/:id/notebook/versions/:version", kStaffOrMember,
                 [&db](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   int v = version_param(req, "version");
                   auto out = db.transact([&](pqxx::work& tx) {
                     staff_or_on_roster(tx, req, id);
                     auto rows = tx.exec_params(
                         std::string(kVersionColumns) + "WHERE workshop_id = $1 AND version = $2",
                         id, v);
                     if (rows.empty()) throw http::not_found("no version " + std::to_string(v));
                     return version_json(rows[0], true);
                   });
                   return http::Response::json(200, out);
                 });

  // Any two versions compared, line by line.
  ctx.router.add(
      Method::Get, "/v1/workshops/:id/notebook/diff", kStaffOrMember, [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        int from = version_param(req, "from"), to = version_param(req, "to");
        auto out = db.transact([&](pqxx::work& tx) {
          staff_or_on_roster(tx, req, id);
          auto text = [&](int v, const std::string& name) {
            auto rows = tx.exec_params(
                "SELECT text FROM notebook_versions WHERE workshop_id = $1 AND version = $2", id,
                v);
            if (rows.empty())
              throw http::not_found("no version " + std::to_string(v) + " (" + name + ")");
            return rows[0][0].as<std::string>();
          };
          auto d = assembly::core::diff_lines(text(from, "from"), text(to, "to"));
          json lines = json::array();
          int added = 0, removed = 0;
          for (const auto& l : d) {
            lines.push_back({{"op", std::string(1, l.op)}, {"text", l.text}});
            added += l.op == '+';
            removed += l.op == '-';
          }
          return json{{"workshop_id", id},
                      {"from", from},
                      {"to", to},
                      {"added", added},
                      {"removed", removed},
                      {"lines", lines},
                      {"unified", assembly::core::render_diff(d)}};
        });
        return http::Response::json(200, out);
      });

  ctx.router.add(
      Method::Post, "/v1/workshops/:id/notebook/versions/:version/submit", kStaff,
      [&db, &outbox](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        int v = version_param(req, "version");
        auto out = db.transact([&](pqxx::work& tx) {
          auto w = must_find(tx, id);
          auto rows = tx.exec_params(
              "UPDATE notebook_versions SET submitted_at = now(), submitted_by = $3 "
              "WHERE workshop_id = $1 AND version = $2 AND submitted_at IS NULL RETURNING text",
              id, v, req.caller().subject);
          if (rows.empty()) {
            if (tx.exec_params(
                      "SELECT 1 FROM notebook_versions WHERE workshop_id = $1 AND version = $2", id,
                      v)
                    .empty())
              throw http::not_found("no version " + std::to_string(v));
            throw http::conflict("version " + std::to_string(v) + " was submitted already");
          }
          assembly::workshops::v1::NotebookSubmitted e;
          e.set_workshop_id(id);
          e.set_assembly_id(w.assembly_id);
          e.set_theme(w.theme);
          e.set_version(static_cast<unsigned>(v));
          e.set_text(rows[0][0].as<std::string>());
          outbox.append(tx, e, id);
          return version_json(
              tx.exec_params1(
                  std::string(kVersionColumns) + "WHERE workshop_id = $1 AND version = $2", id, v),
              false);
        });
        return http::Response::json(200, out);
      });

  // --- Mandates: the executive proposes one per workshop; the plenary votes on it here (see
  // README).
  ctx.router.add(
      Method::Post, "/v1/workshops/:id/mandates",
      Access::roles_of({assembly::auth::kSecretariat, assembly::auth::kCityService}),
      [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto text = body::string(req.json(), "text", "", 20000);
        if (text.empty()) throw http::unprocessable("text is required", "/text");
        auto out = db.transact([&](pqxx::work& tx) {
          must_find(tx, id);
          auto mid = assembly::core::new_uuid();
          tx.exec_params(
              "INSERT INTO mandates (id, workshop_id, text, proposed_by) VALUES ($1, $2, $3, $4)",
              mid, id, text, req.caller().subject);
          return mandate_json(tx.exec_params1(std::string(kMandateColumns) + "WHERE id = $1", mid));
        });
        return http::Response::json(201, out);
      });

  ctx.router.add(
      Method::Get, "/v1/workshops/:id/mandates", Access::anyone(), [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto out = db.transact([&](pqxx::work& tx) {
          must_find(tx, id);
          json items = json::array();
          for (const auto& r : tx.exec_params(
                   std::string(kMandateColumns) + "WHERE workshop_id = $1 ORDER BY proposed_at, id",
                   id))
            items.push_back(mandate_json(r));
          return items;
        });
        return http::Response::json(200, {{"workshop_id", id}, {"items", out}});
      });

  // The plenary's vote: adopted when more for than against among the votes cast; `unanimous` when
  // nobody voted against or abstained (the Paris plenary, June 2022).
  ctx.router.add(Method::Post, "/v1/mandates/:id/vote", kStaff, [&db, &outbox](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto b = req.json();
    int yes = static_cast<int>(body::integer(b, "votes_for", 0, 100000));
    int no = static_cast<int>(body::integer(b, "votes_against", 0, 100000));
    int abstain = static_cast<int>(body::integer(b, "abstentions", 0, 100000));
    if (yes + no == 0) throw http::unprocessable("no vote was cast", "/votes_for");
    auto session_id = body::string(b, "session_id", "", 64);
    auto out = db.transact([&](pqxx::work& tx) {
      auto rows = tx.exec_params(std::string(kMandateColumns) + "WHERE id = $1 FOR UPDATE", id);
      if (rows.empty()) throw http::not_found("no mandate " + id);
      auto m = mandate_json(rows[0]);
      if (m["state"] != "proposed")
        throw http::conflict("the mandate was " + std::string(m["state"]) + " already");
      auto s =
          tx.exec_params("SELECT type, state, assembly_id FROM sessions WHERE id = $1", session_id);
      if (s.empty() || s[0][0].as<std::string>() != "plenary")
        throw http::unprocessable("the vote is held at a plenary session", "/session_id");
      if (s[0][1].as<std::string>() == "cancelled")
        throw http::unprocessable("that plenary was cancelled", "/session_id");
      auto w = must_find(tx, m["workshop_id"]);
      if (s[0][2].as<std::string>() != w.assembly_id)
        throw http::unprocessable("that plenary is another assembly's", "/session_id");
      bool adopted = yes > no;
      if (adopted &&
          !tx.exec_params("SELECT 1 FROM mandates WHERE workshop_id = $1 AND state = 'adopted'",
                          w.id)
               .empty())
        throw http::conflict("the workshop has an adopted mandate already");
      tx.exec_params(
          "UPDATE mandates SET state = $2, votes_for = $3, votes_against = $4, abstentions = $5, "
          "session_id = $6, "
          "decided_at = now(), recorded_by = $7 WHERE id = $1",
          id, adopted ? "adopted" : "rejected", yes, no, abstain, session_id, req.caller().subject);
      if (adopted) {
        assembly::workshops::v1::MandateAdopted e;
        e.set_mandate_id(id);
        e.set_workshop_id(w.id);
        e.set_assembly_id(w.assembly_id);
        e.set_theme(w.theme);
        e.set_text(m["text"]);
        e.set_votes_for(static_cast<unsigned>(yes));
        e.set_votes_against(static_cast<unsigned>(no));
        e.set_abstentions(static_cast<unsigned>(abstain));
        e.set_unanimous(no == 0 && abstain == 0);
        e.set_session_id(session_id);
        outbox.append(tx, e, w.id);
      }
      auto out = mandate_json(tx.exec_params1(std::string(kMandateColumns) + "WHERE id = $1", id));
      return out;
    });
    return http::Response::json(200, out);
  });
}

void add_metrics(assembly::service::Context& ctx) {
  assembly::service::refresh_gauges(
      ctx,
      {{"sessions", "Sessions by assembly, workshop, type and state (held, scheduled, cancelled)"},
       {"attendance_rate",
        "Share of recorded attendances that were present, by workshop and session type"},
       {"notebooks_submitted", "Synthesis notebook versions submitted, by workshop"},
       {"mandates", "Mandates by workshop and state (proposed, adopted, rejected)"}},
      [](pqxx::work& tx, assembly::service::Figures& f) {
        auto& s = f["sessions"];
        auto& r = f["attendance_rate"];
        auto& n = f["notebooks_submitted"];
        auto& m = f["mandates"];
        for (const auto& row :
             tx.exec("SELECT s.assembly_id, coalesce(w.theme, 'plenary'), s.type, s.state, "
                     "count(*) FROM sessions s "
                     "LEFT JOIN workshops w ON w.id = s.workshop_id GROUP BY 1, 2, 3, 4"))
          s[{{"assembly", row[0].as<std::string>()},
             {"workshop", row[1].as<std::string>()},
             {"type", row[2].as<std::string>()},
             {"state", row[3].as<std::string>()}}] = row[4].as<double>();
        for (const auto& row :
             tx.exec("SELECT s.assembly_id, coalesce(w.theme, 'plenary'), s.type, "
                     "avg(CASE WHEN a.status = 'present' THEN 1.0 ELSE 0.0 END) FROM attendance a "
                     "JOIN sessions s ON s.id = a.session_id LEFT JOIN workshops w ON w.id = "
                     "s.workshop_id GROUP BY 1, 2, 3"))
          r[{{"assembly", row[0].as<std::string>()},
             {"workshop", row[1].as<std::string>()},
             {"type", row[2].as<std::string>()}}] = row[3].as<double>();
        for (const auto& row :
             tx.exec("SELECT w.assembly_id, w.theme, count(v.submitted_at) FROM workshops w "
                     "LEFT JOIN notebook_versions v ON v.workshop_id = w.id GROUP BY 1, 2"))
          n[{{"assembly", row[0].as<std::string>()}, {"workshop", row[1].as<std::string>()}}] =
              row[2].as<double>();
        for (const auto& row : tx.exec("SELECT w.assembly_id, w.theme, m.state, count(*) FROM "
                                       "mandates m JOIN workshops w ON w.id = m.workshop_id "
                                       "GROUP BY 1, 2, 3"))
          m[{{"assembly", row[0].as<std::string>()},
             {"workshop", row[1].as<std::string>()},
             {"state", row[2].as<std::string>()}}] = row[3].as<double>();
      });
}

}  // namespace workshops::api
