#include "api/selections.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "assembly/auth/auth.h"
#include "assembly/core/html.h"
#include "assembly/core/ids.h"
#include "assembly/db/sql_time.h"
#include "assembly/http/body.h"
#include "assembly/logging/log.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/sortition/v1/events.pb.h"
#include "domain/fair.h"
#include "domain/panel_draw.h"
#include "domain/panel_select.h"
#include "domain/quotas.h"
#include "domain/random.h"

namespace sortition::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
namespace fair = sortition::fair;
namespace pb = assembly::sortition::v1;
using assembly::http::Access;
using assembly::http::Method;
using nlohmann::json;

namespace {
using assembly::core::html_escape;

constexpr const char* kSelectionColumns =
    "id, assembly_id, quota_set_id, invitation_draw_ids::text, seed_commitment, seed, state, failure, algorithm, "
    "input_sha256, result_sha256, to_char(replacement_deadline, 'YYYY-MM-DD'), coalesce(record::text, 'null'), "
    "created_by, " SQL_UTC("created_at") ", drawn_by, " SQL_UTC("finished_at") ", requested_algorithm, "
    "coalesce(progress::text, 'null'), " SQL_UTC("started_at");

json selection_json(const pqxx::row& r) {
  auto text = [&](int i) { return r[i].is_null() ? json() : json(r[i].as<std::string>()); };
  return {{"id", r[0].as<std::string>()},
          {"assembly_id", r[1].as<std::string>()},
          {"quota_set_id", r[2].as<std::string>()},
          {"invitation_draw_ids", json::parse(r[3].as<std::string>())},
          {"seed_commitment", r[4].as<std::string>()},
          {"seed", text(5)},
          {"state", r[6].as<std::string>()},
          {"failure", text(7)},
          {"algorithm", text(8)},
          {"input_sha256", text(9)},
          {"result_sha256", text(10)},
          {"replacement_deadline", text(11)},
          {"record", json::parse(r[12].as<std::string>())},
          {"created_by", r[13].as<std::string>()},
          {"created_at", r[14].as<std::string>()},
          {"drawn_by", text(15)},
          {"finished_at", text(16)},
          {"requested_algorithm", r[17].as<std::string>()},
          {"progress", json::parse(r[18].as<std::string>())},
          {"started_at", text(19)}};
}

std::optional<json> find_selection(pqxx::transaction_base& tx, const std::string& id,
                                   bool lock = false) {
  auto rows = tx.exec_params(std::string("SELECT ") + kSelectionColumns +
                                 " FROM selections WHERE id = $1" + (lock ? " FOR UPDATE" : ""),
                             id);
  if (rows.empty()) return std::nullopt;
  return selection_json(rows[0]);
}

domain::Respondent respondent_of(const pqxx::row& r) {  // person_id, pool_kind, household, criteria
  domain::Respondent p;
  p.person_id = r[0].as<std::string>();
  p.pool = r[1].as<std::string>();
  p.household = r[2].as<std::string>();
  const auto criteria = json::parse(r[3].as<std::string>());  // named: items() must not outlive it
  for (const auto& [k, v] : criteria.items()) p.attributes[k] = v.get<std::string>();
  return p;
}

// The interested respondents of the selection's invitation draws.
std::vector<domain::Respondent> load_respondents(pqxx::transaction_base& tx, const json& draw_ids) {
  std::vector<domain::Respondent> out;
  for (const auto& r :
       tx.exec_params("SELECT person_id, pool_kind, household, criteria::text FROM respondents "
                      "WHERE invitation_draw_id IN (SELECT jsonb_array_elements_text($1::jsonb)) "
                      "AND state = 'interested' "
                      "ORDER BY person_id",
                      draw_ids.dump()))
    out.push_back(respondent_of(r));
  return out;
}

domain::PanelSpec load_spec(pqxx::transaction_base& tx, const std::string& quota_set_id,
                            std::string& csvs) {
  domain::PanelSpec spec;
  for (const auto& r : tx.exec_params("SELECT pool_kind, seats, quotas_csv FROM quota_seat_pools "
                                      "WHERE quota_set_id = $1 ORDER BY pool_kind",
                                      quota_set_id)) {
    spec.pools.push_back(
        {r[0].as<std::string>(), r[1].as<int>(), domain::parse_quotas(r[2].as<std::string>())});
    csvs += r[0].as<std::string>() + "\n" + r[2].as<std::string>() + "\n";
  }
  return spec;
}

// SHA-256 of what the draw used: the quota files and the respondents in canonical form
// ("person_id,pool,household,category=value;..." sorted by person id).
std::string input_digest(const std::vector<domain::Respondent>& respondents,
                         const std::string& csvs) {
  std::string all = csvs;
  for (const auto& r : respondents) {
    all += r.person_id + "," + r.pool + "," + r.household + ",";
    for (const auto& [k, v] : r.attributes) all += k + "=" + v + ";";
    all += "\n";
  }
  return domain::sha256_hex(all);
}

// The public facts of a draw: per seat pool and category, quota beside the achieved panel and the
// respondents' shares. No names, no person ids.
// "leximin/1", or "leximin/1 + legacy-greedy/1" when seat pools fell back differently.
std::string algorithms_of(const std::vector<domain::PanelResult>& results) {
  std::string out;
  std::set<std::string> seen;
  for (const auto& r : results)
    if (seen.insert(r.algorithm + "/" + r.version).second)
      out += (out.empty() ? "" : " + ") + r.algorithm + "/" + r.version;
  return out;
}

json public_record(const json& selection, const domain::PanelSpec& spec,
                   const std::vector<domain::Respondent>& respondents,
                   const std::vector<domain::PanelResult>& results,
                   const std::vector<json>& fairness) {
  json pools = json::array();
  for (std::size_t i = 0; i < spec.pools.size(); ++i) {
    const auto& sp = spec.pools[i];
    const auto& res = results[i];
    std::vector<const domain::Respondent*> mine;
    for (const auto& r : respondents)
      if (r.pool == sp.pool) mine.push_back(&r);
    std::set<std::string> households;
    for (const auto* r : mine) households.insert(domain::household_key(*r));
    json cats = json::array();
    for (const auto& c : sp.quotas.categories) {
      json values = json::array();
      for (const auto& v : c.values) {
        auto in_panel = std::count_if(res.panel.begin(), res.panel.end(), [&](const auto& p) {
          auto it = p.attributes.find(c.name);
          return it != p.attributes.end() && it->second == v.value;
        });
        auto in_pool = std::count_if(mine.begin(), mine.end(), [&](const auto* p) {
          auto it = p->attributes.find(c.name);
          return it != p->attributes.end() && it->second == v.value;
        });
        values.push_back(
            {{"value", v.value},
             {"min", v.min},
             {"max", v.max},
             {"panel", in_panel},
             {"panel_share", sp.seats ? static_cast<double>(in_panel) / sp.seats : 0.0},
             {"respondents", in_pool},
             {"respondent_share",
              mine.empty() ? 0.0 : static_cast<double>(in_pool) / mine.size()}});
      }
      cats.push_back({{"category", c.name}, {"values", values}});
    }
    pools.push_back({{"pool", sp.pool},
                     {"seats", sp.seats},
                     {"respondents", mine.size()},
                     {"households", households.size()},
                     {"attempts", res.attempts},
                     {"categories", cats},
                     {"fairness", i < fairness.size() ? fairness[i] : json()}});
  }
  return {{"selection_id", selection["id"]},
          {"assembly_id", selection["assembly_id"]},
          {"requested_algorithm", selection["requested_algorithm"]},
          {"algorithm", algorithms_of(results)},
          {"seed_commitment", selection["seed_commitment"]},
          {"seed", selection["seed"]},
          {"seat_pools", pools}};
}

pb::SelectedPerson selected_person(const domain::Respondent& r) {
  pb::SelectedPerson p;
  p.set_person_id(r.person_id);
  p.set_pool(r.pool);
  for (const auto& [k, v] : r.attributes) (*p.mutable_attributes())[k] = v;
  return p;
}

// A selection taken by the worker: what it draws from, read in the transaction that claimed it.
struct Job {
  json sel;
  domain::PanelSpec spec;
  std::string csvs;
  std::vector<domain::Respondent> respondents;
};

// The worker's result: one PanelResult and one fairness summary per seat pool, or a failure.
struct Outcome {
  std::vector<domain::PanelResult> results;
  std::vector<json> fairness;
  std::string failure;
};

// The process is stopping: the job goes back to the queue.
struct Interrupted {};

// A running job whose worker has not reported for this long is taken again (its worker died).
constexpr const char* kStaleRunning = "2 minutes";

std::optional<Job> claim(pqxx::work& tx) {
  tx.exec(std::string(
              "UPDATE selections SET state = 'queued', progress = NULL WHERE state = 'running' AND "
              "heartbeat_at < now() - interval '") +
          kStaleRunning + "'");
  auto rows = tx.exec(
      "SELECT id FROM selections WHERE state = 'queued' ORDER BY queued_at LIMIT 1 FOR UPDATE SKIP "
      "LOCKED");
  if (rows.empty()) return std::nullopt;
  const auto id = rows[0][0].as<std::string>();
  tx.exec_params(
      "UPDATE selections SET state = 'running', started_at = now(), heartbeat_at = now(), progress "
      "= NULL "
      "WHERE id = $1",
      id);
  Job job;
  job.sel = *find_selection(tx, id);
  job.spec = load_spec(tx, job.sel["quota_set_id"], job.csvs);
  job.respondents = load_respondents(tx, job.sel["invitation_draw_ids"]);
  return job;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(std::lround(q * (v.size() - 1)))];
}

// The public summary of a fair draw: the algorithm that ran and why others gave up, the
// probabilities' spread, the mean probability per quota value, the proof of optimality's bound.
json fairness_of(const fair::Instance& in, const fair::Distribution& d,
                 const std::string& requested, std::size_t drawn) {
  json by_value = json::array();
  const auto& cats = in.pool.quotas.categories;
  for (std::size_t c = 0; c < cats.size(); ++c)
    for (std::size_t v = 0; v < cats[c].values.size(); ++v) {
      double sum = 0;
      int n = 0;
      for (std::size_t i = 0; i < in.ids.size(); ++i)
        if (in.values[i][c] == static_cast<int>(v)) {
          sum += d.probability[i];
          ++n;
        }
      by_value.push_back({{"category", cats[c].name},
                          {"value", cats[c].values[v].value},
                          {"respondents", n},
                          {"mean_probability", n ? sum / n : 0.0}});
    }
  json percentiles = json::object();
  for (double q : {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0})
    percentiles[std::to_string(static_cast<int>(q * 100))] = percentile(d.probability, q);
  return {{"requested_algorithm", requested},
          {"algorithm", d.algorithm},
          {"fallbacks", d.fallbacks},
          {"min_probability", d.min_probability},
          {"max_probability", percentile(d.probability, 1.0)},
          {"percentiles", percentiles},
          {"by_value", by_value},
          {"types", d.types},
          {"panels", d.panels.size()},
          {"drawn_panel", drawn + 1},
          {"drawn_panel_probability", d.panels[drawn].probability},
          {"certificate_bound", d.certificate.empty() ? json() : json(d.certificate_bound)},
          {"iterations", d.iterations},
          {"seconds", d.seconds}};
}

// The draw itself, outside any transaction (it may take minutes): for each seat pool, the
// requested algorithm's distribution (LEXIMIN by default) with fallbacks on the time limit, and a
// panel drawn from it with the seed; the legacy greedy draw when asked for or fallen back to.
Outcome compute(const Job& job, double time_limit,
                const std::function<void(const fair::Progress&, const std::string&)>& report) {
  Outcome out;
  for (const auto& sp : job.spec.pools)
    if (auto why = domain::check_feasible(sp, job.respondents)) {
      out.failure = sp.pool + ": " + why->message;
      return out;
    }
  const std::string seed = job.sel["seed"];
  const std::string requested = job.sel["requested_algorithm"];
  const auto start = fair::Clock::now();
  domain::LegacyGreedy greedy;
  try {
    for (const auto& sp : job.spec.pools) {
      const std::string pool_seed = seed + "/" + sp.pool;
      if (requested == "legacy") {
        out.results.push_back(greedy.select(sp, job.respondents, pool_seed));
        out.fairness.push_back({{"requested_algorithm", requested},
                                {"algorithm", "legacy"},
                                {"fallbacks", json::array()}});
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
      options.on_progress = [&](const fair::Progress& p) { report(p, sp.pool); };
      const auto d = fair::select(instance, options);
      if (d.algorithm == "legacy") {
        out.results.push_back(greedy.select(sp, job.respondents, pool_seed));
        out.fairness.push_back({{"requested_algorithm", requested},
                                {"algorithm", "legacy"},
                                {"fallbacks", d.fallbacks}});
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

// Writes a computed draw: its people, its record, PanelSelected; or its failure. Nothing if the
// job is no longer this worker's (taken again after a stall).
void finish(pqxx::work& tx, assembly::events::Outbox& outbox, const Job& job,
            const Outcome& outcome) {
  const std::string id = job.sel["id"];
  auto current = find_selection(tx, id, true);
  if (!current || (*current)["state"] != "running") return;
  const auto& sel = *current;
  if (!outcome.failure.empty()) {
    tx.exec_params(
        "UPDATE selections SET state = 'failed', failure = $2, finished_at = now() WHERE id = $1",
        id, outcome.failure);
    assembly::log::warn("panel selection failed", {{"selection_id", id}});
    return;
  }
  const auto& results = outcome.results;
  std::string result_lines;
  pb::PanelSelected event;
  event.set_draw_id(id);
  event.set_assembly_id(sel["assembly_id"]);
  auto probability = [](const domain::PanelResult& res, const domain::Respondent& p) {
    auto it = res.probabilities.find(p.person_id);
    return it == res.probabilities.end() ? -1.0 : it->second;
  };
  // One row per person drawn (kind 'panel', in draw order) or on the reserve list (in its order);
  // ranks run on across the seat pools, so that each is unique within the selection.
  auto insert_person = [&](const char* kind, int rank, const domain::PanelResult& res,
                           const domain::Respondent& p) {
    tx.exec_params(
        "INSERT INTO selection_people (selection_id, kind, rank, respondent_id, person_id, "
        "pool_kind, probability) "
        "SELECT $1, $6, $2, r.id, r.person_id, r.pool_kind, NULLIF($4::float8, -1) FROM "
        "respondents r "
        "WHERE r.person_id = $3 AND r.invitation_draw_id IN (SELECT "
        "jsonb_array_elements_text($5::jsonb)) LIMIT 1",
        id, rank, p.person_id, probability(res, p), sel["invitation_draw_ids"].dump(),
        std::string(kind));
  };
  int panel_rank = 0, reserve_rank = 0;
  for (const auto& res : results) {
    for (const auto& p : res.panel) {
      insert_person("panel", panel_rank++, res, p);
      result_lines += res.pool + "," + p.person_id + "\n";
      *event.add_members() = selected_person(p);
    }
    for (const auto& p : res.reserve) insert_person("reserve", reserve_rank++, res, p);
  }
  auto record = public_record(sel, job.spec, job.respondents, results, outcome.fairness);
  auto input = input_digest(job.respondents, job.csvs);
  auto result = domain::sha256_hex(result_lines);
  record["input_sha256"] = input;
  // Where the respondents came from: each invitation draw, its pool's size and snapshot hash.
  record["invitation_draws"] = json::array();
  for (const auto& r : tx.exec_params("SELECT d.id, p.kind, p.row_count, d.invited, "
                                      "d.snapshot_sha256, d.result_sha256, d.seed, "
                                      "(SELECT count(*) FROM respondents x WHERE "
                                      "x.invitation_draw_id = d.id AND x.state = 'interested') "
                                      "FROM invitation_draws d JOIN pools p ON p.id = d.pool_id "
                                      "WHERE d.id IN (SELECT jsonb_array_elements_text($1::jsonb)) "
                                      "ORDER BY d.committed_at, d.id",
                                      sel["invitation_draw_ids"].dump()))
    record["invitation_draws"].push_back({{"id", r[0].as<std::string>()},
                                          {"pool", r[1].as<std::string>()},
                                          {"pool_size", r[2].as<long long>()},
                                          {"invited", r[3].as<long long>()},
                                          {"respondents", r[7].as<long long>()},
                                          {"snapshot_sha256", r[4].as<std::string>()},
                                          {"result_sha256", r[5].as<std::string>()},
                                          {"seed", r[6].as<std::string>()}});
  record["result_sha256"] = result;
  tx.exec_params(
      "UPDATE selections SET state = 'done', algorithm = $2, input_sha256 = $3, result_sha256 = "
      "$4, record = $5::jsonb, "
      "progress = NULL, finished_at = now() WHERE id = $1",
      id, algorithms_of(results), input, result, record.dump());
  outbox.append(tx, event, id);
  assembly::log::info("panel selected", {{"selection_id", id},
                                         {"members", event.members_size()},
                                         {"algorithm", algorithms_of(results)}});
}

struct ReplacementOutcome {
  json body;
  int status = 201;
};

// One replacement for `leaver` in selection `id` (idempotent per source event).
ReplacementOutcome replace(pqxx::work& tx, assembly::events::Outbox& outbox, const std::string& id,
                           const std::string& leaver, const std::string& reason,
                           const std::string& actor, const std::string& source_event) {
  if (!source_event.empty()) {
    auto done = tx.exec_params("SELECT id FROM replacements WHERE source_event = $1", source_event);
    if (!done.empty()) return {{{"id", done[0][0].as<std::string>()}}, 200};
  }
  auto sel = find_selection(tx, id, true);
  if (!sel) throw http::not_found("no selection " + id);
  if ((*sel)["state"] != "done")
    throw http::conflict("the selection is " + std::string((*sel)["state"]));
  if (!(*sel)["replacement_deadline"].is_null()) {
    auto past = tx.exec_params("SELECT current_date > $1::date",
                               std::string((*sel)["replacement_deadline"]));
    if (past[0][0].as<bool>())
      throw http::conflict("the replacement deadline (" +
                           std::string((*sel)["replacement_deadline"]) + ") has passed");
  }
  auto who = tx.exec_params(
      "SELECT pool_kind, seated FROM selection_people WHERE selection_id = $1 AND kind = 'panel' "
      "AND person_id = $2",
      id, leaver);
  if (who.empty())
    throw http::unprocessable("person " + leaver + " is not on this panel", "/person_id");
  if (!who[0][1].as<bool>())
    throw http::conflict("person " + leaver + " has already left this panel");
  const auto pool_kind = who[0][0].as<std::string>();
  tx.exec_params(
      "UPDATE selection_people SET seated = false, left_reason = $3 WHERE selection_id = $1 AND "
      "kind = 'panel' AND person_id = $2",
      id, leaver, reason);

  std::string csvs;
  auto spec = load_spec(tx, (*sel)["quota_set_id"], csvs);
  const domain::SeatPool* seat_pool = nullptr;
  for (const auto& sp : spec.pools)
    if (sp.pool == pool_kind) seat_pool = &sp;
  if (!seat_pool) throw http::conflict("the quota set has no seat pool " + pool_kind);
  auto everyone = load_respondents(tx, (*sel)["invitation_draw_ids"]);
  std::set<std::string> ever_on_panel;
  for (const auto& r : tx.exec_params(
           "SELECT person_id FROM selection_people WHERE selection_id = $1 AND kind = 'panel'", id))
    ever_on_panel.insert(r[0].as<std::string>());
  std::set<std::string> seated;
  for (const auto& r : tx.exec_params("SELECT person_id FROM selection_people WHERE selection_id = "
                                      "$1 AND kind = 'panel' AND seated AND pool_kind = $2",
                                      id, pool_kind))
    seated.insert(r[0].as<std::string>());
  std::vector<domain::Respondent> panel, remaining;
  for (const auto& r : everyone) {
    if (seated.count(r.person_id))
      panel.push_back(r);
    else if (!ever_on_panel.count(r.person_id))
      remaining.push_back(r);
  }
  std::vector<std::string> reserve_order;
  for (const auto& r : tx.exec_params("SELECT person_id FROM selection_people WHERE selection_id = "
                                      "$1 AND kind = 'reserve' ORDER BY rank",
                                      id))
    reserve_order.push_back(r[0].as<std::string>());
  auto counter =
      tx.exec_params("SELECT coalesce(max(counter), 0) FROM replacements WHERE selection_id = $1",
                     id)[0][0]
          .as<long long>();
  domain::ReplacementResult chosen;
  try {
    chosen = domain::choose_replacement(*seat_pool, panel, remaining, reserve_order, (*sel)["seed"],
                                        static_cast<std::uint64_t>(counter));
  } catch (const domain::PanelError& e) {
    throw http::conflict(std::string("no replacement possible: ") + e.what());
  }
  auto next_rank = tx.exec_params(
                         "SELECT coalesce(max(rank), -1) + 1 FROM selection_people WHERE "
                         "selection_id = $1 AND kind = 'panel'",
                         id)[0][0]
                       .as<int>();
  tx.exec_params(
      "INSERT INTO selection_people (selection_id, kind, rank, respondent_id, person_id, "
      "pool_kind, replaces) "
      "SELECT $1, 'panel', $2, r.id, r.person_id, r.pool_kind, $4 FROM respondents r "
      "WHERE r.person_id = $3 AND r.invitation_draw_id IN (SELECT "
      "jsonb_array_elements_text($5::jsonb)) LIMIT 1",
      id, next_rank, chosen.replacement.person_id, leaver, (*sel)["invitation_draw_ids"].dump());
  auto rid = assembly::core::new_uuid();
  tx.exec_params(
      "INSERT INTO replacements (id, selection_id, leaver, replacement, reason, source_event, "
      "quotas_met, message, "
      "counter, created_by) VALUES ($1, $2, $3, $4, $5, NULLIF($6, ''), $7, NULLIF($8, ''), $9, "
      "$10)",
      rid, id, leaver, chosen.replacement.person_id, reason, source_event, chosen.quotas_met,
      chosen.message, static_cast<long long>(chosen.next_counter), actor);
  pb::ReplacementDrawn e;
  e.set_draw_id(id);
  e.set_assembly_id((*sel)["assembly_id"]);
  e.set_replaced_person_id(leaver);
  *e.mutable_replacement() = selected_person(chosen.replacement);
  e.set_quotas_met(chosen.quotas_met);
  e.set_message(chosen.message);
  e.set_reason(reason);
  e.set_replacement_id(rid);
  outbox.append(tx, e, id);
  assembly::log::info(
      "replacement drawn",
      {{"selection_id", id}, {"replacement_id", rid}, {"quotas_met", chosen.quotas_met}});
  return {{{"id", rid},
           {"selection_id", id},
           {"leaver", leaver},
           {"replacement", chosen.replacement.person_id},
           {"reason", reason},
           {"quotas_met", chosen.quotas_met},
           {"message", chosen.message}},
          201};
}

std::string str(const json& j) {
  return j.is_null() ? "—" : j.is_string() ? j.get<std::string>() : j.dump();
}

std::string percent(const json& v, int decimals = 2) {
  if (!v.is_number()) return "—";
  char b[32];
  std::snprintf(b, sizeof b, "%.*f %%", decimals, 100 * v.get<double>());
  return b;
}

// The fairness of one seat pool's draw: the algorithm, its fallbacks, the spread of the
// selection probabilities and their mean per quota value.
std::string fairness_html(const json& pool) {
  if (!pool.contains("fairness") || !pool["fairness"].is_object()) return "";
  const auto& f = pool["fairness"];
  std::string h = "<h3>Équité du tirage</h3>\n<dl>";
  auto item = [&](const std::string& k, const std::string& v) {
    h += "<dt>" + k + "</dt><dd>" + v + "</dd>";
  };
  item("Algorithme demandé", html_escape(str(f["requested_algorithm"])));
  item("Algorithme appliqué", html_escape(str(f["algorithm"])));
  for (const auto& why : f["fallbacks"]) item("Repli", html_escape(str(why)));
  if (f.contains("min_probability")) {
    item("Probabilité de sélection minimale", percent(f["min_probability"]));
    item("Probabilité de sélection maximale", percent(f["max_probability"]));
    item("Borne prouvée (certificat dual)", percent(f["certificate_bound"], 4));
    item("Panels possibles dans la distribution", str(f["panels"]));
    item("Panel tiré",
         str(f["drawn_panel"]) + " (probabilité " + percent(f["drawn_panel_probability"], 4) + ")");
    h += "</dl>\n<table><caption>Probabilité de sélection par centile des "
         "volontaires</caption><thead><tr>";
    for (const auto& [q, v] : f["percentiles"].items())
      h += "<th scope=\"col\">" + html_escape(q) + " %</th>";
    h += "</tr></thead><tbody><tr>";
    for (const auto& [q, v] : f["percentiles"].items()) h += "<td>" + percent(v) + "</td>";
    h += "</tr></tbody></table>\n<table><caption>Probabilité moyenne de sélection par "
         "valeur</caption><thead><tr>"
         "<th scope=\"col\">Critère</th><th scope=\"col\">Valeur</th><th "
         "scope=\"col\">Volontaires</th>"
         "<th scope=\"col\">Probabilité moyenne</th></tr></thead><tbody>";
    for (const auto& v : f["by_value"])
      h += "<tr><td>" + html_escape(str(v["category"])) + "</td><td>" +
           html_escape(str(v["value"])) + "</td><td>" + str(v["respondents"]) + "</td><td>" +
           percent(v["mean_probability"]) + "</td></tr>";
    h += "</tbody></table>\n";
  } else {
    h += "</dl>\n<p>Tirage glouton historique : les probabilités de sélection ne sont pas "
         "calculées.</p>\n";
  }
  return h;
}

// The bailiff's record, printable: the same facts as the JSON record.
std::string record_html(const json& sel) {
  const auto& rec = sel["record"];
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Procès-verbal du "
      "tirage au sort " +
      html_escape(sel["id"]) +
      "</title><style>body{font-family:serif;max-width:60em;margin:2em "
      "auto;color:#111}table{border-collapse:collapse;"
      "margin:1em 0}th,td{border:1px solid #444;padding:.2em "
      ".5em;text-align:right}th:first-child,td:first-child{"
      "text-align:left}@media print{body{margin:0}}</style></head><body>\n<h1>Procès-verbal du "
      "tirage au sort</h1>\n<dl>";
  auto item = [&](const std::string& k, const json& v) {
    h += "<dt>" + k + "</dt><dd><code>" + html_escape(str(v)) + "</code></dd>";
  };
  item("Tirage", sel["id"]);
  item("Assemblée", sel["assembly_id"]);
  item("Algorithme", rec["algorithm"]);
  item("Engagement sur la graine (SHA-256)", sel["seed_commitment"]);
  item("Graine", sel["seed"]);
  item("Empreinte des données d'entrée (SHA-256)", sel["input_sha256"]);
  item("Empreinte du résultat (SHA-256)", sel["result_sha256"]);
  item("Date", sel["finished_at"]);
  h += "</dl>\n<h2>Tirages des invitations</h2>\n<ul>";
  if (rec.contains("invitation_draws"))
    for (const auto& d : rec["invitation_draws"])
      h += "<li>Vivier « " + html_escape(d["pool"]) + " » de " + str(d["pool_size"]) +
           " personnes (empreinte " + html_escape(d["snapshot_sha256"]) +
           ") : " + str(d["invited"]) + " invitations (graine <code>" + html_escape(d["seed"]) +
           "</code>, empreinte " + html_escape(d["result_sha256"]) + "), " + str(d["respondents"]) +
           " volontaires</li>";
  h += "</ul>\n";
  for (const auto& p : rec["seat_pools"]) {
    h += "<h2>Vivier « " + html_escape(p["pool"]) + " » : " + str(p["seats"]) + " sièges, " +
         str(p["respondents"]) + " volontaires, " + str(p["households"]) + " foyers</h2>\n";
    for (const auto& c : p["categories"]) {
      h += "<table><caption>" + html_escape(c["category"]) +
           "</caption><thead><tr><th scope=\"col\">Valeur</th><th scope=\"col\">Min</th><th "
           "scope=\"col\">Max</th>"
           "<th scope=\"col\">Panel</th><th scope=\"col\">Part du panel</th><th "
           "scope=\"col\">Volontaires</th>"
           "<th scope=\"col\">Part des volontaires</th></tr></thead><tbody>";
      for (const auto& v : c["values"]) {
        char shares[64];
        std::snprintf(shares, sizeof shares, "%.1f %%</td><td>%s</td><td>%.1f %%",
                      100 * v["panel_share"].get<double>(), str(v["respondents"]).c_str(),
                      100 * v["respondent_share"].get<double>());
        h += "<tr><td>" + html_escape(v["value"]) + "</td><td>" + str(v["min"]) + "</td><td>" +
             str(v["max"]) + "</td><td>" + str(v["panel"]) + "</td><td>" + shares + "</td></tr>";
      }
      h += "</tbody></table>\n";
    }
    h += fairness_html(p);
  }
  h += "<p>Aucun nom ne figure dans ce procès-verbal. Signature de l'huissier : "
       "____________________</p></body></html>\n";
  return h;
}

}  // namespace

void add_selection_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  const Access staff = Access::roles_of({assembly::auth::kSecretariat});

  ctx.router.add(Method::Post, "/v1/selections", staff, [&db](http::Request& req) {
    auto b = req.json();
    auto assembly_id = body::string(b, "assembly_id", "", 64);
    auto quota_set_id = body::string(b, "quota_set_id", "", 64);
    auto commitment = body::string(b, "seed_commitment", "", 64);
    if (!domain::is_sha256_hex(commitment))
      throw http::unprocessable(
          "seed_commitment must be the SHA-256 of the seed, 64 lower-case hex digits",
          "/seed_commitment");
    const auto& draws = body::array(b, "invitation_draw_ids");
    if (draws.empty())
      throw http::unprocessable("at least one invitation draw", "/invitation_draw_ids");
    std::string deadline;
    if (b.contains("replacement_deadline") && !b["replacement_deadline"].is_null()) {
      deadline = body::string(b, "replacement_deadline", "", 10);
      if (deadline.size() != 10 || deadline[4] != '-' || deadline[7] != '-')
        throw http::unprocessable("replacement_deadline must be a date, YYYY-MM-DD",
                                  "/replacement_deadline");
    }
    std::string algorithm = "leximin";
    if (b.contains("algorithm") && !b["algorithm"].is_null()) {
      algorithm = body::string(b, "algorithm", "", 16);
      if (!fair::parse_algorithm(algorithm))
        throw http::unprocessable("algorithm must be leximin, maximin or legacy", "/algorithm");
    }
    auto id = assembly::core::new_uuid();
    auto out = db.transact([&](pqxx::work& tx) {
      if (tx.exec_params("SELECT 1 FROM quota_sets WHERE id = $1", quota_set_id).empty())
        throw http::unprocessable("no quota set " + quota_set_id, "/quota_set_id");
      for (std::size_t i = 0; i < draws.size(); ++i) {
        if (!draws[i].is_string())
          throw http::unprocessable("invitation draw ids are strings",
                                    "/invitation_draw_ids/" + std::to_string(i));
        auto d = tx.exec_params("SELECT state FROM invitation_draws WHERE id = $1",
                                draws[i].get<std::string>());
        if (d.empty() || d[0][0].as<std::string>() != "drawn")
          throw http::unprocessable(
              "no invitation draw made with id " + draws[i].get<std::string>(),
              "/invitation_draw_ids/" + std::to_string(i));
      }
      try {
        tx.exec_params(
            "INSERT INTO selections (id, assembly_id, quota_set_id, invitation_draw_ids, "
            "seed_commitment, state, "
            "replacement_deadline, created_by, requested_algorithm) "
            "VALUES ($1, $2, $3, $4::jsonb, $5, 'committed', NULLIF($6, '')::date, $7, $8)",
            id, assembly_id, quota_set_id, draws.dump(), commitment, deadline, req.caller().subject,
            algorithm);
      } catch (const pqxx::data_exception&) {
        throw http::unprocessable("replacement_deadline is not a date", "/replacement_deadline");
      }
      return *find_selection(tx, id);
    });
    auto res = http::Response::json(201, out);
    res.headers.emplace_back("Location", "/v1/selections/" + id);
    return res;
  });

  // Reveal the seed: the draw is queued and runs off the request path (GET shows its state).
  ctx.router.add(Method::Post, "/v1/selections/:id/draw", staff, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto seed = body::string(req.json(), "seed", "", 256);
    auto out = db.transact([&](pqxx::work& tx) {
      auto sel = find_selection(tx, id, true);
      if (!sel) throw http::not_found("no selection " + id);
      if ((*sel)["state"] != "committed")
        throw http::conflict("the selection is already " + std::string((*sel)["state"]));
      if (domain::sha256_hex(seed) != (*sel)["seed_commitment"])
        throw http::unprocessable("the seed does not match the published commitment (SHA-256)",
                                  "/seed");
      tx.exec_params(
          "UPDATE selections SET state = 'queued', seed = $2, drawn_by = $3, queued_at = now() "
          "WHERE id = $1",
          id, seed, req.caller().subject);
      return *find_selection(tx, id);
    });
    return http::Response::json(202, out);
  });

  ctx.router.add(Method::Get, "/v1/selections/:id", staff, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto out = db.transact([&](pqxx::work& tx) {
      auto sel = find_selection(tx, id);
      if (!sel) throw http::not_found("no selection " + id);
      json panel = json::array(), reserve = json::array();
      for (const auto& r : tx.exec_params("SELECT kind, person_id, pool_kind, seated, left_reason, "
                                          "replaces, probability FROM selection_people "
                                          "WHERE selection_id = $1 ORDER BY kind, rank",
                                          id)) {
        json p = {{"person_id", r[1].as<std::string>()}, {"pool", r[2].as<std::string>()}};
        if (!r[6].is_null()) p["probability"] = r[6].as<double>();
        if (r[0].as<std::string>() == "panel") {
          p["seated"] = r[3].as<bool>();
          if (!r[4].is_null()) p["left_reason"] = r[4].as<std::string>();
          if (!r[5].is_null()) p["replaces"] = r[5].as<std::string>();
          panel.push_back(p);
        } else {
          reserve.push_back(p);
        }
      }
      (*sel)["panel"] = panel;
      (*sel)["reserve"] = reserve;
      return *sel;
    });
    return http::Response::json(200, out);
  });

  // Public: the draw record, as JSON and as the printable bailiff's record. No names.
  auto done_selection = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto sel = db.transact([&](pqxx::work& tx) { return find_selection(tx, id); });
    if (!sel) throw http::not_found("no selection " + id);
    if ((*sel)["state"] != "done")
      throw http::conflict("the selection is " + std::string((*sel)["state"]));
    return *sel;
  };
  ctx.router.add(Method::Get, "/v1/selections/:id/record", Access::anyone(),
                 [done_selection](http::Request& req) {
                   auto sel = done_selection(req);
                   auto rec = sel["record"];
                   rec["finished_at"] = sel["finished_at"];
                   return http::Response::json(200, rec);
                 });
  ctx.router.add(Method::Get, "/v1/selections/:id/record.html", Access::anyone(),
                 [done_selection](http::Request& req) {
                   return http::Response::text(200, record_html(done_selection(req)),
                                               "text/html; charset=utf-8");
                 });

  ctx.router.add(Method::Post, "/v1/selections/:id/replacements", staff,
                 [&db, &outbox](http::Request& req) {
                   auto id = body::uuid_param(req, "id");
                   auto b = req.json();
                   auto leaver = body::string(b, "person_id", "", 64);
                   auto reason = body::string(b, "reason", "", 200);
                   auto out = db.transact([&](pqxx::work& tx) {
                     return replace(tx, outbox, id, leaver, reason, req.caller().subject, "");
                   });
                   return http::Response::json(out.status, out.body);
                 });

  // Replacements close the loop by themselves: membership says who declined or withdrew.
  auto on_leave = [&outbox](pqxx::work& tx, const std::string& selection, const std::string& person,
                            const std::string& reason, const assembly::events::Envelope& env) {
    if (selection.empty()) return;  // a member not from a selection (e.g. the uniform inline draw)
    if (tx.exec_params("SELECT 1 FROM selections WHERE id = $1", selection).empty()) return;
    try {
      tx.exec("SAVEPOINT replacement");
      replace(tx, outbox, selection, person, reason, "membership", env.event_id());
      tx.exec("RELEASE SAVEPOINT replacement");
    } catch (const http::Problem& p) {
      // Past the deadline, nobody left, already replaced: recorded in the log, the event is done.
      tx.exec("ROLLBACK TO SAVEPOINT replacement");
      assembly::log::warn("no replacement drawn",
                          {{"selection_id", selection}, {"why", p.detail()}});
    }
  };
  ctx.dispatcher.on<assembly::membership::v1::MemberDeclined>(
      [on_leave](pqxx::work& tx, const assembly::membership::v1::MemberDeclined& e,
                 const assembly::events::Envelope& env) {
        on_leave(tx, e.panel_draw_id(), e.person_id(), "declined: " + e.reason(), env);
      });
  ctx.dispatcher.on<assembly::membership::v1::MemberWithdrew>(
      [on_leave](pqxx::work& tx, const assembly::membership::v1::MemberWithdrew& e,
                 const assembly::events::Envelope& env) {
        on_leave(tx, e.panel_draw_id(), e.person_id(), "withdrew: " + e.reason(), env);
      });

  // The draw worker: claims a queued selection, computes it with no transaction open, reporting
  // its progress (job status and log) and its heartbeat every second, then writes it.
  const double time_limit =
      static_cast<double>(ctx.env.integer("SELECTION_TIME_LIMIT_SECONDS", 300, 1, 86400,
                                          "time a panel draw may compute LEXIMIN, then MAXIMIN, "
                                          "before falling back to the legacy greedy draw"));
  auto stopping = ctx.stopping;
  ctx.every(std::chrono::milliseconds(300), "run queued selections",
            [&db, &outbox, time_limit, stopping] {
              while (!*stopping) {
                auto job = db.transact([&](pqxx::work& tx) { return claim(tx); });
                if (!job) return;
                const std::string id = job->sel["id"];
                assembly::log::info(
                    "panel selection started",
                    {{"selection_id", id}, {"algorithm", job->sel["requested_algorithm"]}});
                auto last_write = fair::Clock::now(), last_log = last_write;
                auto report = [&](const fair::Progress& p, const std::string& pool) {
                  if (*stopping) throw Interrupted{};
                  const auto now = fair::Clock::now();
                  if (now - last_write < std::chrono::seconds(1)) return;
                  last_write = now;
                  json progress = {{"pool", pool},
                                   {"algorithm", p.algorithm},
                                   {"iteration", p.iteration},
                                   {"panels", p.panels},
                                   {"min_probability", p.min_probability},
                                   {"settled_types", p.fixed_types},
                                   {"types", p.types},
                                   {"seconds", p.seconds}};
                  db.transact([&](pqxx::work& tx) {
                    tx.exec_params(
                        "UPDATE selections SET progress = $2::jsonb, heartbeat_at = now() WHERE id "
                        "= $1 AND "
                        "state = 'running'",
                        id, progress.dump());
                  });
                  if (now - last_log >= std::chrono::seconds(5)) {
                    last_log = now;
                    assembly::log::info("panel selection progress",
                                        {{"selection_id", id}, {"progress", progress}});
                  }
                };
                Outcome outcome;
                try {
                  outcome = compute(*job, time_limit, report);
                } catch (const Interrupted&) {
                  db.transact([&](pqxx::work& tx) {
                    tx.exec_params(
                        "UPDATE selections SET state = 'queued', progress = NULL WHERE id = $1 AND "
                        "state = 'running'",
                        id);
                  });
                  assembly::log::info("panel selection given back: the service is stopping",
                                      {{"selection_id", id}});
                  return;
                } catch (const std::exception& e) {
                  outcome.failure = std::string("the solver failed: ") + e.what();
                }
                try {
                  db.transact([&](pqxx::work& tx) { finish(tx, outbox, *job, outcome); });
                } catch (const std::exception& e) {
                  // A result the database refuses (a constraint) or that cannot be put in JSON
                  // would be refused the same way each time the job is taken again, recomputing it
                  // for ever and holding up the queue: the selection fails, with the reason.
                  // Anything else (the database away) is left to run again.
                  if (!dynamic_cast<const pqxx::integrity_constraint_violation*>(&e) &&
                      !dynamic_cast<const json::exception*>(&e))
                    throw;
                  assembly::log::error("panel selection could not be stored",
                                       {{"selection_id", id}, {"error", e.what()}});
                  const std::string why = e.what();
                  Outcome failed;
                  failed.failure =
                      "the result could not be stored: " + why.substr(0, why.find('\n'));
                  db.transact([&](pqxx::work& tx) { finish(tx, outbox, *job, failed); });
                }
              }
            });
}

}  // namespace sortition::api
