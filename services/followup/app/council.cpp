#include "app/council.h"

#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "domain/dossier.h"
#include "events/publish.h"
#include "store/scopes.h"

namespace followup::app {
namespace core = assembly::core;

namespace {

store::AgendaItem must_item(pqxx::transaction_base& tx, const std::string& id) {
  auto item = store::find_agenda_item(tx, id);
  if (!item) throw core::not_found("no agenda item " + id);
  return *item;
}

void undecided(const store::AgendaItem& item) {
  if (item.decision)
    throw core::conflict("the Council decided on this motion (" + *item.decision +
                         "): its record is closed");
}

}  // namespace

SessionView session_view(pqxx::transaction_base& tx, const std::string& id) {
  auto s = store::find_session(tx, id);
  if (!s) throw core::not_found("no Council session " + id);
  SessionView out{*s, {}};
  for (const auto& item_id : store::agenda_of(tx, id))
    out.agenda.push_back(*store::find_agenda_item(tx, item_id));
  return out;
}

std::vector<SessionView> all_sessions(pqxx::transaction_base& tx) {
  std::vector<SessionView> out;
  for (const auto& s : store::sessions(tx)) out.push_back(session_view(tx, s.id));
  return out;
}

SessionView create_session(pqxx::work& tx, const std::string& name, const std::string& body,
                           const std::string& held_on, const std::string& actor,
                           const std::string& today) {
  const auto id = assembly::core::new_uuid();
  store::insert_session(tx, {id, name, body, held_on}, actor);
  // Motions already sent and waiting go on the agenda of the first session to come.
  if (held_on >= today) store::place_waiting_motions(tx, actor);
  return session_view(tx, id);
}

std::pair<store::AgendaItem, bool> place_on_agenda(pqxx::work& tx, const std::string& session_id,
                                                   const std::string& dossier_id,
                                                   const std::string& actor,
                                                   const AssemblyCheck& may_change) {
  if (!store::find_session(tx, session_id))
    throw core::not_found("no Council session " + session_id);
  auto sent = store::lock_dossier_sent(tx, dossier_id);
  if (!sent) throw core::invalid("no dossier " + dossier_id, "/dossier_id");
  may_change(*store::dossier_assembly(tx, dossier_id));
  if (!*sent)
    throw core::conflict("the motion of dossier " + dossier_id +
                         " has not been sent to the Council");
  if (auto existing = store::item_of_dossier(tx, dossier_id)) {
    if (existing->decided) throw core::conflict("the Council already decided on this motion");
    store::move_item(tx, existing->id, session_id, actor);
    return {must_item(tx, existing->id), false};
  }
  return {must_item(tx, store::place(tx, session_id, dossier_id, actor)), true};
}

store::AgendaItem record_debate(pqxx::work& tx, const std::string& item_id,
                                const std::string& presentation, const std::string& summary,
                                const std::vector<store::GroupPositionRow>& positions) {
  undecided(must_item(tx, item_id));
  store::save_debate(tx, item_id, presentation, summary, positions);
  return must_item(tx, item_id);
}

store::AgendaItem record_decision(pqxx::work& tx, assembly::events::Outbox& outbox,
                                  const std::string& item_id, const domain::Decision& decision,
                                  const std::string& actor) {
  auto item = must_item(tx, item_id);
  undecided(item);
  store::save_decision(tx, item_id, decision, actor);
  store::set_dossier_stage(tx, item.dossier_id,
                           domain::adopts(decision.decision) ? domain::DossierStage::decided
                                                             : domain::DossierStage::closed);
  auto after = must_item(tx, item_id);
  events::council_decision_recorded(tx, outbox, after);
  return after;
}

}  // namespace followup::app
