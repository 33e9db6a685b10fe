#include "domain/panel_select.h"

#include <algorithm>
#include <optional>
#include <set>

#include "domain/random.h"

namespace sortition::domain {
namespace {

// The respondents of one pool, sorted by person_id (the canonical order the draw indexes into),
// with each one's value index per category and household index precomputed.
struct Pool {
  std::vector<const Respondent*> people;
  std::vector<std::vector<int>> value;  // [person][category] -> index into the category's values
  std::vector<int> household;           // [person] -> household index
};

Pool index_pool(const SeatPool& seat_pool, const std::vector<Respondent>& respondents) {
  Pool p;
  for (const auto& r : respondents)
    if (r.pool == seat_pool.pool) p.people.push_back(&r);
  std::sort(p.people.begin(), p.people.end(),
            [](const Respondent* a, const Respondent* b) { return a->person_id < b->person_id; });
  for (std::size_t i = 1; i < p.people.size(); ++i)
    if (p.people[i]->person_id == p.people[i - 1]->person_id)
      throw PanelError("respondent " + p.people[i]->person_id,
                       "duplicate person_id " + p.people[i]->person_id);
  std::map<std::string, int> homes;
  for (const auto* r : p.people) {
    std::vector<int> values;
    for (const auto& cat : seat_pool.quotas.categories) values.push_back(value_index(cat, *r));
    p.value.push_back(std::move(values));
    p.household.push_back(
        homes.emplace(household_key(*r), static_cast<int>(homes.size())).first->second);
  }
  return p;
}

using Counts = std::vector<std::vector<int>>;  // [category][value]

Counts zero_counts(const QuotaSet& q) {
  Counts c;
  for (const auto& cat : q.categories) c.emplace_back(cat.values.size(), 0);
  return c;
}

// One attempt of the greedy draw: the panel (indexes into pool.people) or, when stuck, nothing
// and `stuck` says why.
std::optional<std::vector<int>> greedy_attempt(const SeatPool& seat_pool, const Pool& pool,
                                               SeededRandom& random, Infeasibility& stuck) {
  const auto& cats = seat_pool.quotas.categories;
  const int n = static_cast<int>(pool.people.size());
  std::vector<char> out(static_cast<std::size_t>(n), 0);  // selected or excluded
  // A value whose max is 0 excludes its respondents from the start.
  for (int p = 0; p < n; ++p)
    for (std::size_t c = 0; c < cats.size(); ++c)
      if (cats[c].values[pool.value[p][c]].max == 0) out[static_cast<std::size_t>(p)] = 1;
  Counts selected = zero_counts(seat_pool.quotas);
  std::vector<int> panel;
  while (static_cast<int>(panel.size()) < seat_pool.seats) {
    const int open = seat_pool.seats - static_cast<int>(panel.size());
    std::vector<int> candidates;
    Counts available = zero_counts(seat_pool.quotas);
    for (int p = 0; p < n; ++p) {
      if (out[static_cast<std::size_t>(p)]) continue;
      candidates.push_back(p);
      for (std::size_t c = 0; c < cats.size(); ++c) ++available[c][pool.value[p][c]];
    }
    // The most urgent unmet minimum: highest needed/available, first in file order on a tie.
    // The dead-end checks on the way are part of the draw's definition, not just a shortcut:
    // where an attempt stops decides the counter the next attempt starts from.
    int best_c = -1, best_v = -1, best_needed = 0, best_available = 1;
    for (std::size_t c = 0; c < cats.size(); ++c) {
      int needed_sum = 0;
      for (std::size_t v = 0; v < cats[c].values.size(); ++v) {
        const auto& q = cats[c].values[v];
        int needed = std::max(0, q.min - selected[c][v]);
        if (needed == 0) continue;
        int avail = available[c][v];
        if (needed > avail) {
          stuck = {cats[c].name + " " + q.value,
                   cats[c].name + " " + q.value + ": min " + std::to_string(q.min) + ", " +
                       std::to_string(needed) + " more needed but " + std::to_string(avail) +
                       " eligible respondents left"};
          return std::nullopt;
        }
        needed_sum += needed;
        if (static_cast<long>(needed) * best_available > static_cast<long>(best_needed) * avail) {
          best_c = static_cast<int>(c);
          best_v = static_cast<int>(v);
          best_needed = needed;
          best_available = avail;
        }
      }
      if (needed_sum > open) {
        stuck = {cats[c].name, cats[c].name + ": the minimums need " + std::to_string(needed_sum) +
                                   " more members but " + std::to_string(open) + " seats are open"};
        return std::nullopt;
      }
    }
    if (best_c >= 0) {
      std::erase_if(candidates, [&](int p) { return pool.value[p][best_c] != best_v; });
    }
    if (candidates.empty()) {
      stuck = {seat_pool.pool, seat_pool.pool + ": no eligible respondent left for the " +
                                   std::to_string(open) + " open seats"};
      return std::nullopt;
    }
    const int chosen = candidates[random.uniform(candidates.size())];
    panel.push_back(chosen);
    // Exclude the chosen one's household, then everyone whose value has reached its max.
    for (int p = 0; p < n; ++p)
      if (pool.household[p] == pool.household[chosen]) out[static_cast<std::size_t>(p)] = 1;
    for (std::size_t c = 0; c < cats.size(); ++c) {
      const int v = pool.value[chosen][c];
      if (++selected[c][v] < cats[c].values[v].max) continue;
      for (int p = 0; p < n; ++p)
        if (pool.value[p][c] == v) out[static_cast<std::size_t>(p)] = 1;
    }
  }
  return panel;
}

std::string plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// Total quota violation of a (possibly partial) panel with `open` seats still to fill: members
// above each max, plus per category the members the minimums still need beyond the open seats.
// For a full panel (open = 0) that is the sum of excesses and shortfalls over all values.
int violation(const QuotaSet& q, const Counts& counts, int open, std::vector<std::string>* unmet) {
  int total = 0;
  for (std::size_t c = 0; c < q.categories.size(); ++c) {
    const auto& cat = q.categories[c];
    int shortfall = 0;
    // In value order: (is a shortfall, what is wrong).
    std::vector<std::pair<bool, std::string>> wrong;
    for (std::size_t v = 0; v < cat.values.size(); ++v) {
      const auto& b = cat.values[v];
      const int n = counts[c][v];
      const std::string what = cat.name + " " + b.value + ": " + plural(n, "member");
      if (n > b.max) {
        total += n - b.max;
        wrong.emplace_back(false, what + ", max " + std::to_string(b.max));
      }
      if (n < b.min) {
        shortfall += b.min - n;
        wrong.emplace_back(true, what + ", min " + std::to_string(b.min));
      }
    }
    if (shortfall > open) total += shortfall - open;
    if (!unmet) continue;
    // A shortfall the open seats can still make up is not a violation yet.
    for (const auto& [is_shortfall, what] : wrong)
      if (!is_shortfall || (open == 0 && shortfall > 0)) unmet->push_back(what);
    if (open > 0 && shortfall > open)
      unmet->push_back(cat.name + ": the minimums need " + plural(shortfall, "more member") +
                       " but " + plural(open, "seat") + " will be open");
  }
  return total;
}

}  // namespace

PanelResult LegacyGreedy::select(const SeatPool& seat_pool,
                                 const std::vector<Respondent>& respondents,
                                 const std::string& seed) const {
  if (auto why = check_feasible(seat_pool, respondents))
    throw PanelError(why->constraint, why->message);
  const Pool pool = index_pool(seat_pool, respondents);
  // One random stream for the whole draw: a failed attempt's numbers are not reused, the next
  // attempt continues from the next counter.
  SeededRandom random(seed);
  std::map<std::string, int> stuck_count;
  std::map<std::string, Infeasibility> stuck_last;
  std::vector<std::string> stuck_order;
  for (int attempt = 1; attempt <= max_attempts_; ++attempt) {
    Infeasibility stuck;
    auto drawn = greedy_attempt(seat_pool, pool, random, stuck);
    if (!drawn) {
      if (stuck_count[stuck.constraint]++ == 0) stuck_order.push_back(stuck.constraint);
      stuck_last[stuck.constraint] = stuck;
      continue;
    }
    PanelResult result;
    result.pool = seat_pool.pool;
    result.algorithm = name();
    result.version = version();
    result.attempts = attempt;
    const auto& panel = *drawn;
    std::set<int> homes;
    for (int p : panel) {
      result.panel.push_back(*pool.people[p]);
      homes.insert(pool.household[p]);
    }
    std::set<int> chosen(panel.begin(), panel.end());
    std::vector<int> reserve;  // still in person_id order here
    for (int p = 0; p < static_cast<int>(pool.people.size()); ++p)
      if (!chosen.contains(p) && !homes.contains(pool.household[p])) reserve.push_back(p);
    random.shuffle(reserve);
    for (int p : reserve) result.reserve.push_back(*pool.people[p]);
    return result;
  }
  // Name the constraint the attempts got stuck on most often (first seen on a tie).
  std::string worst = stuck_order.front();
  for (const auto& c : stuck_order)
    if (stuck_count[c] > stuck_count[worst]) worst = c;
  throw PanelError(worst, seat_pool.pool + ": no panel met every quota in " +
                              plural(max_attempts_, "attempt") + "; most often stuck on " +
                              stuck_last[worst].message + " (" +
                              plural(stuck_count[worst], "attempt") + ")");
}

std::vector<PanelResult> select_panels(const PanelSpec& spec,
                                       const std::vector<Respondent>& respondents,
                                       const std::string& seed, const PanelAlgorithm& algorithm) {
  std::set<std::string> names;
  for (const auto& p : spec.pools)
    if (!names.insert(p.pool).second) throw PanelError(p.pool, "seat pool " + p.pool + " twice");
  std::vector<PanelResult> results;
  for (const auto& p : spec.pools)
    results.push_back(algorithm.select(p, respondents, seed + "/" + p.pool));
  return results;
}

std::vector<std::string> panel_violations(const SeatPool& pool,
                                          const std::vector<Respondent>& panel) {
  std::vector<std::string> out;
  if (panel.size() != static_cast<std::size_t>(pool.seats))
    out.push_back(pool.pool + ": " + plural(static_cast<int>(panel.size()), "member") + " for " +
                  plural(pool.seats, "seat"));
  Counts counts = zero_counts(pool.quotas);
  std::map<std::string, std::string> homes;  // household -> first member
  for (const auto& r : panel) {
    if (r.pool != pool.pool) out.push_back(r.person_id + " is in pool " + r.pool);
    auto [it, fresh] = homes.emplace(household_key(r), r.person_id);
    if (!fresh) out.push_back(r.person_id + " shares a household with " + it->second);
    for (std::size_t c = 0; c < pool.quotas.categories.size(); ++c) {
      try {
        ++counts[c][value_index(pool.quotas.categories[c], r)];
      } catch (const PanelError& e) {
        out.push_back(e.what());
      }
    }
  }
  violation(pool.quotas, counts, 0, &out);
  return out;
}

ReplacementResult choose_replacement(const SeatPool& pool, const std::vector<Respondent>& panel,
                                     const std::vector<Respondent>& remaining,
                                     const std::vector<std::string>& reserve_order,
                                     const std::string& seed, std::uint64_t counter) {
  const auto& cats = pool.quotas.categories;
  if (panel.size() >= static_cast<std::size_t>(pool.seats))
    throw PanelError(pool.pool, pool.pool + ": the panel already has " +
                                    plural(static_cast<int>(panel.size()), "member") + " for " +
                                    plural(pool.seats, "seat"));
  Counts counts = zero_counts(pool.quotas);
  std::set<std::string> members, homes;
  for (const auto& r : panel) {
    members.insert(r.person_id);
    homes.insert(household_key(r));
    for (std::size_t c = 0; c < cats.size(); ++c) ++counts[c][value_index(cats[c], r)];
  }
  // Candidates: on the reserve list first, in its order; then the others, sorted by person_id
  // and shuffled from (seed, counter).
  std::map<std::string, std::size_t> rank;
  for (std::size_t i = 0; i < reserve_order.size(); ++i) rank.emplace(reserve_order[i], i);
  std::vector<const Respondent*> listed, others;
  std::set<std::string> seen;
  for (const auto& r : remaining) {
    if (r.pool != pool.pool || members.contains(r.person_id) || homes.contains(household_key(r)) ||
        !seen.insert(r.person_id).second)
      continue;
    (rank.contains(r.person_id) ? listed : others).push_back(&r);
  }
  if (listed.empty() && others.empty())
    throw PanelError(pool.pool, pool.pool + ": no respondent left to replace from (none of " +
                                    plural(static_cast<int>(remaining.size()), "respondent") +
                                    " given is eligible)");
  std::sort(listed.begin(), listed.end(), [&](const Respondent* a, const Respondent* b) {
    return rank.at(a->person_id) < rank.at(b->person_id);
  });
  std::sort(others.begin(), others.end(),
            [](const Respondent* a, const Respondent* b) { return a->person_id < b->person_id; });
  SeededRandom random(seed, counter);
  random.shuffle(others);
  listed.insert(listed.end(), others.begin(), others.end());

  const int open_after = pool.seats - static_cast<int>(panel.size()) - 1;
  const Respondent* best = nullptr;
  int best_violation = 0;
  for (const Respondent* r : listed) {
    Counts with = counts;
    for (std::size_t c = 0; c < cats.size(); ++c) ++with[c][value_index(cats[c], *r)];
    const int v = violation(pool.quotas, with, open_after, nullptr);
    if (best == nullptr || v < best_violation) {
      best = r;
      best_violation = v;
    }
    if (v == 0) break;  // the first who restores every quota, in reserve order
  }
  ReplacementResult result;
  result.replacement = *best;
  result.violation = best_violation;
  result.quotas_met = best_violation == 0;
  result.next_counter = random.counter();
  if (!result.quotas_met) {
    for (std::size_t c = 0; c < cats.size(); ++c) ++counts[c][value_index(cats[c], *best)];
    violation(pool.quotas, counts, open_after, &result.unmet);
    result.message = "no remaining respondent restores every quota; " + best->person_id +
                     " leaves the least violation (" + std::to_string(best_violation) + "): ";
    for (std::size_t i = 0; i < result.unmet.size(); ++i)
      result.message += (i ? "; " : "") + result.unmet[i];
  }
  return result;
}

int value_index(const QuotaCategory& cat, const Respondent& r) {
  auto it = r.attributes.find(cat.name);
  if (it == r.attributes.end())
    throw PanelError("respondent " + r.person_id,
                     "respondent " + r.person_id + " has no value for " + cat.name);
  for (std::size_t i = 0; i < cat.values.size(); ++i)
    if (cat.values[i].value == it->second) return static_cast<int>(i);
  throw PanelError("respondent " + r.person_id, "respondent " + r.person_id + ": " + cat.name +
                                                    " '" + it->second +
                                                    "' is not in the quota set");
}

}  // namespace sortition::domain
