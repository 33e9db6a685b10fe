#pragma once
// SQL for the assembly (and workshop) an object belongs to: what the limits of staff accounts are
// checked against. Each query is a named constant; rows are read by column name.
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace recommendations::store {

struct Belonging {
  std::string assembly_id;
  std::string workshop_id;  // "" when the object is the whole assembly's (a plenary ballot)
};

// nullopt when there is no such object.
std::optional<Belonging> ballot_belonging(pqxx::transaction_base& tx, const std::string& id);
std::optional<Belonging> motion_belonging(pqxx::transaction_base& tx, const std::string& id);
std::optional<Belonging> recommendation_belonging(pqxx::transaction_base& tx,
                                                  const std::string& id);
std::optional<Belonging> amendment_belonging(pqxx::transaction_base& tx, const std::string& id);

}  // namespace recommendations::store
