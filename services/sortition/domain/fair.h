#pragma once
// Fair panel selection: the MAXIMIN and LEXIMIN distributions over quota-feasible panels of
// Flanigan, Gölz, Gupta, Hennig and Procaccia ("Fair algorithms for selecting citizens'
// assemblies", Nature 596, 2021), and their rounding to a uniform lottery of m panels (Flanigan,
// Kehne, Procaccia, "Fair Sortition Made Transparent", NeurIPS 2021).
//
// How (README, "Fair selection"): people with the same value in every category and nobody sharing
// their household are interchangeable, so the engine works on *types* (a type = those people) and
// on panels described by how many seats each type gets. Column generation: the restricted master
// LP over known panels is solved with COIN-OR CLP; its duals price a new panel, "the feasible
// panel of largest weight", a small MIP solved with COIN-OR CBC. The leximin optimum is symmetric
// within a type, so this is exact, not an approximation. A type-level panel is then spread over
// the type's people by systematic sampling, which keeps every probability exact.
//
// Pure domain: no HTTP, SQL or Kafka here.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/quotas.h"

namespace sortition::fair {

// One seat pool's problem: its people (respondents of that pool, in the order given) with, per
// category of the quota set, the index of their value; household[i] = index of person i's
// household, shared only by people living together.
struct Instance {
  domain::SeatPool pool;
  std::vector<std::string> ids;
  std::vector<std::vector<int>> values;  // [person][category] -> index into the category's values
  std::vector<int> household;            // [person] -> household index
};

// Builds the instance of `pool` from the respondents of that pool (others ignored), keeping their
// order. Throws domain::PanelError naming the respondent when one has no value, or a value the
// quota set does not have, for a category.
Instance make_instance(const domain::SeatPool& pool,
                       const std::vector<domain::Respondent>& respondents);

// Quotas no panel can meet. constraint names what fails ("age 18-24", "gender", "seats",
// "households"); the message is a sentence for the secretariat.
class Infeasible : public std::runtime_error {
 public:
  Infeasible(std::string constraint, const std::string& message)
      : std::runtime_error(message), constraint_(std::move(constraint)) {}
  const std::string& constraint() const { return constraint_; }

 private:
  std::string constraint_;
};

// The computation ran out of its time limit.
class TimeLimitReached : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A solver gave up: the master LP (numerically, even from a fresh basis) or the pricing MIP
// (stopped without an optimal panel, or found none twice although panels meeting every quota are
// known: once one is, "no panel" is never the quotas' fault). select() falls back as for the time
// limit, with this reason: LEXIMIN to its first stage's MAXIMIN distribution and certificate.
class SolverFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Algorithm { leximin, maximin, legacy };
std::string to_string(Algorithm a);
std::optional<Algorithm> parse_algorithm(std::string_view name);  // "leximin", "maximin", "legacy"

struct Progress {
  std::string algorithm;       // "maximin" or "leximin"
  int iteration = 0;           // panels priced so far
  int panels = 0;              // panels in the master LP
  double min_probability = 0;  // the current master's smallest probability (a lower bound)
  int fixed_types = 0;         // leximin: types whose probability is settled
  int types = 0;
  double seconds = 0;
};

struct Options {
  Algorithm algorithm = Algorithm::leximin;
  // Seconds for the whole selection, 0 = none. select() falls back from leximin to maximin to
  // legacy when it runs out (each fallback gets what is left, legacy always finishes).
  double time_limit = 0;
  std::function<void(const Progress&)> on_progress;  // called after every master solve
  // legacy: the number of greedy draws whose empirical frequencies estimate the probabilities, and
  // the seed they are drawn from. 0: select() does not draw them and returns, for legacy, only the
  // algorithm's name and the fallbacks (a caller making its own legacy draw).
  int legacy_samples = 1000;
  std::string seed = "legacy";
  // For tests only (0 = off): in LEXIMIN's column-generation stage of this number (1 is the first,
  // MAXIMIN's), the pricing MIP fails as CBC giving up does, so the fallback can be tested.
  int test_failing_stage = 0;
};

struct Panel {
  std::vector<int> members;  // person indices, ascending
  double probability = 0;
};

struct Distribution {
  std::string algorithm;               // the algorithm that produced it
  std::vector<std::string> fallbacks;  // why earlier algorithms gave up, in order
  std::vector<Panel> panels;           // probabilities sum to 1
  std::vector<double> probability;     // per person = sum over the panels holding them
  double min_probability = 0;
  // The dual certificate (maximin and leximin): weights over people, >= 0, summing to 1, such that
  // no feasible panel weighs more than certificate_bound, which is min_probability up to the
  // solver's tolerance. It proves that no distribution gives everyone more than that bound.
  std::vector<double> certificate;
  double certificate_bound = 0;
  int iterations = 0;  // pricing problems solved (legacy: draws made)
  // Column-generation stages run (maximin: 1; leximin: one per level settled). 0: LEXIMIN's fast
  // path, the LP relaxation's leximin reached by one distribution, no stage needed.
  int stages = 0;
  int types = 0;  // classes of interchangeable people
  double seconds = 0;
  // The type-level solution the panels were spread from (maximin and leximin only): the people of
  // each type, and panels as seats per type with their probabilities. round_to_lottery uses it.
  std::vector<std::vector<int>> type_members;
  std::vector<std::pair<std::vector<int>, double>> type_panels;
};

// The distribution of the chosen algorithm, with fallbacks on the time limit. Throws Infeasible
// when no panel meets the quotas (with the first category, value or rule found at fault).
Distribution select(const Instance& instance, const Options& options);

// One algorithm, no fallback. Throws TimeLimitReached past `deadline`.
using Clock = std::chrono::steady_clock;
Distribution maximin(const Instance& instance, Clock::time_point deadline,
                     const std::function<void(const Progress&)>& on_progress = {});
Distribution leximin(const Instance& instance, Clock::time_point deadline,
                     const std::function<void(const Progress&)>& on_progress = {});
Distribution legacy(const Instance& instance, int samples, const std::string& seed);

// Throws Infeasible when no panel meets the quotas and the household rule, naming what fails:
// first cheap counting checks, then the MIP itself, with each category relaxed in turn to find the
// one at fault.
void check_feasible(const Instance& instance);

// The heaviest feasible panel for per-person weights (the pricing problem, solved on its own over
// people, not types: used to check a certificate independently). Returns its weight.
double heaviest_panel(const Instance& instance, const std::vector<double>& weights,
                      std::vector<int>* members = nullptr);

// What is wrong with a panel (size, quotas, households); empty when it is valid.
std::vector<std::string> violations(const Instance& instance, const std::vector<int>& members);

// A uniform lottery: m panels, numbered 1..m, each drawn with probability 1/m.
struct Lottery {
  std::vector<std::vector<int>> panels;  // panels[n - 1] is number n
  std::vector<double> probability;       // per person: panels holding them / m
  double max_loss = 0;  // max over people of (fair probability - lottery probability), >= 0
  double max_gain = 0;  // max over people of (lottery probability - fair probability), >= 0
};

// Rounds a maximin or leximin distribution (made by this engine for this instance) to m panels:
// first the type-level panels to integer counts (a small MIP keeping every type's expected seats
// as close as possible), then each type's seats handed round its people in turn, so two people of
// a type differ by at most one panel.
Lottery round_to_lottery(const Instance& instance, const Distribution& distribution, int m);

// A draw from the distribution with a public seed: the index of the panel whose cumulative
// probability interval holds u = (first 53 bits of the seed's stream) / 2^53.
std::size_t draw_panel(const Distribution& distribution, const std::string& seed);
// The lottery's number, 1..m, uniformly from the seed.
int draw_number(int m, const std::string& seed);

}  // namespace sortition::fair
