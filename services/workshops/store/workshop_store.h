#pragma once
// SQL for workshops and rosters. Each query is a named constant.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace workshops::store {

struct Workshop {
  std::string id, assembly_id, theme, title, created_at;
  int roster_size = 0;
  std::vector<std::string> member_ids;  // filled by find() only
};

// The workshop of (assembly, theme), created when missing; `created` says which.
Workshop get_or_create(pqxx::work& tx, const std::string& new_id, const std::string& assembly_id,
                       const std::string& theme, const std::string& title, bool& created);
// Adds the member to the roster; the roster size after, or 0 when the member was already on it.
int add_member(pqxx::work& tx, const std::string& workshop_id, const std::string& member_id);
// Takes the member off every other roster of the assembly (a reassignment moves them); how many.
int leave_other_workshops(pqxx::work& tx, const std::string& assembly_id, const std::string& member_id,
                          const std::string& workshop_id);
std::optional<Workshop> find(pqxx::transaction_base& tx, const std::string& id);
std::vector<Workshop> list(pqxx::transaction_base& tx, const std::string& assembly_id);

}  // namespace workshops::store
