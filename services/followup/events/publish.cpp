#include "events/publish.h"

#include "assembly/followup/v1/events.pb.h"

namespace followup::events {
namespace v1 = assembly::followup::v1;

void commitment_updated(pqxx::work& tx, assembly::events::Outbox& outbox,
                        const store::CommitmentRow& c, const std::string& change,
                        const std::string& note) {
  v1::CommitmentUpdated e;
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

void council_decision_recorded(pqxx::work& tx, assembly::events::Outbox& outbox,
                               const store::AgendaItem& item) {
  v1::CouncilDecisionRecorded e;
  e.set_dossier_id(item.dossier_id);
  e.set_motion_id(item.motion_id);
  e.set_assembly_id(item.assembly_id);
  e.set_session_id(item.session_id);
  e.set_session_name(item.session_name);
  e.set_held_on(item.held_on);
  e.set_decision(item.decision.value_or(""));
  e.set_votes_for(item.votes_for.value_or(0));
  e.set_votes_against(item.votes_against.value_or(0));
  e.set_abstentions(item.abstentions.value_or(0));
  for (const auto& r : item.recommendations) e.add_recommendation_ids(r.id);
  outbox.append(tx, e, e.dossier_id());
}

void report_published(pqxx::work& tx, assembly::events::Outbox& outbox, const store::ReportRow& r,
                      const std::string& next_due_on) {
  v1::FollowUpReportPublished e;
  e.set_report_id(r.id);
  e.set_assembly_id(r.assembly_id);
  e.set_sequence(r.report.sequence);
  e.set_due_on(r.report.due_on);
  e.set_as_of(r.report.as_of);
  e.set_commitments(static_cast<int>(r.report.snapshot["commitments"].size()));
  e.set_commitments_done(r.report.snapshot["by_status"].value("done", 0));
  e.set_milestones_overdue(r.report.snapshot.value("milestones_overdue", 0));
  e.set_next_due_on(next_due_on);
  outbox.append(tx, e, r.assembly_id);
}

void report_overdue(pqxx::work& tx, assembly::events::Outbox& outbox, const store::ReportRow& r) {
  v1::FollowUpReportOverdue e;
  e.set_report_id(r.id);
  e.set_assembly_id(r.assembly_id);
  e.set_sequence(r.report.sequence);
  e.set_due_on(r.report.due_on);
  outbox.append(tx, e, r.assembly_id);
}

void milestone_overdue(pqxx::work& tx, assembly::events::Outbox& outbox,
                       const store::OverdueMilestoneRow& m) {
  v1::MilestoneOverdue e;
  e.set_milestone_id(m.milestone.id);
  e.set_commitment_id(m.commitment_id);
  e.set_assembly_id(m.assembly_id);
  e.set_department(m.department);
  e.set_title(m.milestone.title);
  e.set_due_on(m.milestone.due_on);
  outbox.append(tx, e, m.commitment_id);
}

void dossier_opened(pqxx::work& tx, assembly::events::Outbox& outbox, const std::string& dossier_id,
                    const std::string& motion_id, const std::string& assembly_id) {
  v1::DossierOpened e;
  e.set_dossier_id(dossier_id);
  e.set_motion_id(motion_id);
  e.set_assembly_id(assembly_id);
  outbox.append(tx, e, dossier_id);
}

}  // namespace followup::events
