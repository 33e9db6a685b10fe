#pragma once
// Session use cases: scheduling, rescheduling, cancelling, holding (SessionHeld), minutes and
// documents, attendance (AttendanceRecorded) and check-in. They throw assembly::core::Refused; no
// HTTP here.
#include <functional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "assembly/core/refusal.h"
#include "assembly/events/outbox.h"
#include "domain/phases.h"
#include "store/session_store.h"

namespace workshops::app {

// A change the session's state does not allow: a conflict that names the state.
class StateRefused : public assembly::core::Refused {
 public:
  StateRefused(std::string detail, std::string state)
      : Refused(assembly::core::conflict(std::move(detail))), state_(std::move(state)) {}
  const std::string& state() const { return state_; }

 private:
  std::string state_;
};

// The session; refused (404) when there is none.
store::Session must_find(pqxx::transaction_base& tx, const std::string& id,
                         bool for_update = false);

// Sets a phase's dates: refused (422, /starts_on or /ends_on) when they overlap another phase of
// the assembly or break their order. Returns the assembly's phases.
std::vector<store::Phase> set_phase(pqxx::work& tx, const std::string& assembly_id,
                                    domain::PhaseKind kind, const std::string& starts_on,
                                    const std::string& ends_on);

// A plenary has the assembly and no workshop; any other session names its workshop
// (s.workshop_id), whose assembly it takes. The session falls within its phase
// (domain::place_session: s.phase, when named, or the phase containing it). `may_act`, when
// given, is called with the session's assembly and workshop ("" for a plenary) before anything
// is written, and throws to refuse.
using MayAct = std::function<void(const std::string& assembly_id, const std::string& workshop_id)>;
// Each of the three publishes SessionChanged (scheduled, moved, cancelled).
store::Session schedule(pqxx::work& tx, const assembly::events::Outbox& outbox, store::NewSession s,
                        const std::string& by, const MayAct& may_act = {});
// Within the session's phase again, like schedule().
store::Session reschedule(pqxx::work& tx, const assembly::events::Outbox& outbox,
                          const std::string& id, const std::string& starts_at,
                          const std::string& ends_at, const std::string& reason,
                          const std::string& by);
store::Session cancel(pqxx::work& tx, const assembly::events::Outbox& outbox, const std::string& id,
                      const std::string& reason, const std::string& by);
store::Session hold(pqxx::work& tx, const assembly::events::Outbox& outbox, const std::string& id,
                    const std::string& minutes, const std::string& by);
store::Session set_minutes(pqxx::work& tx, const std::string& id, const std::string& minutes,
                           const std::string& by);
store::Session add_document(pqxx::work& tx, const std::string& id, const store::Document& doc,
                            const std::string& by);

// One record of the secretariat's attendance sheet: a correction (a status recorded already,
// changed) carries its reason.
struct AttendanceRecord {
  std::string member_id, status, reason;
};
// The positions of the records that correct a status without a reason (none: all may be written).
std::vector<std::size_t> unexplained_corrections(pqxx::transaction_base& tx,
                                                 const std::string& session_id,
                                                 const std::vector<AttendanceRecord>& records);
// One attendance record of the session (checked against the roster that day), its change line
// (with the reason) and its event; false, recording nothing, when the member's status is already
// the record's. A refusal names `field`.
bool record_attendance(pqxx::work& tx, const assembly::events::Outbox& outbox,
                       const store::Session& s, const AttendanceRecord& record,
                       const std::string& by, const std::string& field);
// A member checks in with the session's code, from an hour before the start to an hour after the
// end; the revision recorded.
unsigned check_in(pqxx::work& tx, const assembly::events::Outbox& outbox, const std::string& id,
                  const std::string& member_id, const std::string& code);

// The workshop's title and sessions (with the plenaries); refused (404) when there is none.
std::pair<std::string, std::vector<store::Session>> workshop_sessions(pqxx::transaction_base& tx,
                                                                      const std::string& id);
// The sessions of the workshops the member is on now.
std::vector<store::Session> member_sessions(pqxx::transaction_base& tx,
                                            const std::string& member_id);

}  // namespace workshops::app
