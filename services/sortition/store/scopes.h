#pragma once
// The assembly the objects changed through `/v1/<resource>/:id/...` belong to, for the limits of
// staff accounts. Each answers nullopt when there is no such object.
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace sortition::store {

std::optional<std::string> invitation_draw_assembly(pqxx::transaction_base& tx,
                                                    const std::string& id);
// A respondent's: its invitation draw's.
std::optional<std::string> respondent_assembly(pqxx::transaction_base& tx, const std::string& id);
std::optional<std::string> selection_assembly(pqxx::transaction_base& tx, const std::string& id);
std::optional<std::string> quota_set_assembly(pqxx::transaction_base& tx, const std::string& id);

}  // namespace sortition::store
