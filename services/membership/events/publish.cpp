#include "events/publish.h"

#include <cstdint>

#include "assembly/core/time.h"
#include "assembly/membership/v1/events.pb.h"

namespace membership::events {
namespace pb = assembly::membership::v1;

namespace {

// MemberDeclined and MemberWithdrew say the same: whose seat is free, in which selection. Not why:
// the reason is free text, kept in membership (erased with the member), never in Kafka, whose
// events cannot be erased (docs/privacy.md).
template <typename Event>
Event seat_freed(const store::Member& m) {
  Event e;
  e.set_member_id(m.id);
  e.set_assembly_id(m.assembly_id);
  e.set_person_id(m.person_id);
  e.set_panel_draw_id(m.draw_id);
  return e;
}

}  // namespace

void role_assigned(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Role& r,
                   bool ended) {
  pb::RoleAssigned e;
  e.set_role_id(r.id);
  e.set_member_id(r.member_id);
  e.set_assembly_id(r.assembly_id);
  e.set_role(r.role);
  e.set_motion_id(r.motion_id);
  e.set_workshop_theme(r.workshop_theme);
  e.set_ended(ended);
  outbox.append(tx, e, r.member_id);
}

void member_assigned(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                     const std::string& workshop, const std::string& previous,
                     const std::string& reason, const std::string& effective_on) {
  pb::MemberAssigned e;
  e.set_member_id(m.id);
  e.set_assembly_id(m.assembly_id);
  e.set_person_id(m.person_id);
  e.set_workshop_theme(workshop);
  e.set_previous_workshop_theme(previous);
  // The staff's reason for an override is free text: it stays in membership's history.
  e.set_reason(reason == "algorithm" ? reason : "staff");
  e.set_pool(m.pool);
  e.set_effective_on(effective_on);
  outbox.append(tx, e, m.id);
}

void member_activated(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const store::Member& m, const std::string& workshop) {
  pb::MemberActivated e;
  e.set_member_id(m.id);
  e.set_assembly_id(m.assembly_id);
  e.set_workshop_theme(workshop);
  e.set_pool(m.pool);
  outbox.append(tx, e, m.id);
}

void member_confirmed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const store::Member& m) {
  pb::MemberConfirmed e;
  e.set_member_id(m.id);
  e.set_assembly_id(m.assembly_id);
  e.set_person_id(m.person_id);
  outbox.append(tx, e, m.id);
}

void member_invited(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                    const std::string& replaces) {
  pb::MemberInvited e;
  e.set_member_id(m.id);
  e.set_assembly_id(m.assembly_id);
  e.set_replaces_member_id(replaces);
  e.set_invited_on(assembly::core::utc_today());
  outbox.append(tx, e, m.id);
}

void contact_changed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                     const store::Member& m) {
  pb::ContactChanged e;
  e.set_member_id(m.id);
  e.set_assembly_id(m.assembly_id);
  outbox.append(tx, e, m.id);
}

void member_declined(pqxx::work& tx, const assembly::events::Outbox& outbox,
                     const store::Member& m) {
  outbox.append(tx, seat_freed<pb::MemberDeclined>(m), m.id);
}

void member_withdrew(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                     const std::string& effective_on) {
  auto e = seat_freed<pb::MemberWithdrew>(m);
  e.set_effective_on(effective_on);
  outbox.append(tx, e, m.id);
}

void erasure_requested(pqxx::work& tx, const assembly::events::Outbox& outbox,
                       const std::string& erasure_id, const store::Member& m,
                       const assembly::service::Erased& erased) {
  pb::ErasureRequested e;
  e.set_erasure_id(erasure_id);
  e.set_member_id(m.id);
  e.set_assembly_id(m.assembly_id);
  e.set_person_id(m.person_id);
  outbox.append(tx, e, erasure_id);
  outbox.append(tx, assembly::service::erasure_completed(e, "membership", erased), erasure_id);
}

void training_offered(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const store::Training& t) {
  pb::TrainingOffered e;
  e.set_training_id(t.id);
  e.set_assembly_id(t.assembly_id);
  e.set_topic(t.topic);
  e.set_topic_text(t.topic_text);
  e.set_title(t.title);
  e.set_held_on(t.held_on);
  e.set_starts_at(t.starts_at);
  e.set_ends_at(t.ends_at);
  e.set_place(t.place);
  e.set_online_url(t.online_url);
  e.set_capacity(static_cast<std::uint32_t>(t.capacity.value_or(0)));
  e.set_offered_by(t.created_by);
  outbox.append(tx, e, t.id);
}

void training_signed_up(pqxx::work& tx, const assembly::events::Outbox& outbox,
                        const store::Training& t, const std::string& member_id,
                        const domain::SignUpOutcome& outcome, const std::string& by) {
  pb::TrainingSignedUp e;
  e.set_training_id(t.id);
  e.set_assembly_id(t.assembly_id);
  e.set_member_id(member_id);
  e.set_state(domain::to_string(outcome.state));
  e.set_waiting_position(static_cast<std::uint32_t>(outcome.waiting_position));
  e.set_signed_up_by(by);
  outbox.append(tx, e, t.id);
}

void training_withdrawn(pqxx::work& tx, const assembly::events::Outbox& outbox,
                        const store::Training& t, const std::string& member_id,
                        domain::SignUpState was, const std::string& by) {
  pb::TrainingWithdrawn e;
  e.set_training_id(t.id);
  e.set_assembly_id(t.assembly_id);
  e.set_member_id(member_id);
  e.set_previous_state(domain::to_string(was));
  e.set_withdrawn_by(by);
  outbox.append(tx, e, t.id);
}

void training_place_offered(pqxx::work& tx, const assembly::events::Outbox& outbox,
                            const store::Training& t, const std::string& member_id,
                            const std::string& freed_by) {
  pb::TrainingPlaceOffered e;
  e.set_training_id(t.id);
  e.set_assembly_id(t.assembly_id);
  e.set_member_id(member_id);
  e.set_freed_by_member_id(freed_by);
  e.set_title(t.title);
  e.set_held_on(t.held_on);
  e.set_starts_at(t.starts_at);
  e.set_place(t.place);
  e.set_online_url(t.online_url);
  outbox.append(tx, e, t.id);
}

void training_attendance_recorded(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                  const store::Training& t, const std::string& member_id,
                                  const std::string& status, unsigned revision,
                                  const std::string& by) {
  pb::TrainingAttendanceRecorded e;
  e.set_training_id(t.id);
  e.set_assembly_id(t.assembly_id);
  e.set_member_id(member_id);
  e.set_status(status);
  e.set_revision(revision);
  e.set_recorded_by(by);
  e.set_held_on(t.held_on);
  outbox.append(tx, e, t.id);
}

void evaluation_closed(pqxx::work& tx, const assembly::events::Outbox& outbox,
                       const store::Evaluation& e, long responses) {
  pb::EvaluationClosed ev;
  ev.set_evaluation_id(e.id);
  ev.set_assembly_id(e.assembly_id);
  ev.set_title(e.title);
  ev.set_plenary_session_id(e.plenary_session_id);
  ev.set_responses(responses);
  outbox.append(tx, ev, e.assembly_id);
}

}  // namespace membership::events
