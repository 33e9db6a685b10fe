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
// The public view; `full` adds the timeline, milestones and evidence.
nlohmann::json commitment_json(pqxx::transaction_base& tx, const std::string& id, bool full);
std::vector<std::string> commitments_of(
    pqxx::transaction_base& tx, const std::string& assembly_id);  // ids, by motion then creation
// Everything a report snapshot needs, for one assembly.
std::vector<domain::CommitmentRecord> records_of(pqxx::transaction_base& tx,
                                                 const std::string& assembly_id);

}  // namespace followup::store
