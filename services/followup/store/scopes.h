#pragma once
// The assembly the objects changed through `/v1/<resource>/:id/...` (and the dossiers placed on
// a Council agenda) belong to, for the limits of staff accounts. Each answers nullopt when there
// is no such object.
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace followup::store {

std::optional<std::string> commitment_assembly(pqxx::transaction_base& tx, const std::string& id);
// An agenda item's: its dossier's.
std::optional<std::string> agenda_item_assembly(pqxx::transaction_base& tx, const std::string& id);
std::optional<std::string> report_assembly(pqxx::transaction_base& tx, const std::string& id);
std::optional<std::string> dossier_assembly(pqxx::transaction_base& tx, const std::string& id);

}  // namespace followup::store
