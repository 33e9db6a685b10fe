#include "app/reports.h"

#include "assembly/core/refusal.h"
#include "assembly/logging/log.h"
#include "domain/report.h"
#include "events/publish.h"

namespace followup::app {
namespace core = assembly::core;

std::vector<store::ReportRow> set_schedule(pqxx::work& tx, const std::string& assembly_id,
                                           const std::string& first_due_on, int every_months,
                                           const std::string& actor) {
  store::upsert_schedule(tx, assembly_id, first_due_on, every_months, actor);
  auto reports = store::reports_of(tx, assembly_id);
  std::string due = first_due_on;
  int sequence = 1;
  const store::ReportRow* pending = nullptr;
  for (const auto& r : reports) {
    if (r.report.status == domain::ReportStatus::published) {
      due = domain::add_months(r.report.due_on, every_months);
      sequence = r.report.sequence + 1;
    } else if (!pending)
      pending = &r;
  }
  if (pending)
    store::reschedule_report(tx, pending->id, due);
  else
    store::insert_report(tx, assembly_id, sequence, due);
  return store::reports_of(tx, assembly_id);
}

store::ReportRow compile_report(pqxx::work& tx, const std::string& id, const std::string& as_of,
                                const std::string& summary, const std::string& today) {
  auto r = store::find_report(tx, id, true);
  if (!r) throw core::not_found("no report " + id);
  try {
    domain::compile(r->report, store::records_of(tx, r->assembly_id), as_of, today);
  } catch (const domain::ReportError& e) {
    if (r->report.status == domain::ReportStatus::published) throw core::conflict(e.what());
    throw core::invalid(e.what(), "/as_of");
  }
  store::save_compiled(tx, id, r->report, summary);
  return *store::find_report(tx, id);
}

Published publish_report(pqxx::work& tx, assembly::events::Outbox& outbox, const std::string& id,
                         const std::string& actor, const std::string& today) {
  auto r = store::find_report(tx, id, true);
  if (!r) throw core::not_found("no report " + id);
  try {
    domain::publish(r->report, today);
  } catch (const domain::ReportError& e) {
    throw core::conflict(e.what());
  }
  store::mark_published(tx, id, actor);
  const auto counts = store::commitment_counts(tx, r->assembly_id);
  std::string next;
  if (auto every = store::schedule_period(tx, r->assembly_id)) {
    if (auto due = domain::next_due(r->report.due_on, *every, counts.total - counts.closed,
                                    counts.total)) {
      next = *due;
      store::insert_report_if_new(tx, r->assembly_id, r->report.sequence + 1, next);
    }
  }
  events::report_published(tx, outbox, *r, next);
  return {*store::find_report(tx, id), next};
}

Flagged detect_overdue(pqxx::work& tx, assembly::events::Outbox& outbox, const std::string& today) {
  Flagged flagged;
  for (auto& r : store::reports_to_flag(tx, today)) {
    if (!domain::overdue(r.report, today)) continue;
    store::flag_report_overdue(tx, r.id);
    events::report_overdue(tx, outbox, r);
    assembly::log::warn("follow-up report overdue",
                        {{"report_id", r.id}, {"due_on", r.report.due_on}});
    flagged.reports.push_back(std::move(r));
  }
  for (auto& m : store::milestones_to_flag(tx, today)) {
    if (!domain::overdue(m.milestone, today)) continue;
    store::flag_milestone_overdue(tx, m.milestone.id);
    events::milestone_overdue(tx, outbox, m);
    flagged.milestones.push_back(std::move(m));
  }
  return flagged;
}

}  // namespace followup::app
