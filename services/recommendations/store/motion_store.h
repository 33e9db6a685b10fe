#pragma once
// SQL for motions. Each query is a named constant.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace recommendations::store {

struct Motion {
  std::string id, workshop_id, assembly_id, theme, status, created_at;
};

bool insert_if_new(pqxx::work& tx, const Motion& m);  // one motion per workshop
std::optional<Motion> find(pqxx::transaction_base& tx, const std::string& id);
std::vector<Motion> list(pqxx::transaction_base& tx, const std::string& assembly_id);

}  // namespace recommendations::store
