#pragma once
// The service's JSON, at the HTTP edge: the store's rows as the API and the open data show them.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/reports.h"
#include "store/commitments.h"
#include "store/council.h"
#include "store/dossier_store.h"
#include "store/public_tree.h"
#include "store/reports.h"

namespace followup::api {

nlohmann::json to_json(const store::Dossier& d);
nlohmann::json to_json(const store::AgendaItem& item);
nlohmann::json to_json(const store::RecommendationText& r);
// A session with its agenda.
nlohmann::json to_json(const store::Session& s, const std::vector<store::AgendaItem>& agenda);
// The full view adds the timeline and evidence.
nlohmann::json to_json(const store::CommitmentView& c);
// The public view of a report: the snapshot only once published (or `with_draft`); overdue at
// `today`.
nlohmann::json to_json(const store::ReportRow& r, const std::string& today,
                       bool with_draft = false);
nlohmann::json reports_json(const std::vector<store::ReportRow>& reports, const std::string& today);
nlohmann::json to_json(const app::Flagged& flagged);
// The public page's and the open data's tree (README, "The public page and open data").
nlohmann::json tree_json(const std::string& assembly_id, const store::PublicTree& tree,
                         const std::string& generated_at, const std::string& today);

}  // namespace followup::api
