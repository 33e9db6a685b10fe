#pragma once
// The Council's use cases: sessions, placing motions on their agenda, the debate and the
// decision. They throw core::Refused; no HTTP here.
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "app/scope.h"
#include "assembly/events/outbox.h"
#include "domain/council.h"
#include "store/council.h"

namespace followup::app {

struct SessionView {
  store::Session session;
  std::vector<store::AgendaItem> agenda;  // in order
};
// Refused: not_found.
SessionView session_view(pqxx::transaction_base& tx, const std::string& id);
std::vector<SessionView> all_sessions(pqxx::transaction_base& tx);

// A new session; the motions waiting go on its agenda when it is the first to come.
SessionView create_session(pqxx::work& tx, const std::string& name, const std::string& body,
                           const std::string& held_on, const std::string& actor,
                           const std::string& today);

// Puts a motion sent to the Council on a session's agenda, or moves it there from another
// session while the Council has not decided. The item, and whether it is new.
std::pair<store::AgendaItem, bool> place_on_agenda(pqxx::work& tx, const std::string& session_id,
                                                   const std::string& dossier_id,
                                                   const std::string& actor,
                                                   const AssemblyCheck& may_change);

// The spokespersons' presentation, a summary, each political group's position; until decided.
store::AgendaItem record_debate(pqxx::work& tx, const std::string& item_id,
                                const std::string& presentation, const std::string& summary,
                                const std::vector<store::GroupPositionRow>& positions);

// The decision with its vote counts, recorded once (CouncilDecisionRecorded).
store::AgendaItem record_decision(pqxx::work& tx, assembly::events::Outbox& outbox,
                                  const std::string& item_id, const domain::Decision& decision,
                                  const std::string& actor);

}  // namespace followup::app
