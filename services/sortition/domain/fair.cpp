#include "domain/fair.h"

#include <algorithm>
#include <cmath>
#include <coin/CbcModel.hpp>
#include <coin/ClpSimplex.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/OsiClpSolverInterface.hpp>
#include <cstdio>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <tuple>

#include "assembly/core/names.h"
#include "domain/panel_select.h"
#include "domain/random.h"

namespace sortition::fair {
namespace {

// A panel is priced in only if it beats the master's cap by more than this (probabilities are
// in [0, 1]; both solvers work to 1e-9).
constexpr double kPriceTolerance = 1e-9;
// A type is settled in a leximin stage when its dual weight exceeds this.
constexpr double kFixTolerance = 1e-9;
// Wentges smoothing: the weight of the stability center in the pricing point (0.8 measured best
// on paris_like_748 among 0.5, 0.8, 0.9, 0.95).
constexpr double kAlpha = 0.8;
// The fast path's target counts as reached when z, the fraction of it the master reaches, is
// this close to 1: each probability then lies within 1e-7 of its share of the relaxation's leximin
// (below 1e-8 in absolute terms), where the master's own tolerances are 1e-10 per row.
constexpr double kReached = 1e-7;
// The fast path may stop before its column generation converges once the probabilities are this
// close to the target (in total over the seats, so each one is): every panel has `seats` members,
// so with all probabilities at least z times the target, their excess over it sums to at most
// seats * (1 - z).
constexpr double kExcess = 5e-7;
constexpr double kInf = std::numeric_limits<double>::infinity();
// The cost of a settled row's elastic column in the master, i.e. the bound on that row's dual, to
// start with; and the bound past which it is no longer raised. The settled duals of sound bases
// stay below 50 on the convention pools measured.
constexpr double kPenalty = 1e4;
constexpr double kMaxPenalty = 1e8;
// An elastic column counts as used above this (the master's primal tolerance is 1e-10, and
// settled rows have 1e-10 of slack).
constexpr double kElastic = 1e-9;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double seconds_until(Clock::time_point deadline) {
  return std::chrono::duration<double>(deadline - Clock::now()).count();
}

// Classes of interchangeable people: same value in every category, nobody sharing their
// household. A person who shares a household is a type of their own, so the household rule can be
// written over types.
struct Types {
  std::vector<std::vector<int>> members;  // [type] -> people, ascending
  std::vector<std::vector<int>> values;   // [type] -> value index per category
  std::vector<int> household;             // [type] -> shared household index, -1 if none
  std::vector<std::vector<int>> shared;   // households with >= 2 people -> their types
  int size() const { return static_cast<int>(members.size()); }
};

// per_person: every person a type of their own (the pricing problem over people).
Types make_types(const Instance& in, bool per_person = false) {
  std::map<int, int> household_size;
  for (int h : in.household) ++household_size[h];
  Types t;
  std::map<std::vector<int>, int> by_values;
  std::map<int, int> shared_index;
  for (std::size_t i = 0; i < in.ids.size(); ++i) {
    const int h = in.household[i];
    int type;
    if (household_size[h] > 1 || per_person) {
      type = t.size();
      t.members.emplace_back();
      t.values.push_back(in.values[i]);
      if (household_size[h] > 1) {
        auto [it, fresh] = shared_index.emplace(h, static_cast<int>(t.shared.size()));
        if (fresh) t.shared.emplace_back();
        t.shared[it->second].push_back(type);
        t.household.push_back(it->second);
      } else {
        t.household.push_back(-1);
      }
    } else {
      auto [it, fresh] = by_values.emplace(in.values[i], t.size());
      if (fresh) {
        t.members.emplace_back();
        t.values.push_back(in.values[i]);
        t.household.push_back(-1);
      }
      type = it->second;
    }
    t.members[type].push_back(static_cast<int>(i));
  }
  return t;
}

// The pricing problem over types: integer seats per type, the seat count, every quota, at most
// one seat per shared household. skip_category >= 0 leaves that category's quotas out and
// no_households the household rule (to find which constraint makes a problem infeasible).
// The rows every panel satisfies, over per-type seat columns 0..n-1 (of `columns`): the seat
// count, each quota value's [min, max] (but skip_category's), at most one seat per shared
// household (unless no_households). The pricing MIP and the LP relaxation both start from them.
struct PanelRows {
  CoinPackedMatrix matrix{false, 0, 0};
  std::vector<double> lower, upper;

  PanelRows(const Instance& in, const Types& types, int columns, int skip_category = -1,
            bool no_households = false) {
    const int n = types.size();
    matrix.setDimensions(0, columns);
    std::vector<int> all(n);
    std::iota(all.begin(), all.end(), 0);
    add(all, std::vector<double>(n, 1.0), in.pool.seats, in.pool.seats);
    const auto& cats = in.pool.quotas.categories;
    for (std::size_t c = 0; c < cats.size(); ++c) {
      if (static_cast<int>(c) == skip_category) continue;
      for (std::size_t v = 0; v < cats[c].values.size(); ++v) {
        std::vector<int> idx;
        for (int t = 0; t < n; ++t)
          if (types.values[t][c] == static_cast<int>(v)) idx.push_back(t);
        add(idx, std::vector<double>(idx.size(), 1.0), cats[c].values[v].min,
            cats[c].values[v].max);
      }
    }
    if (!no_households)
      for (const auto& h : types.shared) add(h, std::vector<double>(h.size(), 1.0), 0, 1);
  }

  void add(const std::vector<int>& idx, const std::vector<double>& el, double lo, double up) {
    matrix.appendRow(static_cast<int>(idx.size()), idx.data(), el.data());
    lower.push_back(lo);
    upper.push_back(up);
  }
};

// A type's seats lie in [0, min(its people, seats)].
std::vector<double> seat_bounds(const Instance& in, const Types& types) {
  std::vector<double> upper(types.size());
  for (int t = 0; t < types.size(); ++t)
    upper[t] = std::min<double>(types.members[t].size(), in.pool.seats);
  return upper;
}

class Pricer {
 public:
  Pricer(const Instance& in, const Types& types, int skip_category = -1,
         bool no_households = false) {
    const int n = types.size();
    std::vector<double> lower(n, 0.0), upper = seat_bounds(in, types), zero(n, 0.0);
    PanelRows rows(in, types, n, skip_category, no_households);
    auto& row_lo = rows.lower;
    auto& row_up = rows.upper;
    solver_.loadProblem(rows.matrix, lower.data(), upper.data(), zero.data(), row_lo.data(),
                        row_up.data());
    for (int t = 0; t < n; ++t) solver_.setInteger(t);
    solver_.messageHandler()->setLogLevel(0);
  }

  // Seats per type of the panel maximising sum(coef[t] * seats[t]), or nullopt when no panel is
  // feasible. Throws TimeLimitReached past the deadline, and SolverFailed when CBC finds no panel
  // although one is known to exist (below).
  std::optional<std::vector<int>> solve(const std::vector<double>& coef,
                                        Clock::time_point deadline) {
    return solve(coef, nullptr, deadline);
  }

  // The same within a face: seats per type in [lower, upper] of `face`, row i in [row_lower[i],
  // row_upper[i]] (rows as in PanelRows).
  struct Face {
    std::vector<double> lower, upper, row_lower, row_upper;
  };
  std::optional<std::vector<int>> solve(const std::vector<double>& coef, const Face* face,
                                        Clock::time_point deadline) {
    if (face) return attempt(coef, face, deadline, false);
    // Without a face the rows never change, only the objective: once a panel has been found, "no
    // panel" can only be CBC giving up (in LEXIMIN's late stages the prices span many orders of
    // magnitude), never the quotas. Then once more from a fresh model with the prices cleaned,
    // and failing that SolverFailed, which select() falls back from: never Infeasible.
    std::optional<std::vector<int>> seats;
    if (!fail_for_test) seats = attempt(coef, nullptr, deadline, false);
    if (!seats && feasible_ && !fail_for_test) seats = attempt(coef, nullptr, deadline, true);
    if (seats) {
      feasible_ = true;
      return seats;
    }
    if (feasible_ || fail_for_test)
      throw SolverFailed(
          "the pricing MIP (CBC) found no panel twice, although panels meeting "
          "every quota are known (" +
          last_status_ + ")");
    return std::nullopt;
  }

  // For tests only: every solve without a face fails as CBC giving up does (SolverFailed).
  bool fail_for_test = false;

 private:
  // One CBC run. The objective is scaled so that its largest |coefficient| is 1 (the argmax is
  // the same; CBC's tolerances are absolute): unscaled, on convention_1500_150 over people, the
  // same random weights times 1e-3 gave a panel lighter than the heaviest by 1.2e-6 of its
  // weight, times 1e-8 one of half its weight, and took 8 times as long (BENCHMARKS.md). clean:
  // also drop the coefficients below 1e-12 of the largest (they weigh less than CBC's tolerances).
  std::optional<std::vector<int>> attempt(const std::vector<double>& coef, const Face* face,
                                          Clock::time_point deadline, bool clean) {
    OsiClpSolverInterface s(solver_);
    if (face) {
      s.setColLower(face->lower.data());
      s.setColUpper(face->upper.data());
      for (std::size_t i = 0; i < face->row_lower.size(); ++i)
        s.setRowBounds(static_cast<int>(i), face->row_lower[i], face->row_upper[i]);
    }
    double top = 0;
    for (double c : coef) top = std::max(top, std::abs(c));
    const double scale = top > 0 && std::isfinite(top) ? 1 / top : 1;
    std::vector<double> negated(coef.size());
    for (std::size_t i = 0; i < coef.size(); ++i) {
      negated[i] = -coef[i] * scale;  // CBC minimises
      if (clean && std::abs(negated[i]) < 1e-12) negated[i] = 0;
    }
    s.setObjective(negated.data());
    CbcModel model(s);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    model.solver()->messageHandler()->setLogLevel(0);
    model.setAllowableGap(1e-11);
    model.setAllowableFractionGap(0);
    model.setAllowablePercentageGap(0);
    if (deadline != Clock::time_point::max()) {
      const double left = seconds_until(deadline);
      if (left <= 0) throw TimeLimitReached("time limit reached");
      model.setMaximumSeconds(left);
    }
    auto status = [&] {
      last_status_ = "CBC status " + std::to_string(model.status()) + ", secondary " +
                     std::to_string(model.secondaryStatus());
    };
    model.initialSolve();
    if (model.isProvenInfeasible() || model.solver()->isProvenPrimalInfeasible()) {
      status();
      return std::nullopt;
    }
    model.branchAndBound();
    if (model.isProvenInfeasible()) {
      status();
      return std::nullopt;
    }
    if (!model.isProvenOptimal() || !model.bestSolution()) {
      if (model.isSecondsLimitReached() || model.maximumSecondsReached())
        throw TimeLimitReached("time limit reached");
      if (!model.bestSolution()) {
        status();
        return std::nullopt;
      }
      throw SolverFailed("the pricing MIP stopped without an optimal panel (CBC status " +
                         std::to_string(model.status()) + ")");
    }
    const double* x = model.bestSolution();
    std::vector<int> seats(coef.size());
    for (std::size_t t = 0; t < coef.size(); ++t) seats[t] = static_cast<int>(std::lround(x[t]));
    return seats;
  }

  OsiClpSolverInterface solver_;
  bool feasible_ = false;  // a panel was found without a face: the rows are feasible
  std::string last_status_;
};

double weight(const std::vector<double>& coef, const std::vector<int>& seats) {
  double w = 0;
  for (std::size_t t = 0; t < seats.size(); ++t) w += coef[t] * seats[t];
  return w;
}

// The restricted master LP, minimise -z + penalty * sum_t v_t over (z, lambda, v):
//   row 0:  sum lambda_P = 1
//   row 1+t: sum_P lambda_P seats_P[t] / n_t  - z        >= 0      (type t not yet settled)
//            sum_P lambda_P seats_P[t] / n_t  + v_t      >= fixed_t (type t settled at fixed_t)
// Its row duals: pi_t >= 0 with sum over unsettled types = 1, and cap = -pi_0; a panel with
// sum_t pi_t seats[t] / n_t > cap has a negative reduced cost and enters.
//
// v_t is the settled row's elastic column: its cost bounds that row's dual by `penalty`. Without
// it, once most types are settled (their rows fixed a hair below the values reached, so the
// panels left form a sliver), the simplex ends on ill-conditioned bases whose settled duals reach
// 1e11-1e12 (measured on a 600-person convention pool): the unsettled types' prices, which sum to
// 1, then vanish below the pricing's tolerances, no panel seems to improve the master, and the
// stage ends below its true optimum (there, one type settled at 0.56 that the leximin gives
// 0.67). With v = 0 at the optimum (checked after each stage, the penalty raised if not) the
// master's optimum is that of the LP without v, and its dual, which satisfies the extra
// constraints pi_t <= penalty, is feasible for that LP's dual too: when it prices out, the stage
// is optimal over all panels exactly as before.
class Master {
 public:
  explicit Master(const Types& types) : types_(types) { reset(); }

  // Back to no panel at all.
  void reset() {
    const int n = types_.size();
    lp_ = ClpSimplex();
    panels_.clear();
    known_.clear();
    column_.clear();
    elastic_.clear();
    penalty_ = kPenalty;
    solved_columns_ = 0;
    lp_.setLogLevel(0);
    lp_.messageHandler()->setLogLevel(0);
    lp_.setPrimalTolerance(1e-10);
    lp_.setDualTolerance(1e-10);
    lp_.resize(1 + n, 0);
    lp_.setRowLower(0, 1.0);
    lp_.setRowUpper(0, 1.0);
    for (int t = 0; t < n; ++t) {
      lp_.setRowLower(1 + t, 0.0);
      lp_.setRowUpper(1 + t, COIN_DBL_MAX);
    }
    std::vector<int> rows(n);
    std::vector<double> els(n, -1.0);
    std::iota(rows.begin(), rows.end(), 1);
    lp_.addColumn(n, rows.data(), els.data(), 0.0, 1.0, -1.0);  // z
  }

  bool has(const std::vector<int>& seats) const { return known_.count(seats) > 0; }

  void add(const std::vector<int>& seats) {
    std::vector<int> rows{0};
    std::vector<double> els{1.0};
    for (std::size_t t = 0; t < seats.size(); ++t)
      if (seats[t] > 0) {
        rows.push_back(1 + static_cast<int>(t));
        els.push_back(static_cast<double>(seats[t]) / types_.members[t].size());
      }
    column_.push_back(lp_.numberColumns());
    lp_.addColumn(static_cast<int>(rows.size()), rows.data(), els.data(), 0.0, COIN_DBL_MAX, 0.0);
    panels_.push_back(seats);
    known_.insert(seats);
  }

  // A hair of slack, as in relaxed_leximin: a row fixed at exactly the value the last LP reached
  // can be infeasible by rounding for the next one. And the row's elastic column (above).
  void fix(int t, double value) {
    lp_.modifyCoefficient(1 + t, 0, 0.0);
    lp_.setRowLower(1 + t, value - 1e-10);
    const int row = 1 + t;
    const double one = 1.0;
    elastic_.push_back(lp_.numberColumns());
    lp_.addColumn(1, &row, &one, 0.0, COIN_DBL_MAX, penalty_);
  }

  // The largest elastic value (0 when every settled row holds without it).
  double elastic() const {
    double most = 0;
    for (int c : elastic_) most = std::max(most, lp_.getColSolution()[c]);
    return most;
  }
  double penalty() const { return penalty_; }
  void set_penalty(double penalty) {
    penalty_ = penalty;
    for (int c : elastic_) lp_.setObjectiveCoefficient(c, penalty);
  }

  // Row 1+t becomes sum lambda_P seats_P[t] / n_t - target_t z >= 0: maximising z then asks how
  // far towards `target` the known panels reach (z = 1: target is a distribution's).
  void aim(int t, double target) { lp_.modifyCoefficient(1 + t, 0, -target); }

  // Primal simplex, warm from the last basis, when a few columns came in since the last solve;
  // dual simplex when many did (the walk's panels): on convention_1500_150's first master (1,159
  // rows, 1,117 panels) the dual took 15 s, the primal 33 s without converging.
  void solve() {
    const bool many = lp_.numberColumns() - solved_columns_ > kManyColumns;
    solved_columns_ = lp_.numberColumns();
    if (many)
      lp_.dual();
    else
      lp_.primal();
    if (lp_.status() != 0) {
      if (many)
        lp_.primal();
      else
        lp_.dual();  // rarely, a degenerate warm start needs the other method
      if (lp_.status() != 0) {
        lp_.allSlackBasis(true);  // or none at all
        lp_.primal();
        if (lp_.status() != 0)
          throw SolverFailed("the master LP did not solve (CLP status " +
                             std::to_string(lp_.status()) + ")");
      }
    }
  }

  double z() const { return lp_.getColSolution()[0]; }
  double cap() const { return -lp_.dualRowSolution()[0]; }
  double dual(int t) const { return std::max(0.0, lp_.dualRowSolution()[1 + t]); }
  const std::vector<std::vector<int>>& panels() const { return panels_; }
  double lambda(std::size_t p) const { return lp_.getColSolution()[column_[p]]; }

 private:
  const Types& types_;
  ClpSimplex lp_;
  std::vector<std::vector<int>> panels_;
  std::set<std::vector<int>> known_;
  std::vector<int> column_;   // [panel] -> its column (the elastic columns come in between)
  std::vector<int> elastic_;  // the settled rows' elastic columns
  double penalty_ = kPenalty;
  int solved_columns_ = 0;  // columns at the last solve
  static constexpr int kManyColumns = 100;
};

std::string names_of(const Instance& in, int c, int v) {
  return in.pool.quotas.categories[c].name + " " + in.pool.quotas.categories[c].values[v].value;
}

std::vector<domain::Respondent> respondents_of(const Instance& in) {
  std::vector<domain::Respondent> out;
  for (std::size_t i = 0; i < in.ids.size(); ++i) {
    domain::Respondent r;
    r.person_id = in.ids[i];
    r.pool = in.pool.pool;
    r.household = "h" + std::to_string(in.household[i]);
    for (std::size_t c = 0; c < in.pool.quotas.categories.size(); ++c) {
      const auto& cat = in.pool.quotas.categories[c];
      r.attributes[cat.name] = cat.values[in.values[i][c]].value;
    }
    out.push_back(std::move(r));
  }
  return out;
}

// The type-level panels spread over people by systematic sampling with one offset u, uniform in
// [0, 1), shared by all types: person j (0-based within type t, seats c of n) sits when an integer
// lies in [j c / n + u, (j + 1) c / n + u). Every type then gets exactly c seats, each of its
// people with probability exactly c / n, and the panel only changes where u crosses a point
// 1 - frac(j c / n): between two such points the panel is fixed and its probability is the gap.
void spread(const Types& types, const std::vector<int>& seats, double probability,
            std::map<std::vector<int>, double>& panels) {
  struct Point {
    long long num, den;  // num / den in [0, 1)
    bool operator<(const Point& o) const { return num * o.den < o.num * den; }
    bool operator==(const Point& o) const { return num * o.den == o.num * den; }
  };
  std::vector<Point> points{{0, 1}};
  for (int t = 0; t < types.size(); ++t) {
    const long long n = static_cast<long long>(types.members[t].size()), c = seats[t];
    if (c == 0 || c == n) continue;
    for (long long j = 0; j < n; ++j)
      if (long long r = (j * c) % n; r != 0) points.push_back({n - r, n});
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  points.push_back({1, 1});
  for (std::size_t k = 0; k + 1 < points.size(); ++k) {
    const double a = static_cast<double>(points[k].num) / points[k].den;
    const double b = static_cast<double>(points[k + 1].num) / points[k + 1].den;
    const double u = (a + b) / 2;
    std::vector<int> members;
    for (int t = 0; t < types.size(); ++t) {
      const auto& m = types.members[t];
      const long long n = static_cast<long long>(m.size()), c = seats[t];
      for (long long j = 0; j < n && c > 0; ++j)
        if (std::floor(static_cast<double>((j + 1) * c) / n + u) -
                std::floor(static_cast<double>(j * c) / n + u) >=
            1)
          members.push_back(m[j]);
    }
    std::sort(members.begin(), members.end());
    panels[members] += probability * (b - a);
  }
}

// The distribution of weighted type-level panels (weights > 1e-12 kept, then scaled to sum to 1),
// spread over people.
Distribution distribution_of(const Instance& in, const Types& types,
                             const std::vector<std::pair<std::vector<int>, double>>& weighted) {
  Distribution d;
  double total = 0;
  for (const auto& [seats, l] : weighted)
    if (l > 1e-12) {
      d.type_panels.emplace_back(seats, l);
      total += l;
    }
  for (auto& tp : d.type_panels) tp.second /= total;
  std::map<std::vector<int>, double> panels;
  for (const auto& [seats, l] : d.type_panels) spread(types, seats, l, panels);
  d.probability.assign(in.ids.size(), 0.0);
  for (auto& [members, prob] : panels) {
    for (int i : members) d.probability[i] += prob;
    d.panels.push_back({members, prob});
  }
  d.min_probability =
      d.probability.empty() ? 0 : *std::min_element(d.probability.begin(), d.probability.end());
  d.types = types.size();
  d.type_members = types.members;
  return d;
}

// The distribution of the master's current solution.
Distribution distribution_of(const Instance& in, const Types& types, const Master& master) {
  std::vector<std::pair<std::vector<int>, double>> weighted;
  for (std::size_t p = 0; p < master.panels().size(); ++p)
    weighted.emplace_back(master.panels()[p], master.lambda(p));
  return distribution_of(in, types, weighted);
}

// LEXIMIN over the LP relaxation of the panels (seats per type fractional: the quotas, the seat
// count and the household rule as linear constraints), stage by stage as below, on one small LP.
// Returns the leximin probability per type and the first stage's duals (per type, summing to 1),
// or nothing if the LP does not solve. Its optimum is at least the true leximin (the relaxation
// holds every distribution's expected seats), so if some distribution reaches it, it is the
// leximin: solve() checks that by column generation.
struct Relaxed {
  std::vector<double> probability;
  std::vector<double> first_duals;
};

std::optional<Relaxed> relaxed_leximin(const Instance& in, const Types& types) {
  const int n = types.size();
  const int zc = n;  // column of z
  PanelRows rows(in, types, n + 1);
  const int first_type_row = static_cast<int>(rows.lower.size());
  for (int t = 0; t < n; ++t)
    rows.add({t, zc}, {1.0 / types.members[t].size(), -1.0}, 0, COIN_DBL_MAX);
  std::vector<double> lo(n + 1, 0.0), up = seat_bounds(in, types), obj(n + 1, 0.0);
  up.push_back(1.0);
  obj[zc] = -1.0;
  ClpSimplex lp;
  lp.setLogLevel(0);
  lp.messageHandler()->setLogLevel(0);
  lp.setPrimalTolerance(1e-10);
  lp.setDualTolerance(1e-10);
  lp.loadProblem(rows.matrix, lo.data(), up.data(), obj.data(), rows.lower.data(),
                 rows.upper.data());
  Relaxed r;
  r.probability.assign(n, 0.0);
  std::vector<bool> settled(n, false);
  int left = n;
  while (left > 0) {
    lp.primal();
    if (lp.status() != 0) lp.dual();
    if (lp.status() != 0) return std::nullopt;
    const double z = lp.getColSolution()[zc];
    const double* dual = lp.dualRowSolution();
    if (r.first_duals.empty())
      for (int t = 0; t < n; ++t) r.first_duals.push_back(std::max(0.0, dual[first_type_row + t]));
    int best = -1;
    std::vector<int> now;
    for (int t = 0; t < n; ++t) {
      if (settled[t]) continue;
      const double d = std::max(0.0, dual[first_type_row + t]);
      if (best < 0 || d > std::max(0.0, dual[first_type_row + best])) best = t;
      if (d > kFixTolerance) now.push_back(t);
    }
    if (now.empty()) now.push_back(best);
    for (int t : now) {
      settled[t] = true;
      r.probability[t] = z;
      lp.modifyCoefficient(first_type_row + t, zc, 0.0);
      lp.setRowLower(first_type_row + t, z - 1e-10);  // a hair of slack: the LP solves to 1e-10
      // And an elastic column, as in Master: with the slack alone, on convention_1500_150 and a
      // 600-person pool, the rounding of ~1,100 fixed rows made a late LP primal infeasible (by
      // 1e-9 over 3 rows) and the fast path was lost. An elastic used can only raise the later
      // levels, i.e. the target: it can make the target unreachable, never a wrong leximin.
      const int row = first_type_row + t;
      const double one = 1.0;
      lp.addColumn(1, &row, &one, 0.0, COIN_DBL_MAX, kPenalty);
      --left;
    }
  }
  return r;
}

// Panels with their weights (seats per type, weight), whose combination should give `target`
// (expected seats per type), found without
// any master LP by Caratheodory's construction: take a panel v in the smallest face of the
// panels' polytope (the quotas, bounds and household rule as linear constraints) that holds the
// current point x (a pricing MIP with those constraints tight, and a random objective), then go
// from v through x to that polytope's boundary: x = theta v + (1 - theta) y; v gets theta of the
// weight left, and y, in a face of lower dimension, the rest. At most one panel per dimension.
//
// The relaxation has fractional vertices, so y can leave the hull of the integer panels: its face
// then holds no panel, and the walk ends there, its weights summing to less than 1 (column
// generation places the rest, below). on_panel(count) is called after each panel found.
std::vector<std::pair<std::vector<int>, double>> walk_towards(
    const Instance& in, const Types& types, Pricer& pricer, const std::vector<double>& target,
    double enough, Clock::time_point deadline, const std::function<void(int)>& on_panel) {
  constexpr double kTight = 1e-9;
  const int n = types.size();
  const PanelRows rows(in, types, n);
  const int m = static_cast<int>(rows.lower.size());
  const std::vector<double> up = seat_bounds(in, types);
  std::vector<double> x = target, r(m), rv(m), vd(n), coef(n);
  std::mt19937_64 random(20211);  // fixed: the same instance gives the same panels
  std::uniform_real_distribution<double> uniform(-0.5, 0.5);
  std::vector<std::pair<std::vector<int>, double>> panels;
  double weight_left = 1;
  for (int step = 0; step <= n + 1 && weight_left > enough; ++step) {
    rows.matrix.times(x.data(), r.data());
    Pricer::Face face{std::vector<double>(n, 0.0), up, rows.lower, rows.upper};
    std::vector<bool> at_lo(n), at_up(n), row_lo(m), row_up(m);
    for (int t = 0; t < n; ++t) {
      at_lo[t] = x[t] < kTight;
      at_up[t] = x[t] > up[t] - kTight;
      if (at_lo[t]) face.upper[t] = 0;
      if (at_up[t]) face.lower[t] = up[t];
      coef[t] = uniform(random);
    }
    for (int i = 0; i < m; ++i) {
      row_lo[i] = r[i] < rows.lower[i] + kTight;
      row_up[i] = r[i] > rows.upper[i] - kTight;
      if (row_lo[i]) face.row_upper[i] = rows.lower[i];
      if (row_up[i]) face.row_lower[i] = rows.upper[i];
    }
    auto v = pricer.solve(coef, &face, deadline);
    if (!v) break;  // x left the integer panels' hull
    double far = 0;
    for (int t = 0; t < n; ++t) {
      vd[t] = (*v)[t];
      far = std::max(far, std::abs(vd[t] - x[t]));
    }
    if (far < 1e-7) {  // x is that panel: it takes all the weight left
      panels.emplace_back(*v, weight_left);
      on_panel(static_cast<int>(panels.size()));
      break;
    }
    rows.matrix.times(vd.data(), rv.data());
    // The largest theta keeping y = (x - theta v) / (1 - theta) within every constraint not
    // tight at x.
    double theta = 1;
    for (int t = 0; t < n; ++t) {
      if (!at_up[t] && vd[t] < up[t] - kTight)
        theta = std::min(theta, (up[t] - x[t]) / (up[t] - vd[t]));
      if (!at_lo[t] && vd[t] > kTight) theta = std::min(theta, x[t] / vd[t]);
    }
    for (int i = 0; i < m; ++i) {
      if (!row_up[i] && rv[i] < rows.upper[i] - kTight)
        theta = std::min(theta, (rows.upper[i] - r[i]) / (rows.upper[i] - rv[i]));
      if (!row_lo[i] && rv[i] > rows.lower[i] + kTight)
        theta = std::min(theta, (r[i] - rows.lower[i]) / (rv[i] - rows.lower[i]));
    }
    if (theta >= 1 || theta <= 0) break;
    // v gets theta of the weight left, and x moves to y.
    panels.emplace_back(*v, weight_left * theta);
    for (int t = 0; t < n; ++t) x[t] = std::clamp((x[t] - theta * vd[t]) / (1 - theta), 0.0, up[t]);
    weight_left *= 1 - theta;
    on_panel(static_cast<int>(panels.size()));
  }
  return panels;
}

// Column generation. lexi: settle types stage by stage until all are; otherwise stop after the
// first stage (maximin). first_stage receives the maximin distribution when that stage completes.
Distribution solve(const Instance& in, Clock::time_point deadline,
                   const std::function<void(const Progress&)>& progress, bool lexi,
                   Distribution* first_stage, int failing_stage = 0) {
  const auto start = Clock::now();
  const Types types = make_types(in);
  const int n = types.size();
  Pricer pricer(in, types);
  Master master(types);
  std::vector<int> first_panel;
  // Start from one panel per direction of interest: uniform weight, then each type's own weight,
  // which covers every type that can sit at all (a good start shortens the first stage).
  {
    std::vector<double> coef(n);
    for (int t = 0; t < n; ++t) coef[t] = 1.0 / types.members[t].size();
    auto first = pricer.solve(coef, deadline);
    if (!first) throw Infeasible("quotas", "no panel meets every quota");
    first_panel = *first;
    master.add(first_panel);
  }
  std::vector<bool> fixed(n, false);
  int settled = 0, iterations = 0;
  std::vector<double> certificate;
  double certificate_bound = 0, min_probability = 0;
  bool first = true;
  std::vector<double> coef(n);
  std::vector<double> fixed_value(n, 0.0), pi(n), center, sep(n), sep_coef(n);
  // One stage of column generation with Wentges smoothing. Returns the stage's optimal dual (per
  // type) and the heaviest panel's weight under it.
  // enough: z at which the stage may end before the master prices out (the fast path's target).
  auto converge = [&](const std::string& label, double scale, double enough = kInf) {
    double value = 0;
    // Column generation with Wentges smoothing: price at a point between the best dual found so
    // far (the one with the lowest Lagrangian bound, the "center") and the master's dual; when
    // that finds no panel improving the master (a mispricing), move towards the master's dual,
    // down to the master's dual itself. The stage ends only when the master's own dual prices
    // out, so its duals are optimal for the full problem, as without smoothing.
    center.clear();
    double best_bound = kInf;
    std::vector<double> dual;  // the stage's optimal dual, per type
    for (;;) {
      if (Clock::now() >= deadline) throw TimeLimitReached("time limit reached");
      master.solve();
      for (int t = 0; t < n; ++t) {
        pi[t] = master.dual(t);
        coef[t] = pi[t] / types.members[t].size();
      }
      if (progress)
        progress({label, iterations, static_cast<int>(master.panels().size()), master.z() * scale,
                  settled, n, seconds_since(start)});
      const double cap = master.cap();
      bool added = false;
      if (master.z() >= enough) break;
      for (int misprice = 0;; ++misprice) {
        double a = center.empty() ? 0.0 : 1 - (misprice + 1) * (1 - kAlpha);
        if (a < 1e-9) a = 0;
        for (int t = 0; t < n; ++t) {
          sep[t] = a == 0 ? pi[t] : a * center[t] + (1 - a) * pi[t];
          sep_coef[t] = sep[t] / types.members[t].size();
        }
        auto panel = pricer.solve(a == 0 ? coef : sep_coef, deadline);
        ++iterations;
        // A panel is known (the first), so no panel here is the solver's failure, not the quotas'
        // (Pricer::solve throws SolverFailed first; this is a guard).
        if (!panel) throw SolverFailed("the pricing MIP found no panel");
        double bound = weight(sep_coef, *panel);
        for (int t = 0; t < n; ++t)
          if (fixed[t]) bound -= sep[t] * fixed_value[t];
        if (bound < best_bound) {
          best_bound = bound;
          center = sep;
        }
        value = weight(coef, *panel);
        if (value > cap + kPriceTolerance && !master.has(*panel)) {
          master.add(*panel);
          added = true;
          break;
        }
        if (a == 0) {
          dual = pi;
          break;
        }
      }
      if (!added) break;
    }
    return std::make_pair(dual, value);
  };
  if (lexi) {
    // The fast path: the LP relaxation's leximin, and column generation to find a distribution
    // reaching it (rows aimed at it, z = 1 when reached). When it does, it is the leximin.
    if (auto relaxed = relaxed_leximin(in, types)) {
      for (int t = 0; t < n; ++t) master.aim(t, relaxed->probability[t]);
      const double relaxed_minimum =
          *std::min_element(relaxed->probability.begin(), relaxed->probability.end());
      const double close_enough = 1 - kExcess / in.pool.seats;
      // A distribution that reaches the relaxation's leximin is the leximin; its certificate is the
      // relaxation's first dual.
      auto leximin_of = [&](Distribution d) {
        d.algorithm = "leximin";
        for (int t = 0; t < n; ++t) coef[t] = relaxed->first_duals[t] / types.members[t].size();
        d.certificate.assign(in.ids.size(), 0.0);
        double sum = 0;
        for (int t = 0; t < n; ++t)
          for (int i : types.members[t]) sum += d.certificate[i] = coef[t];
        for (auto& y : d.certificate) y /= sum > 0 ? sum : 1;
        auto heaviest = pricer.solve(coef, deadline);
        d.certificate_bound = heaviest ? weight(coef, *heaviest) / (sum > 0 ? sum : 1) : 0;
        d.iterations = iterations;
        d.seconds = seconds_since(start);
        return d;
      };
      {
        std::vector<double> target(n);
        for (int t = 0; t < n; ++t) target[t] = relaxed->probability[t] * types.members[t].size();
        // Progress at every panel of the walk (a caller may stop the computation there: each
        // report is a point where a cancellation is seen): nothing is settled yet, and the
        // minimum probability known for sure is still 0 (no master LP has run).
        auto report = [&](int found) {
          iterations = found;
          if (progress) progress({"leximin", iterations, found, 0.0, 0, n, seconds_since(start)});
        };
        // Enough: the weight left unplaced changes no probability by more than a 1e-8 of it.
        const double enough = 1e-8 * relaxed_minimum;
        const auto walk = walk_towards(in, types, pricer, target, enough, deadline, report);
        // The walk's probabilities, as a fraction of the target: its z.
        std::vector<double> reached(n, 0.0);
        double placed = 0;
        for (const auto& [seats, w] : walk) {
          placed += w;
          for (int t = 0; t < n; ++t) reached[t] += w * seats[t];
        }
        double z = 1;
        for (int t = 0; t < n; ++t)
          if (target[t] > 0) z = std::min(z, reached[t] / placed / target[t]);
        if (placed > 0 && z >= close_enough) return leximin_of(distribution_of(in, types, walk));
        // Not reached: column generation from the walk's panels (the master places the weight
        // the walk could not, moving the others' weights as it needs).
        for (const auto& panel : walk)
          if (!master.has(panel.first)) master.add(panel.first);
      }
      // Progress reports z times the relaxation's minimum: the minimum probability reached so far.
      converge("leximin", relaxed_minimum, close_enough);
      if (master.z() >= 1 - kReached) return leximin_of(distribution_of(in, types, master));
      // Not reached: the stages below, from the first panel again (the walk's panels, aimed at a
      // point no distribution reaches, only slow their master down).
      master.reset();
      master.add(first_panel);
    }
  }
  // Every panel has exactly `seats` members, so the probabilities weighted by the types' sizes add
  // up to `seats`: once all types but one are settled, the last one's probability is determined
  // and its stage (a long column generation that can change nothing) is not run.
  int stage = 0;
  while (settled < n && !(lexi && settled == n - 1 && !first)) {
    pricer.fail_for_test = ++stage == failing_stage;
    auto [dual, value] = converge(lexi ? "leximin" : "maximin", 1.0);
    // A settled row relaxed by its elastic column: the penalty (the bound on the settled duals)
    // was too low for this stage; raise it and go on until the master needs no elastic (past
    // kMaxPenalty, not seen, the stage is taken as it is: its rows then hold to what is used).
    while (master.elastic() > kElastic && master.penalty() < kMaxPenalty) {
      master.set_penalty(master.penalty() * 100);
      std::tie(dual, value) = converge(lexi ? "leximin" : "maximin", 1.0);
    }
    for (int t = 0; t < n; ++t) coef[t] = dual[t] / types.members[t].size();
    if (first) {
      first = false;
      min_probability = master.z();
      certificate_bound = value;
      certificate.assign(in.ids.size(), 0.0);
      double sum = 0;
      for (int t = 0; t < n; ++t)
        for (int i : types.members[t]) sum += certificate[i] = coef[t];
      if (sum > 0)
        for (auto& y : certificate) y /= sum;
      certificate_bound /= sum > 0 ? sum : 1;
      auto d = distribution_of(in, types, master);
      d.algorithm = "maximin";
      d.certificate = certificate;
      d.certificate_bound = certificate_bound;
      d.iterations = iterations;
      d.stages = stage;
      d.seconds = seconds_since(start);
      if (first_stage) *first_stage = d;
      if (!lexi) return d;
    }
    // Settle every type the dual weighs: by complementary slackness each sits at exactly z in
    // every optimum of this stage.
    const double z = master.z();
    int best = -1;
    std::vector<int> now;
    for (int t = 0; t < n; ++t) {
      if (fixed[t]) continue;
      if (best < 0 || dual[t] > dual[best]) best = t;
      if (dual[t] > kFixTolerance) now.push_back(t);
    }
    if (now.empty()) now.push_back(best);
    for (int t : now) {
      fixed[t] = true;
      fixed_value[t] = z;
      master.fix(t, z);
      ++settled;
    }
  }
  master.solve();
  auto d = distribution_of(in, types, master);
  d.algorithm = "leximin";
  d.certificate = certificate;
  d.certificate_bound = certificate_bound;
  (void)min_probability;
  d.iterations = iterations;
  d.stages = stage;
  d.seconds = seconds_since(start);
  return d;
}

}  // namespace

namespace {
constexpr std::pair<Algorithm, std::string_view> kAlgorithms[] = {{Algorithm::leximin, "leximin"},
                                                                  {Algorithm::maximin, "maximin"},
                                                                  {Algorithm::legacy, "legacy"}};
}  // namespace

std::string to_string(Algorithm a) {
  return std::string(assembly::core::name_of(kAlgorithms, a, "?"));
}

std::optional<Algorithm> parse_algorithm(std::string_view name) {
  return assembly::core::value_of(kAlgorithms, name);
}

Instance make_instance(const domain::SeatPool& pool,
                       const std::vector<domain::Respondent>& respondents) {
  Instance in;
  in.pool = pool;
  std::map<std::string, int> homes;
  for (const auto& r : respondents) {
    if (r.pool != pool.pool) continue;
    std::vector<int> values;
    for (const auto& cat : pool.quotas.categories) values.push_back(domain::value_index(cat, r));
    in.ids.push_back(r.person_id);
    in.values.push_back(std::move(values));
    in.household.push_back(
        homes.emplace(domain::household_key(r), static_cast<int>(homes.size())).first->second);
  }
  return in;
}

void check_feasible(const Instance& in) {
  const auto respondents = respondents_of(in);
  if (auto why = domain::check_feasible(in.pool, respondents))
    throw Infeasible(why->constraint, why->message);
  const Types types = make_types(in);
  const std::vector<double> zero(types.size(), 0.0);
  const auto never = Clock::time_point::max();
  if (Pricer(in, types).solve(zero, never)) return;
  const auto& cats = in.pool.quotas.categories;
  for (std::size_t c = 0; c < cats.size(); ++c)
    if (Pricer(in, types, static_cast<int>(c)).solve(zero, never))
      throw Infeasible(cats[c].name, "no panel meets the quotas on " + cats[c].name +
                                         " together with the others (without them, one does)");
  if (!types.shared.empty() && Pricer(in, types, -1, true).solve(zero, never))
    throw Infeasible("households",
                     "no panel meets every quota with at most one person per household");
  throw Infeasible("quotas", "no panel meets every quota; no single category is at fault alone");
}

Distribution maximin(const Instance& instance, Clock::time_point deadline,
                     const std::function<void(const Progress&)>& on_progress) {
  return solve(instance, deadline, on_progress, false, nullptr);
}

Distribution leximin(const Instance& instance, Clock::time_point deadline,
                     const std::function<void(const Progress&)>& on_progress) {
  return solve(instance, deadline, on_progress, true, nullptr);
}

Distribution legacy(const Instance& in, int samples, const std::string& seed) {
  const auto start = Clock::now();
  const auto respondents = respondents_of(in);
  std::map<std::string, int> index;
  for (std::size_t i = 0; i < in.ids.size(); ++i) index[in.ids[i]] = static_cast<int>(i);
  domain::LegacyGreedy greedy;
  std::map<std::vector<int>, int> seen;
  int drawn = 0;
  std::string last_error;
  for (int s = 0; s < samples; ++s) {
    try {
      auto result = greedy.select(in.pool, respondents, seed + "/" + std::to_string(s));
      std::vector<int> members;
      for (const auto& p : result.panel) members.push_back(index.at(p.person_id));
      std::sort(members.begin(), members.end());
      ++seen[members];
      ++drawn;
    } catch (const domain::PanelError& e) {
      last_error = e.what();
    }
  }
  if (drawn == 0) throw Infeasible("quotas", "the greedy draw found no panel: " + last_error);
  Distribution d;
  d.algorithm = "legacy";
  d.probability.assign(in.ids.size(), 0.0);
  for (const auto& [members, count] : seen) {
    const double p = static_cast<double>(count) / drawn;
    d.panels.push_back({members, p});
    for (int i : members) d.probability[i] += p;
  }
  d.min_probability =
      d.probability.empty() ? 0 : *std::min_element(d.probability.begin(), d.probability.end());
  d.iterations = drawn;
  d.types = make_types(in).size();
  d.seconds = seconds_since(start);
  return d;
}

Distribution select(const Instance& instance, const Options& options) {
  const auto start = Clock::now();
  const auto deadline = options.time_limit > 0
                            ? start + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(options.time_limit))
                            : Clock::time_point::max();
  check_feasible(instance);
  std::vector<std::string> fallbacks;
  auto limit = [&](const std::string& what) {
    char text[160];
    std::snprintf(text, sizeof text, "%s: the time limit of %g s ran out after %.1f s",
                  what.c_str(), options.time_limit, seconds_since(start));
    fallbacks.push_back(text);
  };
  auto finish = [&](Distribution d) {
    d.fallbacks = fallbacks;
    d.seconds = seconds_since(start);
    return d;
  };
  if (options.algorithm == Algorithm::leximin) {
    Distribution first_stage;
    try {
      return finish(solve(instance, deadline, options.on_progress, true, &first_stage,
                          options.test_failing_stage));
    } catch (const TimeLimitReached&) {
      limit("leximin");
      if (!first_stage.panels.empty()) return finish(first_stage);  // its first stage is maximin
    } catch (const SolverFailed& e) {
      fallbacks.push_back(std::string("leximin: ") + e.what());
      if (!first_stage.panels.empty()) return finish(first_stage);
    }
  }
  if (options.algorithm != Algorithm::legacy) {
    try {
      return finish(solve(instance, deadline, options.on_progress, false, nullptr));
    } catch (const TimeLimitReached&) {
      limit("maximin");
    } catch (const SolverFailed& e) {
      fallbacks.push_back(std::string("maximin: ") + e.what());
    }
  }
  if (options.legacy_samples == 0) {
    Distribution d;
    d.algorithm = "legacy";
    return finish(d);
  }
  return finish(legacy(instance, options.legacy_samples, options.seed));
}

double heaviest_panel(const Instance& in, const std::vector<double>& weights,
                      std::vector<int>* members) {
  // Over people, not types: every person a type of their own, so it checks a certificate
  // independently of the grouping the engine used.
  const Types types = make_types(in, true);
  Pricer pricer(in, types);
  auto seats = pricer.solve(weights, Clock::time_point::max());
  if (!seats) throw Infeasible("quotas", "no panel meets every quota");
  if (members) {
    members->clear();
    for (std::size_t i = 0; i < seats->size(); ++i)
      if ((*seats)[i] > 0) members->push_back(static_cast<int>(i));
  }
  return weight(weights, *seats);
}

std::vector<std::string> violations(const Instance& in, const std::vector<int>& members) {
  std::vector<std::string> out;
  if (static_cast<int>(members.size()) != in.pool.seats)
    out.push_back(std::to_string(members.size()) + " members for " + std::to_string(in.pool.seats) +
                  " seats");
  std::set<int> people, homes;
  const auto& cats = in.pool.quotas.categories;
  std::vector<std::vector<int>> count(cats.size());
  for (std::size_t c = 0; c < cats.size(); ++c) count[c].assign(cats[c].values.size(), 0);
  for (int i : members) {
    if (i < 0 || i >= static_cast<int>(in.ids.size())) {
      out.push_back("no person " + std::to_string(i));
      continue;
    }
    if (!people.insert(i).second) out.push_back(in.ids[i] + " twice");
    if (!homes.insert(in.household[i]).second)
      out.push_back(in.ids[i] + " shares a household with another member");
    for (std::size_t c = 0; c < cats.size(); ++c) ++count[c][in.values[i][c]];
  }
  for (std::size_t c = 0; c < cats.size(); ++c)
    for (std::size_t v = 0; v < cats[c].values.size(); ++v) {
      const auto& q = cats[c].values[v];
      if (count[c][v] < q.min || count[c][v] > q.max)
        out.push_back(names_of(in, static_cast<int>(c), static_cast<int>(v)) + ": " +
                      std::to_string(count[c][v]) + " members, quota " + std::to_string(q.min) +
                      "-" + std::to_string(q.max));
    }
  return out;
}

Lottery round_to_lottery(const Instance& in, const Distribution& d, int m) {
  if (m < 1) throw std::invalid_argument("a lottery needs at least one panel");
  if (d.type_panels.empty())
    throw std::invalid_argument("a lottery is made from a maximin or leximin distribution");
  const auto& members = d.type_members;
  const int n_types = static_cast<int>(members.size());
  const int n_panels = static_cast<int>(d.type_panels.size());
  // 1. Copies per type-level panel: floor(m * lambda), then the remaining copies to the panels
  //    whose rounding up keeps every type's expected seats closest (min of the max deviation).
  std::vector<int> copies(n_panels);
  std::vector<double> frac(n_panels);
  int left = m;
  for (int p = 0; p < n_panels; ++p) {
    const double x = m * d.type_panels[p].second;
    copies[p] = static_cast<int>(std::floor(x + 1e-9));
    frac[p] = std::max(0.0, x - copies[p]);
    left -= copies[p];
  }
  if (left > 0) {
    std::vector<int> candidates;
    for (int p = 0; p < n_panels; ++p)
      if (frac[p] > 1e-9) candidates.push_back(p);
    std::vector<int> up;
    if (static_cast<int>(candidates.size()) > left) {
      // MIP: binaries u_p (round p up), sum u = left, delta >= |sum_p (frac_p - u_p) seats_pt /
      // n_t|.
      const int nc = static_cast<int>(candidates.size());
      CoinPackedMatrix rows(false, 0, 0);
      rows.setDimensions(0, nc + 1);
      std::vector<double> lo, hi;
      {
        std::vector<int> idx(nc);
        std::iota(idx.begin(), idx.end(), 0);
        rows.appendRow(nc, idx.data(), std::vector<double>(nc, 1.0).data());
        lo.push_back(left);
        hi.push_back(left);
      }
      for (int t = 0; t < n_types; ++t) {
        std::vector<int> idx;
        std::vector<double> el;
        double target = 0;
        for (int k = 0; k < nc; ++k) {
          const int s = d.type_panels[candidates[k]].first[t];
          if (s == 0) continue;
          const double a = static_cast<double>(s) / members[t].size();
          idx.push_back(k);
          el.push_back(a);
          target += frac[candidates[k]] * a;
        }
        if (idx.empty()) continue;
        idx.push_back(nc);
        el.push_back(1.0);  // sum a u + delta >= target
        rows.appendRow(static_cast<int>(idx.size()), idx.data(), el.data());
        lo.push_back(target);
        hi.push_back(COIN_DBL_MAX);
        el.back() = -1.0;  // sum a u - delta <= target
        rows.appendRow(static_cast<int>(idx.size()), idx.data(), el.data());
        lo.push_back(-COIN_DBL_MAX);
        hi.push_back(target);
      }
      std::vector<double> col_lo(nc + 1, 0.0), col_hi(nc + 1, 1.0), obj(nc + 1, 0.0);
      col_hi[nc] = COIN_DBL_MAX;
      obj[nc] = 1.0;
      OsiClpSolverInterface s;
      s.messageHandler()->setLogLevel(0);
      s.loadProblem(rows, col_lo.data(), col_hi.data(), obj.data(), lo.data(), hi.data());
      for (int k = 0; k < nc; ++k) s.setInteger(k);
      CbcModel model(s);
      model.setLogLevel(0);
      model.messageHandler()->setLogLevel(0);
      model.solver()->messageHandler()->setLogLevel(0);
      model.setMaximumSeconds(3);
      model.initialSolve();
      model.branchAndBound();
      if (const double* x = model.bestSolution()) {
        for (int k = 0; k < nc; ++k)
          if (x[k] > 0.5) up.push_back(candidates[k]);
      }
      if (static_cast<int>(up.size()) != left) {  // no solution in time: largest remainders
        up.clear();
        std::stable_sort(candidates.begin(), candidates.end(),
                         [&](int a, int b) { return frac[a] > frac[b]; });
        up.assign(candidates.begin(), candidates.begin() + left);
      }
    } else {
      up = candidates;
      // Fewer fractional panels than copies left (only from rounding noise): the rest to the most
      // likely.
      for (int extra = left - static_cast<int>(up.size()), p = 0; extra > 0;
           --extra, p = (p + 1) % n_panels)
        up.push_back(p);
    }
    for (int p : up) ++copies[p];
  }
  // 2. Seats handed round each type's people in turn, panel after panel.
  Lottery lot;
  std::vector<std::size_t> next(n_types, 0);
  for (int p = 0; p < n_panels; ++p)
    for (int copy = 0; copy < copies[p]; ++copy) {
      std::vector<int> panel;
      for (int t = 0; t < n_types; ++t) {
        const auto& who = members[t];
        for (int s = 0; s < d.type_panels[p].first[t]; ++s)
          panel.push_back(who[next[t]++ % who.size()]);
      }
      std::sort(panel.begin(), panel.end());
      lot.panels.push_back(std::move(panel));
    }
  lot.probability.assign(in.ids.size(), 0.0);
  for (const auto& panel : lot.panels)
    for (int i : panel) lot.probability[i] += 1.0 / m;
  for (std::size_t i = 0; i < in.ids.size(); ++i) {
    lot.max_loss = std::max(lot.max_loss, d.probability[i] - lot.probability[i]);
    lot.max_gain = std::max(lot.max_gain, lot.probability[i] - d.probability[i]);
  }
  return lot;
}

std::size_t draw_panel(const Distribution& d, const std::string& seed) {
  if (d.panels.empty()) throw std::invalid_argument("an empty distribution");
  domain::SeededRandom random(seed);
  const double u = static_cast<double>(random.next_u64() >> 11) / 9007199254740992.0;  // 2^53
  double cumulative = 0;
  for (std::size_t p = 0; p < d.panels.size(); ++p) {
    cumulative += d.panels[p].probability;
    if (u < cumulative) return p;
  }
  return d.panels.size() - 1;  // u beyond a sum a rounding short of 1
}

int draw_number(int m, const std::string& seed) {
  domain::SeededRandom random(seed);
  return 1 + static_cast<int>(random.uniform(static_cast<std::uint64_t>(m)));
}

}  // namespace sortition::fair
