#pragma once
// The commitments' use cases: made and changed by the city-service staff of the department that
// owns them; every change goes on the timeline and out as CommitmentUpdated. They throw
// core::Refused; no HTTP here.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "app/scope.h"
#include "assembly/events/outbox.h"
#include "domain/commitment.h"
#include "store/commitments.h"

namespace followup::app {

// Who acts: the token's subject and department claim.
struct Staff {
  std::string subject, department;
};
// City-service staff act for their own department only. Refused: forbidden.
void check_department(const Staff& staff, const std::string& department);

struct MilestoneInput {
  std::string title, due_on;
};
struct NewCommitmentInput {
  std::string recommendation_id, title, description, department, elected_official;
  std::vector<std::string> deliverables;
  std::vector<MilestoneInput> milestones;
};
// Only for a recommendation carried by a motion the Council adopted. Refused: invalid
// (/recommendation_id), conflict.
store::CommitmentView create_commitment(pqxx::work& tx, assembly::events::Outbox& outbox,
                                        const Staff& staff, const NewCommitmentInput& in,
                                        const AssemblyCheck& may_change);
// Status and progress, under the progress rules (domain/commitment.h).
store::CommitmentView change_progress(pqxx::work& tx, assembly::events::Outbox& outbox,
                                      const Staff& staff, const std::string& id,
                                      const domain::CommitmentChange& change);
store::CommitmentView add_milestone(pqxx::work& tx, assembly::events::Outbox& outbox,
                                    const Staff& staff, const std::string& id,
                                    const MilestoneInput& m);
store::CommitmentView milestone_done(pqxx::work& tx, assembly::events::Outbox& outbox,
                                     const Staff& staff, const std::string& id,
                                     const std::string& milestone_id, const std::string& done_on);
store::CommitmentView move_milestone(pqxx::work& tx, assembly::events::Outbox& outbox,
                                     const Staff& staff, const std::string& id,
                                     const std::string& milestone_id, const std::string& due_on,
                                     const std::string& reason);
// Refused as add_evidence would be (not found, another department's commitment): checked before
// an uploaded evidence document is kept.
void may_add_evidence(pqxx::work& tx, const Staff& staff, const std::string& id);
store::CommitmentView add_evidence(pqxx::work& tx, assembly::events::Outbox& outbox,
                                   const Staff& staff, const std::string& id,
                                   const std::string& url, const std::string& label);

}  // namespace followup::app
