#pragma once
// The events membership publishes, each written to the outbox in the caller's transaction (keyed
// by the member).
#include <pqxx/pqxx>
#include <string>

#include "assembly/events/outbox.h"
#include "assembly/service/erasure.h"
#include "store/engagement.h"
#include "store/evaluations.h"
#include "store/members.h"
#include "store/trainings.h"

namespace membership::events {

// A role given or ended (RoleAssigned).
void role_assigned(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Role& r,
                   bool ended);
// A member placed in a workshop or moved to another (MemberAssigned).
void member_assigned(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                     const std::string& workshop, const std::string& previous,
                     const std::string& reason, const std::string& effective_on);
void member_activated(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const store::Member& m, const std::string& workshop);
void member_confirmed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const store::Member& m);
// Invited and asked to confirm (by the secretariat, or at once as a replacement of `replaces`);
// the notifications service writes to them.
void member_invited(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                    const std::string& replaces);
// The member's contact details or preferences changed; the details stay here.
void contact_changed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                     const store::Member& m);
// A seat freed, which sortition refills (MemberDeclined, MemberWithdrew); the free-text reason
// stays here.
void member_declined(pqxx::work& tx, const assembly::events::Outbox& outbox,
                     const store::Member& m);
void member_withdrew(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                     const std::string& effective_on);
// The erasure of the member asked of every service (ErasureRequested, keyed by the erasure), with
// membership's own answer (ErasureCompleted): what it erased already.
void erasure_requested(pqxx::work& tx, const assembly::events::Outbox& outbox,
                       const std::string& erasure_id, const store::Member& m,
                       const assembly::service::Erased& erased);

// Trainings, each keyed by the training: offered, a sign-up (a place or a waiting position), a
// withdrawal, a freed place given to the first waiting, an attendance record.
void training_offered(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const store::Training& t);
void training_signed_up(pqxx::work& tx, const assembly::events::Outbox& outbox,
                        const store::Training& t, const std::string& member_id,
                        const domain::SignUpOutcome& outcome, const std::string& by);
void training_withdrawn(pqxx::work& tx, const assembly::events::Outbox& outbox,
                        const store::Training& t, const std::string& member_id,
                        domain::SignUpState was, const std::string& by);
void training_place_offered(pqxx::work& tx, const assembly::events::Outbox& outbox,
                            const store::Training& t, const std::string& member_id,
                            const std::string& freed_by);
void training_attendance_recorded(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                  const store::Training& t, const std::string& member_id,
                                  const std::string& status, unsigned revision,
                                  const std::string& by);

// The evaluation closed (its results public), naming its plenary.
void evaluation_closed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                       const store::Evaluation& e, long responses);

}  // namespace membership::events
