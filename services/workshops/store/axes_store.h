#pragma once
// SQL for the members' choice of priority axes: proposals, the choice, ballots, corrections. Each
// query is a named constant; rows are read by column name into the structs below.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/axes.h"

namespace workshops::store {

struct AxisProposal {
  std::string id, workshop_id, title, text;
  domain::ProposerKind proposer = domain::ProposerKind::member;
  std::string proposed_at;
};
void insert_proposal(pqxx::work& tx, const AxisProposal& p, const std::string& by);
std::optional<AxisProposal> find_proposal(pqxx::transaction_base& tx, const std::string& id);
// The workshop's proposals in the order they were made.
std::vector<AxisProposal> proposals(pqxx::transaction_base& tx, const std::string& workshop_id);

struct AxesChoice {
  std::string workshop_id;
  int seats = 0;
  domain::AxesChoiceState state = domain::AxesChoiceState::open;
  std::string opened_at;
  std::optional<std::string> closed_at, chosen_on;
  std::optional<std::string> result;  // the count as JSON text, once closed
};
// The workshop's choice (locked when `for_update`); nullopt when none was opened.
std::optional<AxesChoice> find_choice(pqxx::transaction_base& tx, const std::string& workshop_id,
                                      bool for_update = false);
// Opens the choice; false when the workshop has one already.
bool open_choice(pqxx::work& tx, const std::string& workshop_id, int seats, const std::string& by);
void close_choice(pqxx::work& tx, const std::string& workshop_id, const std::string& chosen_on,
                  const std::string& result_json, const std::string& by);

// The member's ballot, replacing any earlier one.
void put_ballot(pqxx::work& tx, const std::string& workshop_id, const std::string& member_id,
                const std::vector<std::string>& proposal_ids);
struct StoredBallot {
  domain::AxisBallot ballot;
  std::string cast_at;
};
std::optional<StoredBallot> find_ballot(pqxx::transaction_base& tx, const std::string& workshop_id,
                                        const std::string& member_id);
std::vector<domain::AxisBallot> ballots(pqxx::transaction_base& tx, const std::string& workshop_id);

struct AxesCorrection {
  std::string reason, chosen_on, corrected_at;
  std::vector<std::string> titles;
};
void insert_correction(pqxx::work& tx, const std::string& workshop_id, const std::string& reason,
                       const std::string& chosen_on, const std::vector<std::string>& titles,
                       const std::string& by);
std::vector<AxesCorrection> corrections(pqxx::transaction_base& tx, const std::string& workshop_id);

}  // namespace workshops::store
