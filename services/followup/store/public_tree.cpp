#include "store/public_tree.h"

namespace followup::store {

PublicTree load_public_tree(pqxx::transaction_base& tx, const std::string& assembly_id) {
  PublicTree t;
  t.dossiers = list(tx, assembly_id);
  for (auto& item : agenda_items_of_assembly(tx, assembly_id)) {
    auto dossier_id = item.dossier_id;
    t.agenda_items.emplace(std::move(dossier_id), std::move(item));
  }
  for (auto& [dossier_id, r] : recommendations_of_assembly(tx, assembly_id))
    t.recommendations[dossier_id].push_back(std::move(r));
  // By creation within each motion, as the assembly-wide order already gives.
  for (auto& c : commitment_views_of(tx, assembly_id, true))
    t.commitments[c.dossier_id].push_back(std::move(c));
  t.reports = reports_of(tx, assembly_id);
  return t;
}

}  // namespace followup::store
