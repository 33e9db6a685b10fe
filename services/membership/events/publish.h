#pragma once
// Building the events membership publishes, where more than one place publishes them.
#include "assembly/membership/v1/events.pb.h"
#include "store/engagement.h"

namespace membership::events {

inline assembly::membership::v1::RoleAssigned role_event(const store::Role& r, bool ended) {
  assembly::membership::v1::RoleAssigned e;
  e.set_role_id(r.id);
  e.set_member_id(r.member_id);
  e.set_assembly_id(r.assembly_id);
  e.set_role(r.role);
  e.set_motion_id(r.motion_id);
  e.set_workshop_theme(r.workshop_theme);
  e.set_ended(ended);
  return e;
}

}  // namespace membership::events
