#pragma once
// SQL for follow-up dossiers. Each query is a named constant.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace followup::store {

struct Dossier {
  std::string id, motion_id, assembly_id, theme, stage, opened_at;
};

bool insert_if_new(pqxx::work& tx, const Dossier& d);  // one dossier per motion
std::optional<Dossier> find(pqxx::transaction_base& tx, const std::string& id);
std::vector<Dossier> list(pqxx::transaction_base& tx, const std::string& assembly_id);

}  // namespace followup::store
