#pragma once
// SQL for members. Each query is a named constant.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace membership::store {

struct Member {
  std::string id, assembly_id, person_id, pool, draw_id, status, workshop_theme, created_at;
  std::string replaces{}, status_reason{};  // empty when none
};

// The member of an assembly who came from sortition person `person_id`, if any.
std::optional<Member> find_by_person(pqxx::transaction_base& tx, const std::string& assembly_id,
                                     const std::string& person_id);
// Moves a member from `from` to `to`; false when the member was not in `from` (nothing changed).
bool change_status(pqxx::work& tx, const std::string& id, const std::string& from, const std::string& to,
                   const std::string& reason, const std::string& by);

// Inserts the member unless the person is already a member of the assembly; true when inserted.
bool insert_if_new(pqxx::work& tx, const Member& m);
std::optional<Member> find(pqxx::transaction_base& tx, const std::string& id);
std::vector<Member> list(pqxx::transaction_base& tx, const std::string& assembly_id);

}  // namespace membership::store
