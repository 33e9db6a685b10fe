#pragma once
// The lifecycle's effects, shared by the single-member routes and the assembly-wide ones: the
// status change with its history line, the workshop assignment at activation, and the events.
#include <string>
#include <vector>

#include "assembly/events/outbox.h"
#include "assembly/http/http.h"
#include "domain/lifecycle.h"
#include "store/members.h"

namespace membership::api {

// 404 unless the member exists; 403 unless the caller is the secretariat or that member.
store::Member self_or_staff(pqxx::work& tx, const assembly::http::Request& req,
                            const std::string& member_id, bool for_update = false);

// Applies `action` to the member (locked by the caller): 409 naming the current status when
// illegal; publishes the action's event. Activation places the member in a workshop.
// `effective_on` (YYYY-MM-DD): the day an activation or a withdrawal takes effect (the plenary's
// date, the day the member left), carried by MemberAssigned and MemberWithdrew.
store::Member apply(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                    domain::Action action, const std::string& reason, const std::string& actor,
                    const std::string& effective_on);

// Activates these confirmed members of one assembly together: one run of the assignment over
// them all (the members already active stay where they are). Returns them, active.
std::vector<store::Member> activate_all(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                        const store::Assembly& assembly,
                                        const std::vector<store::Member>& confirmed,
                                        const std::string& actor, const std::string& effective_on);

// Moves an active or confirmed member to another workshop (staff override, reason required).
void publish_assigned(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const store::Member& m, const std::string& workshop,
                      const std::string& previous, const std::string& reason,
                      const std::string& effective_on);

}  // namespace membership::api
