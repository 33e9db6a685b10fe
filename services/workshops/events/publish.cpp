#include "events/publish.h"

#include "assembly/workshops/v1/events.pb.h"
#include "domain/mandates.h"

namespace workshops::events {
namespace v1 = assembly::workshops::v1;

namespace {

// The fields of a workshop every workshop event carries.
template <typename Event>
void set_workshop(Event& e, const store::Workshop& w) {
  e.set_workshop_id(w.id);
  e.set_assembly_id(w.assembly_id);
  e.set_theme(w.theme);
}

// The fields of a session every session event carries.
template <typename Event>
void set_session(Event& e, const store::Session& s) {
  e.set_session_id(s.id);
  e.set_workshop_id(s.workshop_id);
  e.set_assembly_id(s.assembly_id);
  e.set_session_type(std::string(domain::to_string(s.type)));
}

}  // namespace

void workshop_opened(pqxx::work& tx, const assembly::events::Outbox& outbox,
                     const store::Workshop& w) {
  v1::WorkshopOpened opened;
  set_workshop(opened, w);
  outbox.append(tx, opened, w.id);
}

void workshop_member_joined(pqxx::work& tx, const assembly::events::Outbox& outbox,
                            const std::string& workshop_id, const std::string& member_id,
                            int roster_size) {
  v1::WorkshopMemberJoined joined;
  joined.set_workshop_id(workshop_id);
  joined.set_member_id(member_id);
  joined.set_roster_size(static_cast<unsigned>(roster_size));
  outbox.append(tx, joined, workshop_id);
}

void session_changed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                     const store::Session& s, const std::string& change,
                     const std::string& previous_starts_at) {
  v1::SessionChanged e;
  set_session(e, s);
  e.set_change(change);
  e.set_title(s.title);
  e.set_starts_at(s.starts_at);
  e.set_ends_at(s.ends_at);
  e.set_place(s.place);
  e.set_workshop_theme(s.workshop_theme);
  e.set_sequence(static_cast<unsigned>(s.sequence));
  e.set_previous_starts_at(previous_starts_at);
  outbox.append(tx, e, s.id);
}

void session_held(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Session& s) {
  v1::SessionHeld e;
  set_session(e, s);
  e.set_title(s.title);
  e.set_starts_at(s.starts_at);
  e.set_speakers(static_cast<unsigned>(s.speakers.size()));
  outbox.append(tx, e, s.id);
}

void attendance_recorded(pqxx::work& tx, const assembly::events::Outbox& outbox,
                         const store::Session& s, const std::string& member_id,
                         const std::string& status, unsigned revision,
                         const std::string& recorded_by) {
  v1::AttendanceRecorded e;
  set_session(e, s);
  e.set_member_id(member_id);
  e.set_status(status);
  e.set_held_at(s.starts_at);
  e.set_revision(revision);
  e.set_recorded_by(recorded_by);
  outbox.append(tx, e, s.id);
}

void participant_added(pqxx::work& tx, const assembly::events::Outbox& outbox,
                       const store::Session& s, const store::Participant& p) {
  v1::ParticipantAdded e;
  set_session(e, s);
  e.set_participant_id(p.id);
  e.set_kind(std::string(domain::to_string(p.kind)));
  e.set_organisation(p.organisation);
  outbox.append(tx, e, s.id);
}

void participant_removed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                         const store::Session& s, const store::Participant& p) {
  v1::ParticipantRemoved e;
  set_session(e, s);
  e.set_participant_id(p.id);
  outbox.append(tx, e, s.id);
}

void notebook_submitted(pqxx::work& tx, const assembly::events::Outbox& outbox,
                        const store::Workshop& w, int version, const std::string& text) {
  v1::NotebookSubmitted e;
  set_workshop(e, w);
  e.set_version(static_cast<unsigned>(version));
  e.set_text(text);
  outbox.append(tx, e, w.id);
}

void mandate_adopted(pqxx::work& tx, const assembly::events::Outbox& outbox,
                     const store::Workshop& w, const store::Mandate& m,
                     const store::MandateVote& v) {
  v1::MandateAdopted e;
  e.set_mandate_id(m.id);
  set_workshop(e, w);
  e.set_text(m.text);
  e.set_votes_for(static_cast<unsigned>(v.votes_for));
  e.set_votes_against(static_cast<unsigned>(v.votes_against));
  e.set_abstentions(static_cast<unsigned>(v.abstentions));
  e.set_unanimous(domain::unanimous(domain::MandateState::adopted, v.votes_against, v.abstentions));
  e.set_session_id(v.session_id);
  e.set_notebook_version(static_cast<unsigned>(m.notebook_version.value_or(0)));
  outbox.append(tx, e, w.id);
}

void axis_proposed(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Workshop& w,
                   const store::AxisProposal& p) {
  v1::AxisProposed e;
  set_workshop(e, w);
  e.set_proposal_id(p.id);
  e.set_title(p.title);
  e.set_proposer_kind(std::string(domain::to_string(p.proposer)));
  outbox.append(tx, e, w.id);
}

void axes_choice_opened(pqxx::work& tx, const assembly::events::Outbox& outbox,
                        const store::Workshop& w, int seats, int proposals) {
  v1::AxesChoiceOpened e;
  set_workshop(e, w);
  e.set_seats(static_cast<unsigned>(seats));
  e.set_proposals(static_cast<unsigned>(proposals));
  outbox.append(tx, e, w.id);
}

void axes_chosen(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Workshop& w,
                 const domain::AxesCount& count, const std::vector<store::AxisProposal>& proposals,
                 const std::string& chosen_on) {
  v1::AxesChosen e;
  set_workshop(e, w);
  e.set_seats(static_cast<unsigned>(count.seats));
  e.set_voters(static_cast<unsigned>(count.voters));
  e.set_method(count.method);
  e.set_chosen_on(chosen_on);
  for (std::size_t i = 0; i < count.tallies.size() && i < proposals.size(); ++i) {
    auto* t = e.add_tallies();
    t->set_proposal_id(count.tallies[i].proposal_id);
    t->set_title(proposals[i].title);
    t->set_approvals(static_cast<unsigned>(count.tallies[i].approvals));
    t->set_rank(static_cast<unsigned>(count.tallies[i].rank));
  }
  outbox.append(tx, e, w.id);
}

void axes_corrected(pqxx::work& tx, const assembly::events::Outbox& outbox,
                    const store::Workshop& w, const std::string& reason,
                    const std::vector<std::string>& titles, const std::string& chosen_on,
                    const std::string& by) {
  v1::AxesCorrected e;
  set_workshop(e, w);
  e.set_reason(reason);
  for (const auto& t : titles) e.add_titles(t);
  e.set_chosen_on(chosen_on);
  e.set_corrected_by(by);
  outbox.append(tx, e, w.id);
}

}  // namespace workshops::events
