#pragma once
// Everything the public page and the open data show of an assembly, in a fixed number of
// queries (not one per motion or commitment).
#include <map>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "store/commitments.h"
#include "store/council.h"
#include "store/dossier_store.h"
#include "store/reports.h"

namespace followup::store {

struct PublicTree {
  std::vector<Dossier> dossiers;                                           // by theme
  std::map<std::string, AgendaItem> agenda_items;                          // by dossier id
  std::map<std::string, std::vector<RecommendationText>> recommendations;  // by dossier id
  std::map<std::string, std::vector<CommitmentView>> commitments;  // by dossier id (full views)
  std::vector<ReportRow> reports;                                  // by sequence
};
PublicTree load_public_tree(pqxx::transaction_base& tx, const std::string& assembly_id);

}  // namespace followup::store
