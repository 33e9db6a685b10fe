#pragma once
// SQL for commitments, their timeline, milestones and evidence.
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/report.h"

namespace followup::store {

struct CommitmentRow {
  std::string id, assembly_id, dossier_id, motion_id, recommendation_id, department;
  domain::CommitmentState state;
};
// FOR UPDATE when `lock`.
std::optional<CommitmentRow> find_commitment(pqxx::transaction_base& tx, const std::string& id,
                                             bool lock = false);
// A timeline line: the state after the change, who made it, what kind of change, a note.
void record_change(pqxx::work& tx, const std::string& commitment_id, const std::string& actor,
                   const std::string& kind, const domain::CommitmentState& state,
                   const std::string& note);

// What the public sees of a commitment; the timeline and evidence only in the full view.
struct MilestoneView {
  std::string id, title, due_on;
  std::optional<std::string> done_on;
  bool overdue = false;
};
struct TimelineLine {
  int seq = 0;
  std::string at, change;
  domain::CommitmentStatus status = domain::CommitmentStatus::planned;
  int progress = 0;
  std::string note;
};
struct EvidenceLink {
  std::string url, label, added_at;
};
struct CommitmentView {
  std::string id, assembly_id, dossier_id, motion_id, motion_title, recommendation_id,
      recommendation_title, title, description, department, elected_official, deliverables_json;
  domain::CommitmentStatus status = domain::CommitmentStatus::planned;
  int progress = 0;
  std::string status_reason, created_at, updated_at;
  int milestones_total = 0, milestones_overdue = 0;
  std::vector<MilestoneView> milestones;  // by due date, then title
  bool full = false;
  std::vector<TimelineLine> timeline;  // oldest first
  std::vector<EvidenceLink> evidence;  // in the order added
};
// `full` adds the timeline and evidence.
std::optional<CommitmentView> commitment_view(pqxx::transaction_base& tx, const std::string& id,
                                              bool full);
// An assembly's commitments, by motion theme then creation, in a fixed number of queries.
std::vector<CommitmentView> commitment_views_of(pqxx::transaction_base& tx,
                                                const std::string& assembly_id, bool full);
// Everything a report snapshot needs, for one assembly.
std::vector<domain::CommitmentRecord> records_of(pqxx::transaction_base& tx,
                                                 const std::string& assembly_id);

// The dossier of the motion carrying a recommendation, and the Council's decision on it ("" when
// none yet); nothing when no motion sent to the Council carries it.
struct CarryingDossier {
  std::string dossier_id, assembly_id, decision;
};
std::optional<CarryingDossier> dossier_carrying(pqxx::transaction_base& tx,
                                                const std::string& recommendation_id);

struct NewCommitment {
  std::string id, assembly_id, dossier_id, recommendation_id, title, description, department,
      elected_official, deliverables_json, created_by;
};
void insert_commitment(pqxx::work& tx, const NewCommitment& c);
void set_status_reason(pqxx::work& tx, const std::string& id, const std::string& reason);

// A new milestone's id.
std::string add_milestone(pqxx::work& tx, const std::string& commitment_id,
                          const std::string& title, const std::string& due_on);
// Several milestones in one statement (titles[i] due on due_ons[i]).
void add_milestones(pqxx::work& tx, const std::string& commitment_id,
                    const std::vector<std::string>& titles,
                    const std::vector<std::string>& due_ons);
struct MilestoneRow {
  std::string title, due_on;
  bool done = false;
};
// A milestone of that commitment, locked.
std::optional<MilestoneRow> lock_milestone(pqxx::work& tx, const std::string& id,
                                           const std::string& commitment_id);
void mark_milestone_done(pqxx::work& tx, const std::string& id, const std::string& done_on);
// A new due date, the overdue flag cleared.
void move_milestone(pqxx::work& tx, const std::string& id, const std::string& due_on);

void add_evidence(pqxx::work& tx, const std::string& commitment_id, const std::string& url,
                  const std::string& label, const std::string& actor);

// Milestones not done, due before `today` and not flagged yet, locked (others skipped).
struct OverdueMilestoneRow {
  domain::Milestone milestone;
  std::string commitment_id, assembly_id, department;
};
std::vector<OverdueMilestoneRow> milestones_to_flag(pqxx::work& tx, const std::string& today);
void flag_milestone_overdue(pqxx::work& tx, const std::string& id);

}  // namespace followup::store
