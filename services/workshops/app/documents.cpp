#include "app/documents.h"

#include <algorithm>

#include "app/participants.h"
#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "events/publish.h"

namespace workshops::app {
namespace core = assembly::core;

store::Workshop must_find_workshop(pqxx::transaction_base& tx, const std::string& id) {
  auto w = store::find(tx, id);
  if (!w) throw core::not_found("no workshop " + id);
  return *w;
}

store::Workshop staff_or_on_roster(pqxx::transaction_base& tx, const std::string& id,
                                   const std::string& caller, bool staff) {
  auto w = must_find_workshop(tx, id);
  if (!staff && std::find(w.member_ids.begin(), w.member_ids.end(), caller) == w.member_ids.end())
    throw core::forbidden("only the workshop's members and the secretariat");
  return w;
}

store::Workshop workshop_choosing_axes(pqxx::transaction_base& tx, const std::string& id,
                                       const std::string& chosen_on) {
  auto w = must_find_workshop(tx, id);
  auto phase = store::phase_dates(tx, w.assembly_id, "discovery");
  if (phase && (chosen_on < phase->starts_on || chosen_on > phase->ends_on))
    throw core::invalid("priority axes are chosen in the discovery phase (" + phase->starts_on +
                            " to " + phase->ends_on + ")",
                        "/chosen_on");
  return w;
}

store::NotebookVersion save_version(pqxx::work& tx, const std::string& workshop_id,
                                    const std::string& text, const std::string& note,
                                    const std::string& author) {
  auto v = store::insert_version(tx, workshop_id, text, note, author);
  return *store::find_version(tx, workshop_id, v);
}

store::NotebookVersion must_find_version(pqxx::transaction_base& tx, const std::string& workshop_id,
                                         int version, const std::string& suffix) {
  auto v = store::find_version(tx, workshop_id, version);
  if (!v) throw core::not_found("no version " + std::to_string(version) + suffix);
  return *v;
}

store::NotebookVersion submit_version(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                      const std::string& workshop_id, int version,
                                      const std::string& by) {
  auto w = must_find_workshop(tx, workshop_id);
  auto text = store::submit_version(tx, workshop_id, version, by);
  if (!text) {
    must_find_version(tx, workshop_id, version);
    throw core::conflict("version " + std::to_string(version) + " was submitted already");
  }
  events::notebook_submitted(tx, outbox, w, version, *text);
  return *store::find_version(tx, workshop_id, version);
}

store::NotebookVersion must_find_submitted(pqxx::transaction_base& tx,
                                           const std::string& workshop_id, int version) {
  auto v = store::find_version(tx, workshop_id, version);
  if (!v || !v->submitted_at)
    throw core::not_found("no submitted version " + std::to_string(version));
  return *v;
}

store::Workshop set_departments(pqxx::work& tx, const std::string& workshop_id,
                                const std::vector<std::string>& departments) {
  if (!store::set_departments(tx, workshop_id, departments))
    throw core::not_found("no workshop " + workshop_id);
  return must_find_workshop(tx, workshop_id);
}

store::Mandate propose_mandate(pqxx::work& tx, const std::string& workshop_id,
                               const std::string& text, int notebook_version,
                               domain::Proposer proposer, const std::string& department,
                               const std::string& by) {
  auto w = must_find_workshop(tx, workshop_id);
  if (auto why = domain::mandate_refusal(w.departments, proposer, department))
    throw proposer == domain::Proposer::city_service ? core::forbidden(*why)
                                                     : core::invalid(*why, "/department");
  auto v = store::find_version(tx, workshop_id, notebook_version);
  if (!v)
    throw core::invalid(
        "the workshop's notebook has no version " + std::to_string(notebook_version),
        "/notebook_version");
  if (!v->submitted_at)
    throw core::invalid("a mandate answers a submitted notebook version; version " +
                            std::to_string(notebook_version) + " was not submitted",
                        "/notebook_version");
  auto id = core::new_uuid();
  store::insert_mandate(tx, id, workshop_id, text, notebook_version, department, by);
  return *store::find_mandate(tx, id);
}

MandateNotebook mandate_notebook(pqxx::transaction_base& tx, const std::string& mandate_id) {
  auto m = store::find_mandate(tx, mandate_id);
  if (!m) throw core::not_found("no mandate " + mandate_id);
  if (!m->notebook_version)
    throw core::not_found("the mandate " + mandate_id + " names no notebook version");
  auto w = must_find_workshop(tx, m->workshop_id);
  return {*m, w, must_find_submitted(tx, m->workshop_id, *m->notebook_version)};
}

store::Mandate vote_mandate(pqxx::work& tx, const assembly::events::Outbox& outbox,
                            const std::string& id, const store::MandateVote& v,
                            const std::string& by) {
  auto m = store::find_mandate(tx, id, true);
  if (!m) throw core::not_found("no mandate " + id);
  if (m->state != domain::MandateState::proposed)
    throw core::conflict("the mandate was " + std::string(domain::to_string(m->state)) +
                         " already");
  auto s = store::session_brief(tx, v.session_id);
  if (!s || s->type != domain::SessionType::plenary)
    throw core::invalid("the vote is held at a plenary session", "/session_id");
  if (s->state == domain::SessionState::cancelled)
    throw core::invalid("that plenary was cancelled", "/session_id");
  auto w = must_find_workshop(tx, m->workshop_id);
  if (s->assembly_id != w.assembly_id)
    throw core::invalid("that plenary is another assembly's", "/session_id");
  auto outcome = domain::vote_outcome(v.votes_for, v.votes_against);
  if (outcome == domain::MandateState::adopted && store::has_adopted_mandate(tx, w.id))
    throw core::conflict("the workshop has an adopted mandate already");
  store::record_vote(tx, id, outcome, v, by);
  record_mandate_decision(tx, w, id, outcome, v);
  if (outcome == domain::MandateState::adopted) events::mandate_adopted(tx, outbox, w, *m, v);
  return *store::find_mandate(tx, id);
}

}  // namespace workshops::app
