#include "store/scopes.h"

namespace sortition::store {

namespace {

constexpr const char* kInvitationDrawAssembly =
    "SELECT assembly_id FROM invitation_draws WHERE id = $1";
constexpr const char* kRespondentAssembly =
    "SELECT d.assembly_id FROM respondents r JOIN invitation_draws d ON d.id = "
    "r.invitation_draw_id "
    "WHERE r.id = $1";
constexpr const char* kSelectionAssembly = "SELECT assembly_id FROM selections WHERE id = $1";
constexpr const char* kQuotaSetAssembly = "SELECT assembly_id FROM quota_sets WHERE id = $1";

std::optional<std::string> assembly_of(pqxx::transaction_base& tx, const char* sql,
                                       const std::string& id) {
  auto rows = tx.exec_params(sql, id);
  if (rows.empty()) return std::nullopt;
  return rows[0]["assembly_id"].as<std::string>();
}

}  // namespace

std::optional<std::string> invitation_draw_assembly(pqxx::transaction_base& tx,
                                                    const std::string& id) {
  return assembly_of(tx, kInvitationDrawAssembly, id);
}

std::optional<std::string> respondent_assembly(pqxx::transaction_base& tx, const std::string& id) {
  return assembly_of(tx, kRespondentAssembly, id);
}

std::optional<std::string> selection_assembly(pqxx::transaction_base& tx, const std::string& id) {
  return assembly_of(tx, kSelectionAssembly, id);
}

std::optional<std::string> quota_set_assembly(pqxx::transaction_base& tx, const std::string& id) {
  return assembly_of(tx, kQuotaSetAssembly, id);
}

}  // namespace sortition::store
