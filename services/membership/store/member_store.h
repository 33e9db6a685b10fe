#pragma once
// SQL for members. Each query is a named constant.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace membership::store {

struct Member {
  std::string id, assembly_id, person_id, pool, draw_id, status, workshop_theme, created_at;
};

// Inserts the member unless the person is already a member of the assembly; true when inserted.
bool insert_if_new(pqxx::work& tx, const Member& m);
std::optional<Member> find(pqxx::transaction_base& tx, const std::string& id);
std::vector<Member> list(pqxx::transaction_base& tx, const std::string& assembly_id);

}  // namespace membership::store
