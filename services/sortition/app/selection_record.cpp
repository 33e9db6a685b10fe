#include "app/selection_record.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "domain/panel_draw.h"
#include "domain/quotas.h"

namespace sortition::app {
namespace {

using nlohmann::json;

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(std::lround(q * (v.size() - 1)))];
}

json optional_json(const std::optional<std::string>& v) {
  return v ? json(*v) : json();
}

}  // namespace

std::string algorithms_of(const std::vector<domain::PanelResult>& results) {
  std::string out;
  std::set<std::string> seen;
  for (const auto& r : results)
    if (seen.insert(r.algorithm + "/" + r.version).second)
      out += (out.empty() ? "" : " + ") + r.algorithm + "/" + r.version;
  return out;
}

std::string input_digest(const std::vector<domain::Respondent>& respondents,
                         const std::string& quota_csvs) {
  std::string all = quota_csvs;
  for (const auto& r : respondents) {
    all += r.person_id + "," + r.pool + "," + r.household + ",";
    for (const auto& [k, v] : r.attributes) all += k + "=" + v + ";";
    all += "\n";
  }
  return domain::sha256_hex(all);
}

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

json legacy_fairness(const std::string& requested, const json& fallbacks) {
  return {{"requested_algorithm", requested}, {"algorithm", "legacy"}, {"fallbacks", fallbacks}};
}

json public_record(const store::Selection& selection, const domain::PanelSpec& spec,
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
  return {{"selection_id", selection.id},
          {"assembly_id", selection.assembly_id},
          {"requested_algorithm", selection.requested_algorithm},
          {"algorithm", algorithms_of(results)},
          {"seed_commitment", selection.seed_commitment},
          {"seed", optional_json(selection.seed)},
          {"seat_pools", pools}};
}

json invitation_draws_json(const std::vector<store::InvitationDrawSummary>& draws) {
  json out = json::array();
  for (const auto& d : draws)
    out.push_back({{"id", d.id},
                   {"pool", d.pool},
                   {"pool_size", d.pool_size},
                   {"invited", d.invited},
                   {"respondents", d.respondents},
                   {"snapshot_sha256", d.snapshot_sha256},
                   {"result_sha256", d.result_sha256},
                   {"seed", d.seed}});
  return out;
}

}  // namespace sortition::app
