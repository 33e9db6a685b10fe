#pragma once
// Running a queued selection: claim it, compute its panels off any transaction (it may take
// minutes), then write the panel, the reserve list, the public record and PanelSelected (or the
// failure) in one transaction.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/events/outbox.h"
#include "domain/fair.h"
#include "domain/panel_select.h"
#include "domain/quotas.h"
#include "domain/selection_progress.h"
#include "store/selections.h"

namespace sortition::app {

// A quota set's seat pools, parsed; `csvs` gets their quota files ("pool\ncsv\n" each) for the
// input digest.
domain::PanelSpec load_spec(pqxx::transaction_base& tx, const std::string& quota_set_id,
                            std::string& csvs);

// A selection taken by the worker: what it draws from, read in the transaction that claimed it.
struct Job {
  store::Selection selection;
  domain::PanelSpec spec;
  std::string csvs;
  std::vector<domain::Respondent> respondents;
};

// The draw's result: one PanelResult and one fairness summary per seat pool, or a failure.
struct Outcome {
  std::vector<domain::PanelResult> results;
  std::vector<nlohmann::json> fairness;
  std::string failure;
};

// A running job whose worker has not reported for this long is taken again (its worker died).
constexpr const char* kStaleRunning = "2 minutes";

// Gives stalled jobs back to the queue, then takes the oldest queued selection, if any.
std::optional<Job> claim(pqxx::work& tx);

// The draw itself, outside any transaction: for each seat pool, the requested algorithm's
// distribution (LEXIMIN by default) with fallbacks on the time limit, and a panel drawn from it
// with the seed; the legacy greedy draw when asked for or fallen back to. `report` is called with
// the solver's progress, the seat pool's name and where the selection stands (it may throw to stop
// the computation).
using Report = std::function<void(const fair::Progress&, const std::string& pool,
                                  const domain::SelectionClock&)>;
Outcome compute(const Job& job, double time_limit, const Report& report);

// Writes a computed draw: its people, its record, PanelSelected; or its failure. Nothing if the
// job is no longer this worker's (taken again after a stall); cancelled, with nothing drawn, if
// the secretariat asked it to stop since its last progress report.
void finish(pqxx::work& tx, assembly::events::Outbox& outbox, const Job& job,
            const Outcome& outcome);

}  // namespace sortition::app
