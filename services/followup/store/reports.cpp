#include "store/reports.h"

#include <algorithm>

#include "assembly/core/ids.h"
#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace followup::store {
namespace {

#define REPORT_COLUMNS \
  "SELECT id, assembly_id, sequence, due_on::text AS due_on, status, "                        \
  "coalesce(as_of::text, '') AS as_of, summary, coalesce(snapshot::text, '') AS snapshot, "   \
  "coalesce(" SQL_UTC("published_at") ", '') AS published_at, "                               \
  "coalesce(" SQL_UTC("compiled_at") ", '') AS compiled_at, "                                 \
  "coalesce(" SQL_UTC("overdue_flagged_at") ", '') AS overdue_flagged_at, "                   \
  "coalesce(members_informed, -1) AS members_informed, "                                      \
  "coalesce(members_not_reached, -1) AS members_not_reached FROM reports "

constexpr const char* kFindReport = REPORT_COLUMNS "WHERE id = $1";
constexpr const char* kFindReportForUpdate = REPORT_COLUMNS "WHERE id = $1 FOR UPDATE";
constexpr const char* kReportsOf = REPORT_COLUMNS "WHERE assembly_id = $1 ORDER BY sequence";
constexpr const char* kReportsToFlag = REPORT_COLUMNS
    "WHERE status <> 'published' AND overdue_flagged_at IS NULL "
    "AND due_on < $1::date ORDER BY due_on FOR UPDATE SKIP LOCKED";
#undef REPORT_COLUMNS

constexpr const char* kFlagReportOverdue =
    "UPDATE reports SET overdue_flagged_at = now() WHERE id = $1";
constexpr const char* kUpsertSchedule =
    "INSERT INTO report_schedules (assembly_id, first_due_on, every_months, set_by) "
    "VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (assembly_id) DO UPDATE SET first_due_on = excluded.first_due_on, "
    "every_months = excluded.every_months, "
    "set_by = excluded.set_by, set_at = now()";
constexpr const char* kSchedulePeriod =
    "SELECT every_months FROM report_schedules WHERE assembly_id = $1";
constexpr const char* kInsertReport =
    "INSERT INTO reports (id, assembly_id, sequence, due_on) VALUES ($1, $2, $3, $4)";
constexpr const char* kInsertReportIfNew =
    "INSERT INTO reports (id, assembly_id, sequence, due_on) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (assembly_id, sequence) DO NOTHING";
constexpr const char* kRescheduleReport =
    "UPDATE reports SET due_on = $2, overdue_flagged_at = NULL WHERE id = $1";
constexpr const char* kSaveCompiled =
    "UPDATE reports SET status = $2, as_of = $3, snapshot = $4::jsonb, summary = $5, "
    "compiled_at = now() WHERE id = $1";
constexpr const char* kSetReach =
    "UPDATE reports SET members_informed = $2, members_not_reached = $3 WHERE id = $1";
constexpr const char* kMarkPublished =
    "UPDATE reports SET status = 'published', published_at = now(), published_by = $2 "
    "WHERE id = $1";
constexpr const char* kCommitmentCounts =
    "SELECT count(*) AS total, "
    "count(*) FILTER (WHERE status IN ('done', 'abandoned')) AS closed, "
    "count(*) FILTER (WHERE status = 'done') AS done FROM commitments WHERE assembly_id = $1";

ReportRow report_from(const pqxx::row& r) {
  ReportRow out{r["id"].as<std::string>(),
                r["assembly_id"].as<std::string>(),
                {},
                r["summary"].as<std::string>(),
                r["published_at"].as<std::string>(),
                r["compiled_at"].as<std::string>(),
                r["overdue_flagged_at"].as<std::string>()};
  out.report.sequence = r["sequence"].as<int>();
  out.report.due_on = r["due_on"].as<std::string>();
  out.report.status = domain::parse_report_status(r["status"].as<std::string>())
                          .value_or(domain::ReportStatus::scheduled);
  out.report.as_of = r["as_of"].as<std::string>();
  out.members_informed = r["members_informed"].as<int>();
  out.members_not_reached = r["members_not_reached"].as<int>();
  const auto snapshot = r["snapshot"].as<std::string>();
  if (!snapshot.empty()) out.report.snapshot = nlohmann::json::parse(snapshot);
  out.report.published_on =
      out.published_at.substr(0, std::min<std::size_t>(10, out.published_at.size()));
  return out;
}

std::vector<ReportRow> reports_from(const pqxx::result& rows) {
  std::vector<ReportRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(report_from(r));
  return out;
}

}  // namespace

bool set_report_reach(pqxx::work& tx, const std::string& id, int informed, int not_reached) {
  return assembly::db::exec(tx, kSetReach, id, informed, not_reached).affected_rows() == 1;
}

std::optional<ReportRow> find_report(pqxx::transaction_base& tx, const std::string& id, bool lock) {
  auto rows = assembly::db::exec(tx, lock ? kFindReportForUpdate : kFindReport, id);
  if (rows.empty()) return std::nullopt;
  return report_from(rows[0]);
}

std::vector<ReportRow> reports_of(pqxx::transaction_base& tx, const std::string& assembly_id) {
  return reports_from(assembly::db::exec(tx, kReportsOf, assembly_id));
}

std::vector<ReportRow> reports_to_flag(pqxx::work& tx, const std::string& today) {
  return reports_from(assembly::db::exec(tx, kReportsToFlag, today));
}

void flag_report_overdue(pqxx::work& tx, const std::string& id) {
  assembly::db::exec(tx, kFlagReportOverdue, id);
}

void upsert_schedule(pqxx::work& tx, const std::string& assembly_id,
                     const std::string& first_due_on, int every_months, const std::string& actor) {
  assembly::db::exec(tx, kUpsertSchedule, assembly_id, first_due_on, every_months, actor);
}

std::optional<int> schedule_period(pqxx::transaction_base& tx, const std::string& assembly_id) {
  auto rows = assembly::db::exec(tx, kSchedulePeriod, assembly_id);
  if (rows.empty()) return std::nullopt;
  return rows[0]["every_months"].as<int>();
}

void insert_report(pqxx::work& tx, const std::string& assembly_id, int sequence,
                   const std::string& due_on) {
  assembly::db::exec(tx, kInsertReport, assembly::core::new_uuid(), assembly_id, sequence, due_on);
}

void insert_report_if_new(pqxx::work& tx, const std::string& assembly_id, int sequence,
                          const std::string& due_on) {
  assembly::db::exec(tx, kInsertReportIfNew, assembly::core::new_uuid(), assembly_id, sequence,
                     due_on);
}

void reschedule_report(pqxx::work& tx, const std::string& id, const std::string& due_on) {
  assembly::db::exec(tx, kRescheduleReport, id, due_on);
}

void save_compiled(pqxx::work& tx, const std::string& id, const domain::Report& report,
                   const std::string& summary) {
  assembly::db::exec(tx, kSaveCompiled, id, domain::to_string(report.status), report.as_of,
                     report.snapshot.dump(), summary);
}

void mark_published(pqxx::work& tx, const std::string& id, const std::string& actor) {
  assembly::db::exec(tx, kMarkPublished, id, actor);
}

CommitmentCounts commitment_counts(pqxx::transaction_base& tx, const std::string& assembly_id) {
  const auto r = assembly::db::exec(tx, kCommitmentCounts, assembly_id)[0];
  return {r["total"].as<int>(), r["closed"].as<int>(), r["done"].as<int>()};
}

}  // namespace followup::store
