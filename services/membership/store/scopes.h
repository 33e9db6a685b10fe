#pragma once
// The assembly the objects changed through `/v1/<resource>/:id/...` belong to, for the limits of
// staff accounts. Each answers nullopt when there is no such object.
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace membership::store {

std::optional<std::string> member_assembly(pqxx::transaction_base& tx, const std::string& id);
std::optional<std::string> role_assembly(pqxx::transaction_base& tx, const std::string& id);
std::optional<std::string> training_assembly(pqxx::transaction_base& tx, const std::string& id);
std::optional<std::string> evaluation_assembly(pqxx::transaction_base& tx, const std::string& id);

}  // namespace membership::store
