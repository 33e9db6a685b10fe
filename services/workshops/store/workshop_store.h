#pragma once
// SQL for workshops and rosters. Each query is a named constant.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/sessions.h"

namespace workshops::store {

struct Workshop {
  std::string id, assembly_id, theme, title, created_at;
  int roster_size = 0;
  std::vector<std::string> departments;  // the city departments it concerns, in the order set
  std::vector<std::string> member_ids;   // filled by find() only
};

// The workshop of (assembly, theme), created when missing; `created` says which.
Workshop get_or_create(pqxx::work& tx, const std::string& new_id, const std::string& assembly_id,
                       const std::string& theme, const std::string& title, bool& created);
// Adds the member to the roster; the roster size after, or 0 when the member was already on it.
int add_member(pqxx::work& tx, const std::string& workshop_id, const std::string& member_id,
               const std::string& day);
// Takes the member off every roster of the assembly but `keep_workshop_id` ("" = every roster),
// closing their periods on `day`; how many rosters they left.
// The reasons the member's roster periods ended go (an erasure); how many.
long erase_left_reasons(pqxx::work& tx, const std::string& member_id);
int leave_rosters(pqxx::work& tx, const std::string& assembly_id, const std::string& member_id,
                  const std::string& keep_workshop_id, const std::string& day,
                  const std::string& reason);
// The member's periods on the workshop's roster (any workshop of the assembly when workshop_id is
// "").
std::vector<domain::RosterPeriod> roster_periods(pqxx::transaction_base& tx,
                                                 const std::string& assembly_id,
                                                 const std::string& workshop_id,
                                                 const std::string& member_id);
// The workshops the member is on now.
std::vector<Workshop> workshops_of_member(pqxx::transaction_base& tx, const std::string& member_id);
std::optional<Workshop> find(pqxx::transaction_base& tx, const std::string& id);
// Sets the departments the workshop concerns (codes checked by the caller); false when there is
// no such workshop.
bool set_departments(pqxx::work& tx, const std::string& id,
                     const std::vector<std::string>& departments);
std::vector<Workshop> list(pqxx::transaction_base& tx, const std::string& assembly_id);

}  // namespace workshops::store
