#include "app/participants.h"

#include <algorithm>

#include "app/sessions.h"
#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "assembly/logging/log.h"
#include "events/publish.h"

namespace workshops::app {
namespace core = assembly::core;

store::Participant add_participant(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                   const std::string& session_id, const NewParticipant& p,
                                   const std::string& by) {
  auto s = must_find(tx, session_id, true);
  std::vector<domain::ParticipantKey> present;
  for (const auto& q : store::participants(tx, session_id))
    present.push_back({q.kind, q.name, q.organisation});
  domain::check_participant(s.type, s.state, {p.kind, p.name, p.organisation}, present);
  store::Participant row{core::new_uuid(), session_id, p.kind, p.name,
                         p.organisation,   p.title,    by,     ""};
  store::insert_participant(tx, row);
  store::record_change(tx, session_id, by, "participant-added",
                       {{"participant_id", row.id},
                        {"kind", domain::to_string(p.kind)},
                        {"organisation", p.organisation}});
  events::participant_added(tx, outbox, s, row);
  return *store::find_participant(tx, session_id, row.id);
}

void remove_participant(pqxx::work& tx, const assembly::events::Outbox& outbox,
                        const std::string& session_id, const std::string& participant_id,
                        const std::string& by) {
  auto s = must_find(tx, session_id, true);
  auto p = store::find_participant(tx, session_id, participant_id);
  if (!p) throw core::not_found("no participant " + participant_id + " on this session");
  store::remove_participant(tx, participant_id, by);
  store::record_change(tx, session_id, by, "participant-removed",
                       {{"participant_id", participant_id}});
  events::participant_removed(tx, outbox, s, *p);
}

store::Session session_for_reader(pqxx::transaction_base& tx, const std::string& session_id,
                                  const std::string& caller, bool staff) {
  auto s = must_find(tx, session_id);
  if (staff) return s;
  const auto mine = store::workshops_of_member(tx, caller);
  const bool allowed = std::any_of(mine.begin(), mine.end(), [&](const store::Workshop& w) {
    return s.workshop_id.empty() ? w.assembly_id == s.assembly_id : w.id == s.workshop_id;
  });
  if (!allowed)
    throw core::forbidden(
        "a member reads the participants of their own workshop's sessions and plenaries");
  return s;
}

bool record_participant_attendance(pqxx::work& tx, const store::Session& s,
                                   const std::string& participant_id, const std::string& status,
                                   const std::string& by, const std::string& field) {
  if (auto why = domain::refuse_participant_attendance(s.state, status))
    throw core::invalid(*why, field);
  if (!store::find_participant(tx, s.id, participant_id))
    throw core::invalid("no participant " + participant_id + " on this session", field);
  auto current = store::participant_attendance_status(tx, s.id, participant_id);
  if (current && *current == status) return false;
  store::record_participant_attendance(tx, s.id, participant_id, status, by);
  return true;
}

std::pair<store::Session, std::vector<store::PlenaryDecision>> plenary_decisions(
    pqxx::transaction_base& tx, const std::string& session_id) {
  auto s = must_find(tx, session_id);
  if (s.type != domain::SessionType::plenary)
    throw core::not_found("session " + session_id + " is not a plenary: it takes no decisions");
  return {s, store::plenary_decisions(tx, session_id)};
}

void record_mandate_decision(pqxx::work& tx, const store::Workshop& w,
                             const std::string& mandate_id, domain::MandateState outcome,
                             const store::MandateVote& v) {
  store::PlenaryDecision d;
  d.session_id = v.session_id;
  d.kind = "mandate";
  d.ref_id = mandate_id;
  d.title = "Mandat de l'atelier " + w.title;
  d.outcome = std::string(domain::to_string(outcome));
  d.details = {{"workshop_id", w.id},
               {"theme", w.theme},
               {"votes_for", v.votes_for},
               {"votes_against", v.votes_against},
               {"abstentions", v.abstentions},
               {"unanimous", domain::unanimous(outcome, v.votes_against, v.abstentions)}};
  store::record_plenary_decision(tx, d);
}

bool record_announced_decision(pqxx::work& tx, const store::PlenaryDecision& d) {
  auto s = store::find_session(tx, d.session_id);
  if (!s || s->type != domain::SessionType::plenary) {
    // The other service takes the id as given: one that is no plenary of ours is left out.
    assembly::log::warn("a decision names no plenary known here",
                        {{"kind", d.kind}, {"ref_id", d.ref_id}, {"session_id", d.session_id}});
    return false;
  }
  store::record_plenary_decision(tx, d);
  return true;
}

}  // namespace workshops::app
