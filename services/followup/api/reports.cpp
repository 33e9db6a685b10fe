// The droit de suite: each assembly's schedule of follow-up reports; a report compiled from the
// commitments' state at a date, published to the members and frozen from then on; overdue
// reports and milestones detected by the service itself. The secretariat schedules, compiles and
// publishes; everyone reads.
#include "api/routes.h"
#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/db/sql_time.h"
#include "assembly/followup/v1/events.pb.h"
#include "assembly/http/body.h"
#include "assembly/logging/log.h"
#include "domain/report.h"
#include "store/commitments.h"

namespace followup::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;
using nlohmann::json;

namespace {

constexpr const char* kReportColumns =
    "SELECT id, assembly_id, sequence, due_on::text, status, coalesce(as_of::text, ''), summary, coalesce(snapshot::text, ''), "
    "coalesce(" SQL_UTC("published_at") ", ''), coalesce(" SQL_UTC("compiled_at") ", ''), "
    "coalesce(" SQL_UTC("overdue_flagged_at") ", '') FROM reports ";

struct ReportRow {
  std::string id, assembly_id;
  domain::Report report;
  std::string summary, published_at, compiled_at, overdue_flagged_at;
};

ReportRow from_row(const pqxx::row& r) {
  ReportRow out{r[0].as<std::string>(), r[1].as<std::string>(), {},
                r[6].as<std::string>(), r[8].as<std::string>(), r[9].as<std::string>(),
                r[10].as<std::string>()};
  out.report.sequence = r[2].as<int>();
  out.report.due_on = r[3].as<std::string>();
  out.report.status =
      domain::parse_report_status(r[4].as<std::string>()).value_or(domain::ReportStatus::scheduled);
  out.report.as_of = r[5].as<std::string>();
  if (!r[7].as<std::string>().empty()) out.report.snapshot = json::parse(r[7].as<std::string>());
  out.report.published_on =
      out.published_at.substr(0, std::min<std::size_t>(10, out.published_at.size()));
  return out;
}

std::optional<ReportRow> find_report(pqxx::transaction_base& tx, const std::string& id,
                                     bool lock = false) {
  auto rows = tx.exec_params(
      std::string(kReportColumns) + "WHERE id = $1" + (lock ? " FOR UPDATE" : ""), id);
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

// The public view: the snapshot only once published (a draft may still change).
json to_json(const ReportRow& r, const std::string& today, bool with_draft = false) {
  const bool published = r.report.status == domain::ReportStatus::published;
  return {
      {"id", r.id},
      {"assembly_id", r.assembly_id},
      {"sequence", r.report.sequence},
      {"due_on", r.report.due_on},
      {"status", domain::to_string(r.report.status)},
      {"as_of", r.report.as_of.empty() ? json() : json(r.report.as_of)},
      {"summary", r.summary},
      {"published_at", r.published_at.empty() ? json() : json(r.published_at)},
      {"overdue", domain::overdue(r.report, today)},
      {"overdue_flagged_at", r.overdue_flagged_at.empty() ? json() : json(r.overdue_flagged_at)},
      {"snapshot", published || with_draft ? r.report.snapshot : json()}};
}

std::vector<ReportRow> reports_of(pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<ReportRow> out;
  for (const auto& r : tx.exec_params(
           std::string(kReportColumns) + "WHERE assembly_id = $1 ORDER BY sequence", assembly_id))
    out.push_back(from_row(r));
  return out;
}

}  // namespace

std::string assembly_param(const http::Request& req) {
  const auto& id = req.param("id");
  if (id.empty() || id.size() > 64) throw http::not_found("no assembly " + id);
  return id;
}

json reports_json(pqxx::transaction_base& tx, const std::string& assembly_id) {
  json items = json::array();
  const auto today = assembly::core::utc_today();
  for (const auto& r : reports_of(tx, assembly_id)) items.push_back(to_json(r, today));
  return items;
}

json detect_overdue(pqxx::work& tx, assembly::events::Outbox& outbox, const std::string& today) {
  json flagged = {{"reports", json::array()}, {"milestones", json::array()}};
  for (const auto& row :
       tx.exec_params(std::string(kReportColumns) +
                          "WHERE status <> 'published' AND overdue_flagged_at IS NULL "
                          "AND due_on < $1::date ORDER BY due_on FOR UPDATE SKIP LOCKED",
                      today)) {
    auto r = from_row(row);
    if (!domain::overdue(r.report, today)) continue;
    tx.exec_params("UPDATE reports SET overdue_flagged_at = now() WHERE id = $1", r.id);
    assembly::followup::v1::FollowUpReportOverdue e;
    e.set_report_id(r.id);
    e.set_assembly_id(r.assembly_id);
    e.set_sequence(r.report.sequence);
    e.set_due_on(r.report.due_on);
    outbox.append(tx, e, r.assembly_id);
    flagged["reports"].push_back({{"id", r.id},
                                  {"assembly_id", r.assembly_id},
                                  {"sequence", r.report.sequence},
                                  {"due_on", r.report.due_on}});
    assembly::log::warn("follow-up report overdue",
                        {{"report_id", r.id}, {"due_on", r.report.due_on}});
  }
  for (const auto& row :
       tx.exec_params("SELECT m.id, m.title, m.due_on::text, c.id, c.assembly_id, c.department "
                      "FROM milestones m "
                      "JOIN commitments c ON c.id = m.commitment_id WHERE m.done_on IS NULL AND "
                      "m.overdue_flagged_at IS NULL "
                      "AND m.due_on < $1::date ORDER BY m.due_on FOR UPDATE OF m SKIP LOCKED",
                      today)) {
    domain::Milestone m{row[0].as<std::string>(), row[1].as<std::string>(),
                        row[2].as<std::string>()};
    if (!domain::overdue(m, today)) continue;
    tx.exec_params("UPDATE milestones SET overdue_flagged_at = now() WHERE id = $1", m.id);
    assembly::followup::v1::MilestoneOverdue e;
    e.set_milestone_id(m.id);
    e.set_commitment_id(row[3].as<std::string>());
    e.set_assembly_id(row[4].as<std::string>());
    e.set_department(row[5].as<std::string>());
    e.set_title(m.title);
    e.set_due_on(m.due_on);
    outbox.append(tx, e, e.commitment_id());
    flagged["milestones"].push_back(
        {{"id", m.id}, {"commitment_id", e.commitment_id()}, {"due_on", m.due_on}});
  }
  return flagged;
}

void add_report_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;

  ctx.router.add(
      Method::Put, "/v1/assemblies/:id/report-schedule", Access::secretariat(),
      [&db](http::Request& req) {
        auto assembly_id = assembly_param(req);
        auto b = req.json();
        auto first = body::date(b, "first_due_on");
        const int every = static_cast<int>(
            b.contains("every_months") ? body::integer(b, "every_months", 1, 24) : 6);
        auto out = db.transact([&](pqxx::work& tx) {
          tx.exec_params(
              "INSERT INTO report_schedules (assembly_id, first_due_on, every_months, set_by) "
              "VALUES ($1, $2, $3, $4) "
              "ON CONFLICT (assembly_id) DO UPDATE SET first_due_on = excluded.first_due_on, "
              "every_months = excluded.every_months, "
              "set_by = excluded.set_by, set_at = now()",
              assembly_id, first, every, req.caller().subject);
          // The next unpublished report follows the schedule: the first date, or the last published
          // report's due date plus the period.
          auto reports = reports_of(tx, assembly_id);
          std::string due = first;
          int sequence = 1;
          const ReportRow* pending = nullptr;
          for (const auto& r : reports) {
            if (r.report.status == domain::ReportStatus::published) {
              due = domain::add_months(r.report.due_on, every);
              sequence = r.report.sequence + 1;
            } else if (!pending)
              pending = &r;
          }
          if (pending)
            tx.exec_params(
                "UPDATE reports SET due_on = $2, overdue_flagged_at = NULL WHERE id = $1",
                pending->id, due);
          else
            tx.exec_params(
                "INSERT INTO reports (id, assembly_id, sequence, due_on) VALUES ($1, $2, $3, $4)",
                assembly::core::new_uuid(), assembly_id, sequence, due);
          return json{{"assembly_id", assembly_id},
                      {"first_due_on", first},
                      {"every_months", every},
                      {"reports", reports_json(tx, assembly_id)}};
        });
        return http::Response::json(200, out);
      });

  ctx.router.add(Method::Get, "/v1/reports", Access::anyone(), [&db](http::Request& req) {
    auto assembly_id = body::required_query(req, "assembly_id");
    return http::Response::json(
        200,
        {{"items", db.transact([&](pqxx::work& tx) { return reports_json(tx, assembly_id); })}});
  });

  ctx.router.add(Method::Get, "/v1/reports/:id", Access::anyone(), [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto out = db.transact([&](pqxx::work& tx) {
      auto r = find_report(tx, id);
      if (!r) throw http::not_found("no report " + id);
      return to_json(*r, assembly::core::utc_today());
    });
    return http::Response::json(200, out);
  });

  // Compiles (or compiles again) a report not yet published: {"as_of": "YYYY-MM-DD" (default
  // today), "summary": "..."}. The answer shows the draft snapshot.
  ctx.router.add(
      Method::Post, "/v1/reports/:id/compile", Access::secretariat(), [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto b = req.json();
        const auto today = assembly::core::utc_today();
        auto as_of = b.contains("as_of") ? body::date(b, "as_of") : today;
        auto summary = body::string_or(b, "summary", "", "", 20000);
        auto out = db.transact([&](pqxx::work& tx) {
          auto r = find_report(tx, id, true);
          if (!r) throw http::not_found("no report " + id);
          try {
            domain::compile(r->report, store::records_of(tx, r->assembly_id), as_of, today);
          } catch (const domain::ReportError& e) {
            if (r->report.status == domain::ReportStatus::published) throw http::conflict(e.what());
            throw http::unprocessable(e.what(), "/as_of");
          }
          tx.exec_params(
              "UPDATE reports SET status = $2, as_of = $3, snapshot = $4::jsonb, summary = $5, "
              "compiled_at = now() WHERE id = $1",
              id, domain::to_string(r->report.status), r->report.as_of, r->report.snapshot.dump(),
              summary);
          return to_json(*find_report(tx, id), today, true);
        });
        return http::Response::json(200, out);
      });

  // Publishes a compiled report to the members (FollowUpReportPublished) and schedules the next
  // one while commitments remain open.
  ctx.router.add(
      Method::Post, "/v1/reports/:id/publish", Access::secretariat(),
      [&db, &outbox](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        const auto today = assembly::core::utc_today();
        auto out = db.transact([&](pqxx::work& tx) {
          auto r = find_report(tx, id, true);
          if (!r) throw http::not_found("no report " + id);
          try {
            domain::publish(r->report, today);
          } catch (const domain::ReportError& e) {
            throw http::conflict(e.what());
          }
          tx.exec_params(
              "UPDATE reports SET status = 'published', published_at = now(), published_by = $2 "
              "WHERE id = $1",
              id, req.caller().subject);
          auto counts = tx.exec_params(
              "SELECT count(*), count(*) FILTER (WHERE status IN ('done', 'abandoned')), "
              "count(*) FILTER (WHERE status = 'done') FROM commitments WHERE assembly_id = $1",
              r->assembly_id)[0];
          const int total = counts[0].as<int>(), closed = counts[1].as<int>();
          std::string next;
          auto schedule = tx.exec_params(
              "SELECT every_months FROM report_schedules WHERE assembly_id = $1", r->assembly_id);
          if (!schedule.empty()) {
            if (auto due = domain::next_due(r->report.due_on, schedule[0][0].as<int>(),
                                            total - closed, total)) {
              next = *due;
              tx.exec_params(
                  "INSERT INTO reports (id, assembly_id, sequence, due_on) VALUES ($1, $2, $3, $4) "
                  "ON CONFLICT (assembly_id, sequence) DO NOTHING",
                  assembly::core::new_uuid(), r->assembly_id, r->report.sequence + 1, next);
            }
          }
          assembly::followup::v1::FollowUpReportPublished e;
          e.set_report_id(id);
          e.set_assembly_id(r->assembly_id);
          e.set_sequence(r->report.sequence);
          e.set_due_on(r->report.due_on);
          e.set_as_of(r->report.as_of);
          e.set_commitments(static_cast<int>(r->report.snapshot["commitments"].size()));
          e.set_commitments_done(r->report.snapshot["by_status"].value("done", 0));
          e.set_milestones_overdue(r->report.snapshot.value("milestones_overdue", 0));
          e.set_next_due_on(next);
          outbox.append(tx, e, r->assembly_id);
          auto after = to_json(*find_report(tx, id), today);
          after["next_due_on"] = next.empty() ? json() : json(next);
          return after;
        });
        return http::Response::json(200, out);
      });

  // The overdue check runs by itself every OVERDUE_CHECK_SECONDS; the secretariat may run it now.
  auto period = ctx.env.integer("OVERDUE_CHECK_SECONDS", 300, 1, 86400,
                                "how often overdue reports and milestones are looked for");
  ctx.every(std::chrono::seconds(period), "detect overdue reports and milestones", [&db, &outbox] {
    db.transact([&](pqxx::work& tx) { detect_overdue(tx, outbox, assembly::core::utc_today()); });
  });
  ctx.router.add(Method::Post, "/v1/overdue-checks", Access::secretariat(),
                 [&db, &outbox](http::Request&) {
                   auto out = db.transact([&](pqxx::work& tx) {
                     return detect_overdue(tx, outbox, assembly::core::utc_today());
                   });
                   return http::Response::json(200, out);
                 },
                 {1 << 10, false});
}

}  // namespace followup::api
