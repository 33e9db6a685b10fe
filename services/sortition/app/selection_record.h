#pragma once
// The public facts of a selection's draw (its record, JSON as stored and published): per seat pool
// and category the quota beside the panel's and the respondents' counts and shares, the fairness
// of each seat pool's draw, the algorithms. No names, no person ids.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/fair.h"
#include "domain/panel_select.h"
#include "store/selections.h"

namespace sortition::app {

// "leximin/1", or "leximin/1 + legacy-greedy/1" when seat pools fell back differently.
std::string algorithms_of(const std::vector<domain::PanelResult>& results);

// SHA-256 of what the draw used: the quota files and the respondents in canonical form
// ("person_id,pool,household,category=value;..." sorted by person id).
std::string input_digest(const std::vector<domain::Respondent>& respondents,
                         const std::string& quota_csvs);

// The public summary of a fair draw: the algorithm that ran and why others gave up, the
// probabilities' spread, the mean probability per quota value, the proof of optimality's bound.
nlohmann::json fairness_of(const fair::Instance& in, const fair::Distribution& d,
                           const std::string& requested, std::size_t drawn);
// The same for a seat pool drawn by the legacy greedy draw (asked for, or fallen back to).
nlohmann::json legacy_fairness(const std::string& requested, const nlohmann::json& fallbacks);

nlohmann::json public_record(const store::Selection& selection, const domain::PanelSpec& spec,
                             const std::vector<domain::Respondent>& respondents,
                             const std::vector<domain::PanelResult>& results,
                             const std::vector<nlohmann::json>& fairness);

// The invitation draws behind the respondents, as the record lists them.
nlohmann::json invitation_draws_json(const std::vector<store::InvitationDrawSummary>& draws);

}  // namespace sortition::app
