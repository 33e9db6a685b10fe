#pragma once
// The events membership publishes, each written to the outbox in the caller's transaction (keyed
// by the member).
#include <pqxx/pqxx>
#include <string>

#include "assembly/events/outbox.h"
#include "store/engagement.h"
#include "store/members.h"

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
// A seat freed, which sortition refills (MemberDeclined, MemberWithdrew).
void member_declined(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                     const std::string& reason);
void member_withdrew(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                     const std::string& reason, const std::string& effective_on);

}  // namespace membership::events
