#pragma once
// SQL for the report schedules and the follow-up reports.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/report.h"

namespace followup::store {

struct ReportRow {
  std::string id, assembly_id;
  domain::Report report;
  std::string summary, published_at, compiled_at, overdue_flagged_at;  // "" until known
  // How many members and former members the report reached by e-mail, and did not (the
  // notifications service's count); -1 until known.
  int members_informed = -1, members_not_reached = -1;
};

// FOR UPDATE when `lock`.
std::optional<ReportRow> find_report(pqxx::transaction_base& tx, const std::string& id,
                                     bool lock = false);
std::vector<ReportRow> reports_of(pqxx::transaction_base& tx,
                                  const std::string& assembly_id);  // by sequence
// Unpublished reports due before `today` and not flagged yet, locked (others skipped).
std::vector<ReportRow> reports_to_flag(pqxx::work& tx, const std::string& today);
void flag_report_overdue(pqxx::work& tx, const std::string& id);
// The reach of a published report; false when there is no such report.
bool set_report_reach(pqxx::work& tx, const std::string& id, int informed, int not_reached);

void upsert_schedule(pqxx::work& tx, const std::string& assembly_id,
                     const std::string& first_due_on, int every_months, const std::string& actor);
// The schedule's period in months, when the assembly has one.
std::optional<int> schedule_period(pqxx::transaction_base& tx, const std::string& assembly_id);

void insert_report(pqxx::work& tx, const std::string& assembly_id, int sequence,
                   const std::string& due_on);
// Does nothing when the assembly already has a report with that sequence.
void insert_report_if_new(pqxx::work& tx, const std::string& assembly_id, int sequence,
                          const std::string& due_on);
// A new due date, the overdue flag cleared.
void reschedule_report(pqxx::work& tx, const std::string& id, const std::string& due_on);
void save_compiled(pqxx::work& tx, const std::string& id, const domain::Report& report,
                   const std::string& summary);
void mark_published(pqxx::work& tx, const std::string& id, const std::string& actor);

struct CommitmentCounts {
  int total = 0, closed = 0, done = 0;
};
CommitmentCounts commitment_counts(pqxx::transaction_base& tx, const std::string& assembly_id);

}  // namespace followup::store
