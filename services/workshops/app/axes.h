#pragma once
// Use cases of the members' choice of their workshop's priority axes: proposals (AxisProposed),
// the choice opened by the secretariat (AxesChoiceOpened), members' approval ballots, the close
// and count whose chosen proposals become the workshop's priority axes (AxesChosen), and the
// secretariat's later corrections with a reason (AxesCorrected). They throw
// assembly::core::Refused; no HTTP here.
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/events/outbox.h"
#include "store/axes_store.h"
#include "store/document_store.h"

namespace workshops::app {

// Who acts: a member (their id) or the secretariat.
struct Actor {
  std::string subject;
  bool secretariat = false;
};

// A proposal, by a member on the workshop's roster or by the secretariat, while no choice is open
// or closed (409 after).
store::AxisProposal propose_axis(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                 const std::string& workshop_id, const Actor& by,
                                 const std::string& title, const std::string& text);
// Opens the choice of `seats` axes among the proposals made (409 when there is none, or when the
// workshop's choice was opened already).
store::AxesChoice open_axes_choice(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                   const std::string& workshop_id, int seats,
                                   const std::string& by);
// The positions in `approve` that are not proposals of the workshop.
std::vector<std::size_t> unknown_proposals(pqxx::transaction_base& tx,
                                           const std::string& workshop_id,
                                           const std::vector<std::string>& approve);
// The member's ballot (replacing their earlier one): on the roster, while the choice is open.
store::StoredBallot cast_axes_ballot(pqxx::work& tx, const std::string& workshop_id,
                                     const std::string& member_id,
                                     const std::vector<std::string>& approve);
// The member's own ballot (404 when they have none).
store::StoredBallot own_axes_ballot(pqxx::transaction_base& tx, const std::string& workshop_id,
                                    const std::string& member_id);
// Closes and counts the choice; the chosen proposals become the workshop's priority axes from
// `chosen_on` (in the discovery phase when its dates are set). 409 when nothing was approved (the
// choice stays open).
store::AxesChoice close_axes_choice(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                    const std::string& workshop_id, const std::string& chosen_on,
                                    const std::string& by);
// The secretariat sets the axes (PUT priority-axes): as before when the members chose none; a
// correction with its `reason` (422 /reason without) after their choice; 409 while it is open.
std::vector<store::Axis> set_axes(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                  const std::string& workshop_id, const std::string& chosen_on,
                                  const std::vector<store::Axis>& axes, const std::string& reason,
                                  const std::string& by);

// The count as published: method, seats, voters, each proposal's approvals and rank (no names).
nlohmann::json count_json(const domain::AxesCount& count,
                          const std::vector<store::AxisProposal>& proposals);

}  // namespace workshops::app
