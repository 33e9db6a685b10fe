#include "store/scope_store.h"

namespace workshops::store {
namespace {

constexpr const char* kWorkshopBelonging =
    "SELECT assembly_id, id AS workshop_id FROM workshops WHERE id = $1";
constexpr const char* kSessionBelonging =
    "SELECT assembly_id, COALESCE(workshop_id, '') AS workshop_id FROM sessions WHERE id = $1";
constexpr const char* kMandateBelonging =
    "SELECT w.assembly_id AS assembly_id, w.id AS workshop_id FROM mandates m "
    "JOIN workshops w ON w.id = m.workshop_id WHERE m.id = $1";

std::optional<Belonging> one(pqxx::transaction_base& tx, const char* query, const std::string& id) {
  auto rows = tx.exec_params(query, id);
  if (rows.empty()) return std::nullopt;
  return Belonging{rows[0]["assembly_id"].as<std::string>(),
                   rows[0]["workshop_id"].as<std::string>()};
}

}  // namespace

std::optional<Belonging> workshop_belonging(pqxx::transaction_base& tx, const std::string& id) {
  return one(tx, kWorkshopBelonging, id);
}

std::optional<Belonging> session_belonging(pqxx::transaction_base& tx, const std::string& id) {
  return one(tx, kSessionBelonging, id);
}

std::optional<Belonging> mandate_belonging(pqxx::transaction_base& tx, const std::string& id) {
  return one(tx, kMandateBelonging, id);
}

}  // namespace workshops::store
