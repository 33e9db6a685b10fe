#include "events/publish.h"

#include "assembly/membership/v1/events.pb.h"

namespace membership::events {
namespace pb = assembly::membership::v1;

namespace {

// MemberDeclined and MemberWithdrew say the same: whose seat is free, in which selection, why.
template <typename Event>
Event seat_freed(const store::Member& m, const std::string& reason) {
  Event e;
  e.set_member_id(m.id);
  e.set_assembly_id(m.assembly_id);
  e.set_person_id(m.person_id);
  e.set_panel_draw_id(m.draw_id);
  e.set_reason(reason);
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
  e.set_reason(reason);
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

void member_declined(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                     const std::string& reason) {
  outbox.append(tx, seat_freed<pb::MemberDeclined>(m, reason), m.id);
}

void member_withdrew(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                     const std::string& reason, const std::string& effective_on) {
  auto e = seat_freed<pb::MemberWithdrew>(m, reason);
  e.set_effective_on(effective_on);
  outbox.append(tx, e, m.id);
}

}  // namespace membership::events
