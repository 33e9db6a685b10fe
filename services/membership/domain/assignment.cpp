#include "domain/assignment.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <set>
#include <stdexcept>
#include <utility>

namespace membership::domain {
namespace {

using Cost = std::int64_t;

// Min-cost flow by successive shortest paths (Dijkstra on reduced costs). All edge costs are
// non-negative, so the potentials may start at zero. Graphs here are small (≤ a few hundred
// nodes, a few thousand edges), one augmentation per newcomer.
class MinCostFlow {
 public:
  explicit MinCostFlow(int nodes) : adj_(nodes) {}

  // Returns the edge's index, to read its flow back.
  int add_edge(int from, int to, int capacity, Cost cost) {
    adj_[from].push_back(static_cast<int>(edges_.size()));
    edges_.push_back({to, capacity, cost});
    adj_[to].push_back(static_cast<int>(edges_.size()));
    edges_.push_back({from, 0, -cost});
    return static_cast<int>(edges_.size()) - 2;
  }

  int flow_on(int edge) const { return edges_[edge ^ 1].capacity; }

  // Pushes up to `amount` units from s to t; returns the units pushed.
  int run(int s, int t, int amount) {
    const int n = static_cast<int>(adj_.size());
    const Cost inf = std::numeric_limits<Cost>::max() / 4;
    std::vector<Cost> potential(n, 0), dist(n);
    std::vector<int> via(n);
    int pushed = 0;
    while (pushed < amount) {
      std::fill(dist.begin(), dist.end(), inf);
      std::fill(via.begin(), via.end(), -1);
      using Item = std::pair<Cost, int>;
      std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
      dist[s] = 0;
      queue.push({0, s});
      while (!queue.empty()) {
        auto [d, u] = queue.top();
        queue.pop();
        if (d > dist[u]) continue;
        for (int e : adj_[u]) {
          const Edge& edge = edges_[e];
          if (edge.capacity == 0) continue;
          Cost nd = d + edge.cost + potential[u] - potential[edge.to];
          if (nd < dist[edge.to]) {
            dist[edge.to] = nd;
            via[edge.to] = e;
            queue.push({nd, edge.to});
          }
        }
      }
      if (dist[t] == inf) break;
      for (int v = 0; v < n; ++v)
        if (dist[v] < inf) potential[v] += dist[v];
      // Unit capacities on the member side: every augmenting path carries one unit.
      for (int v = t; v != s; v = edges_[via[v] ^ 1].to) {
        edges_[via[v]].capacity -= 1;
        edges_[via[v] ^ 1].capacity += 1;
      }
      ++pushed;
    }
    return pushed;
  }

 private:
  struct Edge {
    int to;
    int capacity;
    Cost cost;
  };
  std::vector<Edge> edges_;
  std::vector<std::vector<int>> adj_;
};

void validate(const std::vector<Candidate>& newcomers, const std::vector<std::string>& workshops,
              const std::map<std::string, std::vector<Candidate>>& placed) {
  if (workshops.empty()) throw std::invalid_argument("an assembly needs at least one workshop");
  std::set<std::string> themes;
  for (const auto& w : workshops)
    if (!themes.insert(w).second)
      throw std::invalid_argument("workshop '" + w + "' is listed twice");
  std::set<std::string> ids;
  auto check_id = [&](const Candidate& c) {
    if (c.member_id.empty()) throw std::invalid_argument("a member has an empty id");
    if (!ids.insert(c.member_id).second)
      throw std::invalid_argument("member '" + c.member_id + "' appears twice");
  };
  for (const auto& [theme, members] : placed) {
    if (!themes.count(theme))
      throw std::invalid_argument("members are placed in workshop '" + theme +
                                  "', which is not listed");
    for (const auto& c : members) check_id(c);
  }
  for (const auto& c : newcomers) {
    check_id(c);
    std::set<std::string> seen;
    for (const auto& p : c.preferences) {
      if (!themes.count(p))
        throw std::invalid_argument("member '" + c.member_id + "' prefers workshop '" + p +
                                    "', which is not listed");
      if (!seen.insert(p).second)
        throw std::invalid_argument("member '" + c.member_id + "' lists workshop '" + p +
                                    "' twice");
    }
  }
}

// Composition of the workshops: for every feature (the seat pool, then each attribute key) and
// value, how many members of each workshop have it. The spread is
//   sum over (feature, value, workshop) of (N * count - total(value) * size(workshop))^2,
// i.e. N^2 times the squared deviation of the count from the value's share of that workshop,
// kept in integers so that comparisons are exact (and so deterministic).
class Composition {
 public:
  Composition(const std::vector<const Candidate*>& everyone, int workshops)
      : workshops_(workshops) {
    std::set<std::string> keys;
    for (const Candidate* c : everyone)
      for (const auto& [k, v] : c->attributes) keys.insert(k);
    std::vector<std::map<std::string, int>> values(keys.size() + 1);
    for (const Candidate* c : everyone) {
      std::vector<int> code;
      code.push_back(values[0].emplace(c->pool, static_cast<int>(values[0].size())).first->second);
      std::size_t f = 1;
      for (const auto& k : keys) {
        // A missing attribute is a value of its own (""), so every member counts once per feature.
        auto it = c->attributes.find(k);
        const std::string& v = it == c->attributes.end() ? std::string() : it->second;
        code.push_back(values[f].emplace(v, static_cast<int>(values[f].size())).first->second);
        ++f;
      }
      codes_.push_back(std::move(code));
    }
    for (const auto& vs : values) {
      offset_.push_back(slots_);
      slots_ += static_cast<int>(vs.size());
    }
    total_.assign(slots_, 0);
    count_.assign(static_cast<std::size_t>(slots_) * workshops_, 0);
    size_.assign(workshops_, 0);
    members_ = static_cast<Cost>(everyone.size());
    for (const auto& code : codes_)
      for (std::size_t f = 0; f < code.size(); ++f) ++total_[offset_[f] + code[f]];
  }

  // `member` indexes the `everyone` list given to the constructor.
  void add(int member, int workshop, int delta) {
    size_[workshop] += delta;
    const auto& code = codes_[member];
    for (std::size_t f = 0; f < code.size(); ++f)
      count_[workshop * slots_ + offset_[f] + code[f]] += delta;
  }

  Cost spread(int workshop) const {
    Cost sum = 0;
    for (int s = 0; s < slots_; ++s) {
      Cost d = members_ * count_[workshop * slots_ + s] - total_[s] * size_[workshop];
      sum += d * d;
    }
    return sum;
  }

 private:
  int workshops_;
  int slots_ = 0;  // (feature, value) pairs, flattened
  Cost members_ = 0;
  std::vector<std::vector<int>> codes_;  // per member, the value index of each feature
  std::vector<int> offset_;              // per feature, its first slot
  std::vector<Cost> total_;              // per slot, over all members
  std::vector<Cost> count_;              // per workshop and slot
  std::vector<Cost> size_;
};

}  // namespace

std::vector<Placement> assign(std::vector<Candidate> newcomers,
                              const std::vector<std::string>& workshops,
                              const std::map<std::string, std::vector<Candidate>>& placed) {
  validate(newcomers, workshops, placed);
  // Everything below depends only on this order, hence the same result for any input order.
  std::sort(newcomers.begin(), newcomers.end(),
            [](const Candidate& a, const Candidate& b) { return a.member_id < b.member_id; });
  const int n = static_cast<int>(newcomers.size());
  const int k = static_cast<int>(workshops.size());

  // 1. Sizes, by water filling: raise a level t while the newcomers can bring every workshop up to
  // it; each workshop below t takes t - placed seats (`low`). The r newcomers left over cannot
  // lift all of the workshops at level t by one, so r of them get one extra seat (`high` =
  // low + 1 for every workshop at or below t). Which ones is left to the preferences (step 2);
  // a workshop already above t because of `placed` takes nobody.
  std::vector<int> before(k, 0);
  for (int w = 0; w < k; ++w)
    if (auto it = placed.find(workshops[w]); it != placed.end())
      before[w] = static_cast<int>(it->second.size());
  auto seats_to_reach = [&](int level) {
    int sum = 0;
    for (int b : before) sum += std::max(0, level - b);
    return sum;
  };
  int level = *std::min_element(before.begin(), before.end());
  while (seats_to_reach(level + 1) <= n) ++level;
  std::vector<int> low(k), high(k);
  for (int w = 0; w < k; ++w) {
    low[w] = std::max(0, level - before[w]);
    high[w] = before[w] <= level ? low[w] + 1 : low[w];
  }

  // 2. Preferences: min-cost flow source -> newcomer -> workshop -> sink. A newcomer's edge costs
  // the workshop's rank in its preferences (k when not listed). Each workshop offers `low` seats
  // at no cost and, if eligible, one extra seat at a penalty larger than any total preference
  // cost: a min-cost flow of n units then fills every `low` seat and exactly the r extra seats
  // that serve the preferences best.
  auto rank_of = [&](const Candidate& c, int w) {
    auto it = std::find(c.preferences.begin(), c.preferences.end(), workshops[w]);
    return it == c.preferences.end() ? -1 : static_cast<int>(it - c.preferences.begin());
  };
  std::vector<std::vector<Cost>> cost(n, std::vector<Cost>(k));
  for (int i = 0; i < n; ++i)
    for (int w = 0; w < k; ++w) {
      int r = rank_of(newcomers[i], w);
      cost[i][w] = r < 0 ? k : r;
    }
  const Cost extra_seat = static_cast<Cost>(k) * n + 1;
  const int source = n + k, sink = n + k + 1;
  MinCostFlow flow(n + k + 2);
  std::vector<std::vector<int>> edge(n, std::vector<int>(k));
  for (int i = 0; i < n; ++i) {
    flow.add_edge(source, i, 1, 0);
    for (int w = 0; w < k; ++w) edge[i][w] = flow.add_edge(i, n + w, 1, cost[i][w]);
  }
  for (int w = 0; w < k; ++w) {
    if (low[w] > 0) flow.add_edge(n + w, sink, low[w], 0);
    if (high[w] > low[w]) flow.add_edge(n + w, sink, high[w] - low[w], extra_seat);
  }
  flow.run(source, sink, n);  // always n: high sums to more than n, and every edge is open
  std::vector<int> at(n, -1);
  std::vector<int> taken(k, 0);
  for (int i = 0; i < n; ++i)
    for (int w = 0; w < k; ++w)
      if (flow.flow_on(edge[i][w]) > 0) {
        at[i] = w;
        ++taken[w];
      }

  // 3. Composition, by local search under the two rules above: a newcomer may move to another
  // workshop if the sizes stay within [low, high] and its cost does not rise; two newcomers may
  // swap if their summed cost does not rise. Either must strictly lower the spread, so the search
  // ends; the pass bound only caps the time. Since step 2's cost is minimal, "does not rise"
  // means "stays equal": the preferences' optimum is kept.
  std::vector<const Candidate*> everyone;
  std::vector<int> home;  // workshop of each placed member, in `everyone` order
  for (int w = 0; w < k; ++w)
    if (auto it = placed.find(workshops[w]); it != placed.end())
      for (const auto& c : it->second) {
        everyone.push_back(&c);
        home.push_back(w);
      }
  const int first_newcomer = static_cast<int>(everyone.size());
  for (const auto& c : newcomers) everyone.push_back(&c);
  Composition comp(everyone, k);
  for (int p = 0; p < first_newcomer; ++p) comp.add(p, home[p], +1);
  for (int i = 0; i < n; ++i) comp.add(first_newcomer + i, at[i], +1);

  // Spread change of moving newcomer i out of a and, if j >= 0, newcomer j from b into a.
  auto gain = [&](int i, int b, int j) {
    const int a = at[i];
    const Cost old_spread = comp.spread(a) + comp.spread(b);
    comp.add(first_newcomer + i, a, -1);
    comp.add(first_newcomer + i, b, +1);
    if (j >= 0) comp.add(first_newcomer + j, b, -1), comp.add(first_newcomer + j, a, +1);
    const Cost delta = old_spread - comp.spread(a) - comp.spread(b);
    comp.add(first_newcomer + i, b, -1);
    comp.add(first_newcomer + i, a, +1);
    if (j >= 0) comp.add(first_newcomer + j, a, -1), comp.add(first_newcomer + j, b, +1);
    return delta;
  };
  constexpr int kMaxPasses = 50;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    bool improved = false;
    for (int i = 0; i < n; ++i) {
      // The best move or swap for i (first found on ties, so deterministic).
      Cost best = 0;
      int best_w = -1, best_j = -1;
      const int a = at[i];
      for (int b = 0; b < k; ++b) {
        if (b == a || taken[a] <= low[a] || taken[b] >= high[b] || cost[i][b] > cost[i][a])
          continue;
        if (Cost g = gain(i, b, -1); g > best) best = g, best_w = b, best_j = -1;
      }
      for (int j = 0; j < n; ++j) {
        const int b = at[j];
        if (b == a || cost[i][b] + cost[j][a] > cost[i][a] + cost[j][b]) continue;
        if (Cost g = gain(i, b, j); g > best) best = g, best_w = b, best_j = j;
      }
      if (best_w < 0) continue;
      comp.add(first_newcomer + i, a, -1);
      comp.add(first_newcomer + i, best_w, +1);
      at[i] = best_w;
      if (best_j >= 0) {
        comp.add(first_newcomer + best_j, best_w, -1);
        comp.add(first_newcomer + best_j, a, +1);
        at[best_j] = a;
      } else {
        --taken[a];
        ++taken[best_w];
      }
      improved = true;
    }
    if (!improved) break;
  }

  std::vector<Placement> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i)
    out.push_back({newcomers[i].member_id, workshops[at[i]], rank_of(newcomers[i], at[i])});
  return out;
}

}  // namespace membership::domain
