// The droit de suite: each assembly's schedule of follow-up reports; a report compiled from the
// commitments' state at a date, published to the members and frozen from then on; overdue
// reports and milestones detected by the service itself (workers/overdue). The secretariat
// schedules, compiles and publishes; everyone reads.
#include "app/reports.h"

#include "api/json.h"
#include "api/routes.h"
#include "assembly/core/ids.h"
#include "assembly/db/sql_time.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"

namespace followup::api {
using namespace assembly::service::api;

namespace {

// {first_due_on, every_months (default 6)}.
http::Response put_schedule(assembly::db::Pool& db, http::Request& req) {
  auto assembly_id = assembly_param(req);
  const auto b = req.json();
  body::Fields f(b);
  auto first = f.date("first_due_on");
  const int every = static_cast<int>(
      b.is_object() && b.contains("every_months") ? f.integer("every_months", 1, 24) : 6);
  f.done();
  auto [reports, today] = db.transact([&](pqxx::work& tx) {
    auto made = app::set_schedule(tx, assembly_id, first, every, req.caller().actor());
    return std::pair{std::move(made), assembly::db::today(tx)};
  });
  return http::Response::json(200, {{"assembly_id", assembly_id},
                                    {"first_due_on", first},
                                    {"every_months", every},
                                    {"reports", reports_json(reports, today)}});
}

http::Response list_reports(assembly::db::Pool& db, http::Request& req) {
  auto assembly_id = body::required_query(req, "assembly_id");
  auto [reports, today] = db.transact([&](pqxx::work& tx) {
    return std::pair{store::reports_of(tx, assembly_id), assembly::db::today(tx)};
  });
  return http::Response::json(200, {{"items", reports_json(reports, today)}});
}

http::Response get_report(assembly::db::Pool& db, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto [r, today] = db.transact([&](pqxx::work& tx) {
    return std::pair{store::find_report(tx, id), assembly::db::today(tx)};
  });
  if (!r) throw http::not_found("no report " + id);
  return http::Response::json(200, to_json(*r, today));
}

// The compiled draft's snapshot too (the preview before publishing; the public sees it only once
// published).
http::Response get_draft(assembly::db::Pool& db, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto [r, today] = db.transact([&](pqxx::work& tx) {
    return std::pair{store::find_report(tx, id), assembly::db::today(tx)};
  });
  if (!r) throw http::not_found("no report " + id);
  return http::Response::json(200, to_json(*r, today, true));
}

// {"as_of": "YYYY-MM-DD" (default today), "summary": "..."}; the answer shows the draft snapshot.
http::Response compile(assembly::db::Pool& db, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  const bool dated = b.is_object() && b.contains("as_of");
  auto as_of = dated ? f.date("as_of") : std::string();
  auto summary = f.string_or("summary", "", 20000);
  f.done();
  const auto today = db_today(db);
  if (!dated) as_of = today;
  auto r = db.transact(
      [&](pqxx::work& tx) { return app::compile_report(tx, id, as_of, summary, today); });
  return http::Response::json(200, to_json(r, today, true));
}

http::Response publish(assembly::db::Pool& db, assembly::events::Outbox& outbox,
                       http::Request& req) {
  auto id = body::uuid_param(req, "id");
  std::string today;
  auto p = db.transact([&](pqxx::work& tx) {
    today = assembly::db::today(tx);
    return app::publish_report(tx, outbox, id, req.caller().actor(), today);
  });
  auto out = to_json(p.report, today);
  out["next_due_on"] = p.next_due_on.empty() ? json() : json(p.next_due_on);
  return http::Response::json(200, out);
}

http::Response check_overdue(assembly::db::Pool& db, assembly::events::Outbox& outbox) {
  auto flagged = db.transact(
      [&](pqxx::work& tx) { return app::detect_overdue(tx, outbox, assembly::db::today(tx)); });
  return http::Response::json(200, to_json(flagged));
}

}  // namespace

std::string assembly_param(const http::Request& req) {
  const auto& id = req.param("id");
  if (!assembly::core::is_slug(id)) throw http::not_found("no assembly with this id");
  return id;
}

std::string db_today(assembly::db::Pool& db) {
  return db.transact([](pqxx::work& tx) { return assembly::db::today(tx); });
}

void add_report_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  auto& r = ctx.router;
  const auto secretariat = Access::secretariat();
  r.add(Method::Put, "/v1/assemblies/:id/report-schedule", secretariat,
        [&db](http::Request& req) { return put_schedule(db, req); });
  r.add(Method::Get, "/v1/reports", Access::anyone(),
        [&db](http::Request& req) { return list_reports(db, req); });
  r.add(Method::Get, "/v1/reports/:id", Access::anyone(),
        [&db](http::Request& req) { return get_report(db, req); });
  r.add(Method::Get, "/v1/reports/:id/draft", secretariat,
        [&db](http::Request& req) { return get_draft(db, req); });
  r.add(Method::Post, "/v1/reports/:id/compile", secretariat,
        [&db](http::Request& req) { return compile(db, req); });
  // Publishing schedules the next report while commitments remain open.
  r.add(Method::Post, "/v1/reports/:id/publish", secretariat,
        [&db, &outbox](http::Request& req) { return publish(db, outbox, req); });
  // The check also runs by itself (workers/overdue); the secretariat may run it now. It looks at
  // every assembly's commitments: an account limited to some assemblies may not run it.
  r.add(Method::Post, "/v1/overdue-checks", secretariat,
        [&db, &outbox](http::Request&) { return check_overdue(db, outbox); }, {1 << 10, false});
}

}  // namespace followup::api
