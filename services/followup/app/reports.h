#pragma once
// The droit de suite's use cases: the report schedule, compiling and publishing a report, and
// flagging what is overdue. They throw core::Refused; no HTTP here.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/events/outbox.h"
#include "store/commitments.h"
#include "store/reports.h"

namespace followup::app {

// Sets the assembly's schedule; the next unpublished report follows it (the first date, or the
// last published report's due date plus the period). The assembly's reports after.
std::vector<store::ReportRow> set_schedule(pqxx::work& tx, const std::string& assembly_id,
                                           const std::string& first_due_on, int every_months,
                                           const std::string& actor);

// (Re)compiles a report not yet published from the commitments' state at `as_of`; the report
// after. Refused: not_found, conflict (published), invalid (/as_of).
store::ReportRow compile_report(pqxx::work& tx, const std::string& id, const std::string& as_of,
                                const std::string& summary, const std::string& today);

struct Published {
  store::ReportRow report;
  std::string next_due_on;  // "" when the follow-up is over or there is no schedule
};
// Publishes a compiled report (FollowUpReportPublished) and schedules the next one while
// commitments remain open. Refused: not_found, conflict.
Published publish_report(pqxx::work& tx, assembly::events::Outbox& outbox, const std::string& id,
                         const std::string& actor, const std::string& today);

struct Flagged {
  std::vector<store::ReportRow> reports;
  std::vector<store::OverdueMilestoneRow> milestones;
};
// Flags the reports and milestones overdue at `today` not flagged yet, each once, with its event
// (FollowUpReportOverdue, MilestoneOverdue); what was flagged.
Flagged detect_overdue(pqxx::work& tx, assembly::events::Outbox& outbox, const std::string& today);

}  // namespace followup::app
