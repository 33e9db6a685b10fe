#pragma once
// The events this service publishes, appended to the outbox in the caller's transaction.
#include <pqxx/pqxx>
#include <string>

#include "assembly/events/outbox.h"
#include "domain/axes.h"
#include "store/axes_store.h"
#include "store/document_store.h"
#include "store/participant_store.h"
#include "store/session_store.h"
#include "store/workshop_store.h"

namespace workshops::events {

// WorkshopOpened: the workshop of (assembly, theme), made on its first member.
void workshop_opened(pqxx::work& tx, const assembly::events::Outbox& outbox,
                     const store::Workshop& w);
// WorkshopMemberJoined: the member is on the roster, which now counts `roster_size`.
void workshop_member_joined(pqxx::work& tx, const assembly::events::Outbox& outbox,
                            const std::string& workshop_id, const std::string& member_id,
                            int roster_size);
// SessionChanged: the session scheduled, moved (from `previous_starts_at`) or cancelled.
void session_changed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                     const store::Session& s, const std::string& change,
                     const std::string& previous_starts_at = "");
// SessionHeld.
void session_held(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Session& s);
// AttendanceRecorded: one revision of a member's attendance of the session.
void attendance_recorded(pqxx::work& tx, const assembly::events::Outbox& outbox,
                         const store::Session& s, const std::string& member_id,
                         const std::string& status, unsigned revision,
                         const std::string& recorded_by);
// ParticipantAdded: the participant's kind and organisation (never the name).
void participant_added(pqxx::work& tx, const assembly::events::Outbox& outbox,
                       const store::Session& s, const store::Participant& p);
// ParticipantRemoved.
void participant_removed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                         const store::Session& s, const store::Participant& p);

// NotebookSubmitted: the version's text, submitted.
void notebook_submitted(pqxx::work& tx, const assembly::events::Outbox& outbox,
                        const store::Workshop& w, int version, const std::string& text);
// MandateAdopted: the workshop's mandate, adopted by the plenary's vote `v`.
void mandate_adopted(pqxx::work& tx, const assembly::events::Outbox& outbox,
                     const store::Workshop& w, const store::Mandate& m,
                     const store::MandateVote& v);

// AxisProposed: a proposal of a priority axis (its proposer as a kind, never a name).
void axis_proposed(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Workshop& w,
                   const store::AxisProposal& p);
// AxesChoiceOpened: the members choose `seats` axes among `proposals`.
void axes_choice_opened(pqxx::work& tx, const assembly::events::Outbox& outbox,
                        const store::Workshop& w, int seats, int proposals);
// AxesChosen: the count of the members' choice, with its method and tallies.
void axes_chosen(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Workshop& w,
                 const domain::AxesCount& count, const std::vector<store::AxisProposal>& proposals,
                 const std::string& chosen_on);
// AxesCorrected: the secretariat corrected the members' axes, with its reason.
void axes_corrected(pqxx::work& tx, const assembly::events::Outbox& outbox,
                    const store::Workshop& w, const std::string& reason,
                    const std::vector<std::string>& titles, const std::string& chosen_on,
                    const std::string& by);

}  // namespace workshops::events
