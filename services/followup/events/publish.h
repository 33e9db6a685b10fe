#pragma once
// The events followup publishes, each written to the outbox in the caller's transaction.
#include <pqxx/pqxx>
#include <string>

#include "assembly/events/outbox.h"
#include "store/commitments.h"
#include "store/council.h"
#include "store/reports.h"

namespace followup::events {

// A commitment made or changed, with its state after the change (keyed by the commitment).
void commitment_updated(pqxx::work& tx, assembly::events::Outbox& outbox,
                        const store::CommitmentRow& c, const std::string& change,
                        const std::string& note);
// The Council's decision on a motion (keyed by the dossier).
void council_decision_recorded(pqxx::work& tx, assembly::events::Outbox& outbox,
                               const store::AgendaItem& item);
// A report published to the members, and the next one's due date ("" when none).
void report_published(pqxx::work& tx, assembly::events::Outbox& outbox, const store::ReportRow& r,
                      const std::string& next_due_on);
void report_overdue(pqxx::work& tx, assembly::events::Outbox& outbox, const store::ReportRow& r);
void milestone_overdue(pqxx::work& tx, assembly::events::Outbox& outbox,
                       const store::OverdueMilestoneRow& m);
// A new dossier for a motion (keyed by the dossier).
void dossier_opened(pqxx::work& tx, assembly::events::Outbox& outbox, const std::string& dossier_id,
                    const std::string& motion_id, const std::string& assembly_id);

}  // namespace followup::events
