#include "assembly/audit/audit.h"

#include <cstdlib>

#include "assembly/auth/auth.h"
#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"
#include "assembly/http/body.h"
#include "assembly/http/page.h"
#include "assembly/logging/log.h"

namespace assembly::audit {
namespace {

constexpr const char* kInsert =
    "INSERT INTO audit_log (actor, role, action, object_type, object_id, subject_member_id, "
    "status, trace_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr const char* kFind =
    "SELECT id, " SQL_UTC("at") " AS at, actor, role, action, object_type, object_id, "
    "subject_member_id, status, trace_id FROM audit_log "
    "WHERE id > $1 AND ($2 = '' OR subject_member_id = $2) AND ($3 = '' OR actor = $3) "
    "AND at >= COALESCE(NULLIF($4, '')::timestamptz, '-infinity') ORDER BY id LIMIT $5";

bool reads(http::Method m) {
  return m == http::Method::Get || m == http::Method::Head;
}

// A call whose success goes on the trail as a change: entry_for's rule, before the answer.
bool audited_change(const http::Route& route, const http::Request& req) {
  return !route.access.is_public && req.principal && !route.options.unlinkable &&
         !reads(route.method);
}

// The role the route admitted the caller by: the first of the suite's roles it holds that the
// route names, else the auditor's reading of what the secretariat reads.
std::string role_of(const http::Route& route, const auth::Principal& p) {
  for (const char* role : auth::kRoles)
    if (p.has(role) && route.access.roles.count(role)) return role;
  return p.has(auth::kAuditor) ? auth::kAuditor : "";
}

std::string created_id(const http::Response& response) {
  if (response.status != 201 || response.content_type != "application/json") return {};
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object() && body.contains("id") && body["id"].is_string())
    return body["id"].get<std::string>();
  return {};
}

nlohmann::json to_json(const Recorded& r) {
  const auto& e = r.entry;
  return {{"id", r.id},
          {"at", r.at},
          {"actor", e.actor},
          {"role", e.role},
          {"action", e.action},
          {"object_type", e.object_type},
          {"object_id", e.object_id},
          {"subject_member_id", e.subject_member_id},
          {"status", e.status},
          {"trace_id", e.trace_id}};
}

// GET /v1/audit?subject=&actor=&since=&limit=&cursor=
http::Response list(db::Pool& db, http::Request& req) {
  Filter f;
  f.subject = req.query_param("subject").value_or("");
  f.actor = req.query_param("actor").value_or("");
  f.since = req.query_param("since").value_or("");
  try {
    if (!f.since.empty()) http::body::utc_time(nlohmann::json{{"since", f.since}}, "since");
  } catch (const http::Problem&) {
    throw http::bad_request("since must be a UTC time YYYY-MM-DDTHH:MM:SSZ", "since");
  }
  auto page = http::page_request(req, 100, 1000);
  if (!page.after.empty()) {
    char* end = nullptr;
    f.after = std::strtoll(page.after.c_str(), &end, 10);
    if (*end != '\0' || f.after <= 0)
      throw http::bad_request("cursor is not one this list gave (use next_cursor as it is)",
                              "cursor");
  }
  f.limit = page.limit + 1;
  auto rows = db.transact([&](pqxx::work& tx) { return find(tx, f); });
  std::optional<std::string> next;
  if (rows.size() > page.limit) {
    rows.pop_back();
    next = std::to_string(rows.back().id);
  }
  return http::page_response(req, http::json_array(rows, to_json), next,
                             {"subject", "actor", "since"});
}

}  // namespace

std::optional<Entry> entry_for(const http::Route& route, const http::Request& req,
                               const http::Response& response) {
  if (route.access.is_public || !req.principal || route.options.unlinkable) return std::nullopt;
  if (reads(route.method) && !route.options.personal_data) return std::nullopt;
  Entry e;
  e.actor = req.principal->actor();
  e.role = role_of(route, *req.principal);
  e.action = std::string(http::to_string(route.method)) + " " + route.pattern;
  if (route.segments.size() > 1 && route.segments[0] == "v1") e.object_type = route.segments[1];
  auto id = req.params.find("id");
  e.object_id = id != req.params.end() ? id->second : created_id(response);
  if (e.object_type == "members" && id != req.params.end()) e.subject_member_id = id->second;
  e.status = response.status;
  e.trace_id = req.trace_id;
  return e;
}

void record(pqxx::work& tx, const Entry& e) {
  assembly::db::exec(tx, kInsert, e.actor, e.role, e.action, e.object_type, e.object_id,
                     e.subject_member_id, e.status, e.trace_id);
}

std::vector<Recorded> find(pqxx::transaction_base& tx, const Filter& f) {
  std::vector<Recorded> out;
  for (const auto& r : assembly::db::exec(tx, kFind, f.after, f.subject, f.actor, f.since,
                                          static_cast<long long>(f.limit)))
    out.push_back({r["id"].as<long long>(),
                   r["at"].as<std::string>(),
                   {r["actor"].as<std::string>(), r["role"].as<std::string>(),
                    r["action"].as<std::string>(), r["object_type"].as<std::string>(),
                    r["object_id"].as<std::string>(), r["subject_member_id"].as<std::string>(),
                    r["status"].as<int>(), r["trace_id"].as<std::string>()}});
  return out;
}

void install(http::Router& router, db::Pool& db) {
  // A change and its entry are one transaction: the handler's transactions run in a unit
  // (db::Unit) that the entry joins and that commits after it. An entry that cannot be written
  // spoils the unit: the change is refused (its problem, 5xx) and nothing of it is kept. A
  // handler that threw after its transactions succeeded keeps what they did (as when each
  // committed on its own), without an entry: the trail records successful changes.
  router.around([&db](const http::Route& route, http::Request& req,
                      const std::function<http::Response()>& next) {
    if (!audited_change(route, req)) return next();
    db::Unit unit(db);
    http::Response response;
    try {
      response = next();
    } catch (...) {
      if (!unit.spoiled()) try {
          unit.commit();
        } catch (const std::exception& e) {
          log::error("the work before a refusal not committed", {{"error", e.what()}});
        }
      throw;
    }
    unit.commit();
    return response;
  });
  router.on_answer(
      [&db](const http::Route& route, const http::Request& req, const http::Response& response) {
        auto entry = entry_for(route, req, response);
        if (!entry) return;
        // A read: no personal data leaves without its entry. A change: in the change's unit.
        db.transact([&](pqxx::work& tx) { record(tx, *entry); });
      });
  router.add(http::Method::Get, "/v1/audit", http::Access::roles_of({auth::kAuditor}),
             [&db](http::Request& req) { return list(db, req); });
}

}  // namespace assembly::audit
