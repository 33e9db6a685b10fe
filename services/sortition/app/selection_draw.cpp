#include "app/selection_draw.h"

#include <algorithm>
#include <chrono>

#include "app/selection_record.h"
#include "assembly/logging/log.h"
#include "domain/panel_draw.h"
#include "domain/random.h"
#include "events/publish.h"
#include "store/quota_sets.h"

namespace sortition::app {

using nlohmann::json;

domain::PanelSpec load_spec(pqxx::transaction_base& tx, const std::string& quota_set_id,
                            std::string& csvs) {
  domain::PanelSpec spec;
  for (const auto& row : store::seat_pools(tx, quota_set_id)) {
    spec.pools.push_back({row.pool_kind, row.seats, domain::parse_quotas(row.quotas_csv)});
    csvs += row.pool_kind + "\n" + row.quotas_csv + "\n";
  }
  return spec;
}

std::optional<Job> claim(pqxx::work& tx) {
  store::requeue_stale(tx, kStaleRunning);
  auto id = store::claim_next(tx);
  if (!id) return std::nullopt;
  Job job;
  job.selection = *store::find_selection(tx, *id);
  job.spec = load_spec(tx, job.selection.quota_set_id, job.csvs);
  job.respondents = store::interested_respondents(tx, job.selection.invitation_draw_ids);
  return job;
}

Outcome compute(const Job& job, double time_limit, const Report& report) {
  Outcome out;
  for (const auto& sp : job.spec.pools)
    if (auto why = domain::check_feasible(sp, job.respondents)) {
      out.failure = sp.pool + ": " + why->message;
      return out;
    }
  const std::string seed = job.selection.seed.value_or("");
  const std::string& requested = job.selection.requested_algorithm;
  const auto start = fair::Clock::now();
  domain::LegacyGreedy greedy;
  try {
    for (std::size_t index = 0; index < job.spec.pools.size(); ++index) {
      const auto& sp = job.spec.pools[index];
      const std::string pool_seed = seed + "/" + sp.pool;
      if (requested == "legacy") {
        out.results.push_back(greedy.select(sp, job.respondents, pool_seed));
        out.fairness.push_back(legacy_fairness(requested, json::array()));
        continue;
      }
      std::vector<const domain::Respondent*> mine;
      for (const auto& r : job.respondents)
        if (r.pool == sp.pool) mine.push_back(&r);
      const auto instance = fair::make_instance(sp, job.respondents);  // same order as mine
      fair::Options options;
      options.algorithm = *fair::parse_algorithm(requested);
      // The seat pools share the time limit; each gets what the ones before left.
      options.time_limit = std::max(
          1e-3, time_limit - std::chrono::duration<double>(fair::Clock::now() - start).count());
      options.legacy_samples = 0;  // a legacy fallback is the service's own greedy draw, below
      options.on_progress = [&](const fair::Progress& p) {
        const domain::SelectionClock clock{
            static_cast<int>(index), static_cast<int>(job.spec.pools.size()),
            std::chrono::duration<double>(fair::Clock::now() - start).count(), time_limit};
        report(p, sp.pool, clock);
      };
      const auto d = fair::select(instance, options);
      if (d.algorithm == "legacy") {
        out.results.push_back(greedy.select(sp, job.respondents, pool_seed));
        out.fairness.push_back(legacy_fairness(requested, d.fallbacks));
        continue;
      }
      const auto drawn = fair::draw_panel(d, pool_seed);
      domain::PanelResult res;
      res.pool = sp.pool;
      res.algorithm = d.algorithm;
      res.version = "1";
      res.attempts = 1;
      std::vector<bool> on_panel(mine.size(), false);
      for (int i : d.panels[drawn].members) {
        on_panel[i] = true;
        res.panel.push_back(*mine[i]);
      }
      // The reserve: everyone else of the pool in a random order from the seed (replacements try
      // it in order, within the quotas).
      std::vector<int> rest;
      for (std::size_t i = 0; i < mine.size(); ++i)
        if (!on_panel[i]) rest.push_back(static_cast<int>(i));
      domain::SeededRandom random(pool_seed + "/reserve");
      random.shuffle(rest);
      for (int i : rest) res.reserve.push_back(*mine[i]);
      for (std::size_t i = 0; i < mine.size(); ++i)
        res.probabilities[mine[i]->person_id] = d.probability[i];
      out.fairness.push_back(fairness_of(instance, d, requested, drawn));
      out.results.push_back(std::move(res));
    }
  } catch (const domain::PanelError& e) {
    out.failure = e.what();
  } catch (const fair::Infeasible& e) {
    out.failure = "infeasible quotas (" + e.constraint() + "): " + e.what();
  }
  return out;
}

void finish(pqxx::work& tx, assembly::events::Outbox& outbox, const Job& job,
            const Outcome& outcome) {
  const std::string& id = job.selection.id;
  auto current = store::find_selection(tx, id, true);
  if (!current || current->state != domain::SelectionState::running) return;
  const auto& sel = *current;
  // Asked to stop after its last progress report: nothing is drawn.
  if (sel.cancel_requested_at) {
    store::cancel_now(tx, id, sel.cancelled_by.value_or(""));
    assembly::log::info("panel selection cancelled", {{"selection_id", id}});
    return;
  }
  if (!outcome.failure.empty()) {
    store::mark_failed(tx, id, outcome.failure);
    assembly::log::warn("panel selection failed", {{"selection_id", id}});
    return;
  }
  const auto& results = outcome.results;
  // One row per person drawn (the panel, in draw order) or on the reserve list (in its order);
  // ranks run on across the seat pools, so that each is unique within the selection.
  std::vector<store::NewListedPerson> people;
  std::string result_lines;
  int panel_rank = 0, reserve_rank = 0;
  auto probability = [](const domain::PanelResult& res,
                        const domain::Respondent& p) -> std::optional<double> {
    auto it = res.probabilities.find(p.person_id);
    if (it == res.probabilities.end()) return std::nullopt;
    return it->second;
  };
  for (const auto& res : results) {
    for (const auto& p : res.panel) {
      people.push_back({domain::ListKind::panel, panel_rank++, p.person_id, probability(res, p)});
      result_lines += res.pool + "," + p.person_id + "\n";
    }
    for (const auto& p : res.reserve)
      people.push_back(
          {domain::ListKind::reserve, reserve_rank++, p.person_id, probability(res, p)});
  }
  store::insert_listed_people(tx, id, sel.invitation_draw_ids, people);
  auto record = public_record(sel, job.spec, job.respondents, results, outcome.fairness);
  auto input = input_digest(job.respondents, job.csvs);
  auto result = domain::sha256_hex(result_lines);
  record["input_sha256"] = input;
  // Where the respondents came from: each invitation draw, its pool's size and snapshot hash.
  record["invitation_draws"] =
      invitation_draws_json(store::invitation_draw_summaries(tx, sel.invitation_draw_ids));
  record["result_sha256"] = result;
  const auto algorithm = algorithms_of(results);
  store::mark_done(tx, id, algorithm, input, result, record);
  auto event = events::panel_selected(id, sel.assembly_id, results);
  outbox.append(tx, event, id);
  assembly::log::info(
      "panel selected",
      {{"selection_id", id}, {"members", event.members_size()}, {"algorithm", algorithm}});
}

}  // namespace sortition::app
