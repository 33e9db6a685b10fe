#pragma once
// The lifecycle's effects, shared by the single-member routes and the assembly-wide ones: the
// status change with its history line, the workshop assignment at activation, and the events.
// They throw core::Refused, or StatusConflict when the member's status forbids the action.
#include <stdexcept>
#include <string>
#include <vector>

#include "assembly/events/outbox.h"
#include "domain/lifecycle.h"
#include "store/members.h"

namespace membership::app {

// A conflict with the member's current status (a 409 that names the status).
class StatusConflict : public std::runtime_error {
 public:
  StatusConflict(const std::string& message, std::string status)
      : std::runtime_error(message), status_(std::move(status)) {}
  const std::string& status() const { return status_; }

 private:
  std::string status_;
};

// Applies `action` to the member (locked by the caller): StatusConflict when illegal; publishes
// the action's event. Activation places the member in a workshop. `effective_on` (YYYY-MM-DD):
// the day an activation or a withdrawal takes effect (the plenary's date, the day the member
// left), carried by MemberAssigned and MemberWithdrew.
store::Member apply(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m,
                    domain::Action action, const std::string& reason, const std::string& actor,
                    const std::string& effective_on);

// Activates these confirmed members of one assembly together: one run of the assignment over
// them all (the members already active stay where they are). Returns them, active.
std::vector<store::Member> activate_all(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                        const store::Assembly& assembly,
                                        const std::vector<store::Member>& confirmed,
                                        const std::string& actor, const std::string& effective_on);

// One action on every member of the assembly in the status it starts from (invite every selected
// member, activate every confirmed one together, complete every active one). The members changed.
// Refused: not_found.
std::vector<store::Member> apply_to_all(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                        const std::string& assembly_id, domain::Action action,
                                        const std::string& actor, const std::string& effective_on);

// The member's wishes (locked by the caller) while they are not placed yet: StatusConflict once
// placed or past confirmed; invalid for a workshop the assembly does not have. The member after.
store::Member set_preferences(pqxx::work& tx, const store::Member& m,
                              const std::vector<std::string>& themes, const std::string& actor);

// Anonymises an assembly whose retention delay has passed; how many members. Refused: not_found,
// conflict (anonymised already, or not due).
int anonymise_now(pqxx::work& tx, const std::string& assembly_id);

}  // namespace membership::app
