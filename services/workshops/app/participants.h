#pragma once
// Use cases of a session's participants beside the members (city departments' staff and
// representatives of elected officials: ParticipantAdded, ParticipantRemoved), their attendance
// (a record parallel to the members', with revisions), and a plenary's decisions. They throw
// assembly::core::Refused; no HTTP here.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/events/outbox.h"
#include "domain/mandates.h"
#include "store/document_store.h"
#include "store/participant_store.h"
#include "store/session_store.h"
#include "store/workshop_store.h"

namespace workshops::app {

struct NewParticipant {
  domain::ParticipantKind kind = domain::ParticipantKind::department;
  std::string name, organisation, title;
};
store::Participant add_participant(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                   const std::string& session_id, const NewParticipant& p,
                                   const std::string& by);
void remove_participant(pqxx::work& tx, const assembly::events::Outbox& outbox,
                        const std::string& session_id, const std::string& participant_id,
                        const std::string& by);

// The session, for a caller who may read its participants' names: the secretariat, or a member on
// the session's workshop now (for a plenary, on any workshop of its assembly); 403 otherwise.
store::Session session_for_reader(pqxx::transaction_base& tx, const std::string& session_id,
                                  const std::string& caller, bool staff);

// One participant's attendance (present, excused, absent); false, recording nothing, when it is
// already `status`. A refusal names `field`.
bool record_participant_attendance(pqxx::work& tx, const store::Session& s,
                                   const std::string& participant_id, const std::string& status,
                                   const std::string& by, const std::string& field);

// The plenary's decisions; refused (404) when the session is none or not a plenary.
std::pair<store::Session, std::vector<store::PlenaryDecision>> plenary_decisions(
    pqxx::transaction_base& tx, const std::string& session_id);

// The plenary's vote on a workshop's mandate, as one of its decisions.
void record_mandate_decision(pqxx::work& tx, const store::Workshop& w,
                             const std::string& mandate_id, domain::MandateState outcome,
                             const store::MandateVote& v);

// A decision another service announced at a plenary (a recommendation handed over, a vœu
// adopted): recorded on the plenary's page when the session is a plenary known here; otherwise
// left out with a warning. Returns whether it was recorded.
bool record_announced_decision(pqxx::work& tx, const store::PlenaryDecision& d);

}  // namespace workshops::app
