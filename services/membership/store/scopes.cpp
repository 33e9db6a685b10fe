#include "store/scopes.h"

namespace membership::store {

namespace {

constexpr const char* kMemberAssembly = "SELECT assembly_id FROM members WHERE id = $1";
constexpr const char* kRoleAssembly = "SELECT assembly_id FROM roles WHERE id = $1";
constexpr const char* kTrainingAssembly = "SELECT assembly_id FROM trainings WHERE id = $1";
constexpr const char* kEvaluationAssembly = "SELECT assembly_id FROM evaluations WHERE id = $1";

std::optional<std::string> assembly_of(pqxx::transaction_base& tx, const char* sql,
                                       const std::string& id) {
  auto rows = tx.exec_params(sql, id);
  if (rows.empty()) return std::nullopt;
  return rows[0]["assembly_id"].as<std::string>();
}

}  // namespace

std::optional<std::string> member_assembly(pqxx::transaction_base& tx, const std::string& id) {
  return assembly_of(tx, kMemberAssembly, id);
}

std::optional<std::string> role_assembly(pqxx::transaction_base& tx, const std::string& id) {
  return assembly_of(tx, kRoleAssembly, id);
}

std::optional<std::string> training_assembly(pqxx::transaction_base& tx, const std::string& id) {
  return assembly_of(tx, kTrainingAssembly, id);
}

std::optional<std::string> evaluation_assembly(pqxx::transaction_base& tx, const std::string& id) {
  return assembly_of(tx, kEvaluationAssembly, id);
}

}  // namespace membership::store
