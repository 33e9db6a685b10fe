#pragma once
// SQL for the assembly (and workshop) an object belongs to: what the limits of staff accounts are
// checked against. Each query is a named constant.
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace workshops::store {

struct Belonging {
  std::string assembly_id;
  std::string workshop_id;  // "" for a plenary (every workshop of the assembly)
};

// nullopt when there is no such object.
std::optional<Belonging> workshop_belonging(pqxx::transaction_base& tx, const std::string& id);
std::optional<Belonging> session_belonging(pqxx::transaction_base& tx, const std::string& id);
std::optional<Belonging> mandate_belonging(pqxx::transaction_base& tx, const std::string& id);

}  // namespace workshops::store
