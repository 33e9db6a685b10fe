#include "store/scopes.h"

namespace followup::store {

namespace {

constexpr const char* kCommitmentAssembly = "SELECT assembly_id FROM commitments WHERE id = $1";
constexpr const char* kAgendaItemAssembly =
    "SELECT d.assembly_id FROM agenda_items i JOIN dossiers d ON d.id = i.dossier_id "
    "WHERE i.id = $1";
constexpr const char* kReportAssembly = "SELECT assembly_id FROM reports WHERE id = $1";
constexpr const char* kDossierAssembly = "SELECT assembly_id FROM dossiers WHERE id = $1";

std::optional<std::string> assembly_of(pqxx::transaction_base& tx, const char* sql,
                                       const std::string& id) {
  auto rows = tx.exec_params(sql, id);
  if (rows.empty()) return std::nullopt;
  return rows[0]["assembly_id"].as<std::string>();
}

}  // namespace

std::optional<std::string> commitment_assembly(pqxx::transaction_base& tx, const std::string& id) {
  return assembly_of(tx, kCommitmentAssembly, id);
}

std::optional<std::string> agenda_item_assembly(pqxx::transaction_base& tx, const std::string& id) {
  return assembly_of(tx, kAgendaItemAssembly, id);
}

std::optional<std::string> report_assembly(pqxx::transaction_base& tx, const std::string& id) {
  return assembly_of(tx, kReportAssembly, id);
}

std::optional<std::string> dossier_assembly(pqxx::transaction_base& tx, const std::string& id) {
  return assembly_of(tx, kDossierAssembly, id);
}

}  // namespace followup::store
