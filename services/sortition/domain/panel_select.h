#pragma once
// The stratified panel draw: for each seat pool, `seats` respondents of that pool within every
// quota and at most one per household, reproducibly from a public seed; and the replacement of a
// member who leaves. The algorithms are described exactly in the service README so anyone holding
// the seed, the quota file and the respondent list can redo them.
// Pure domain: no HTTP, SQL or Kafka here.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/quotas.h"

namespace sortition::domain {

// A draw or a replacement that cannot be made; constraint() names what fails ("age 18-24",
// "sex", "respondent p12", or the pool name).
class PanelError : public std::runtime_error {
 public:
  PanelError(std::string constraint, const std::string& message)
      : std::runtime_error(message), constraint_(std::move(constraint)) {}
  const std::string& constraint() const { return constraint_; }

 private:
  std::string constraint_;
};

struct PanelResult {
  std::string pool;
  std::string algorithm;  // recorded with the draw so it can be redone with the same code
  std::string version;
  std::vector<Respondent> panel;    // in draw order
  std::vector<Respondent> reserve;  // the other eligible respondents, in reserve order
  // person_id -> probability of being selected, for algorithms that compute it (LEXIMIN); empty
  // for the greedy draw, whose probabilities are unknown.
  std::map<std::string, double> probabilities;
  int attempts = 0;  // attempts the draw took (1 = first try)
};

// Where a panel algorithm plugs in. select() draws one seat pool from the respondents of that
// pool (others are ignored) and throws PanelError when it cannot; same inputs, same result.
class PanelAlgorithm {
 public:
  virtual ~PanelAlgorithm() = default;
  virtual std::string name() const = 0;
  virtual std::string version() const = 0;
  virtual PanelResult select(const SeatPool& pool, const std::vector<Respondent>& respondents,
                             const std::string& seed) const = 0;
};

// The Sortition Foundation's "legacy" greedy draw with retries (README, "The stratified draw").
// It is not fair in the paper's sense (some respondents are much likelier to be drawn than
// others); it is what the Foundation used before LEXIMIN and needs no solver.
class LegacyGreedy final : public PanelAlgorithm {
 public:
  static constexpr int kDefaultMaxAttempts = 1000;
  explicit LegacyGreedy(int max_attempts = kDefaultMaxAttempts) : max_attempts_(max_attempts) {}
  std::string name() const override { return "legacy-greedy"; }
  std::string version() const override { return "1"; }
  PanelResult select(const SeatPool& pool, const std::vector<Respondent>& respondents,
                     const std::string& seed) const override;

 private:
  int max_attempts_;
};

// Draws every seat pool of the spec, in spec order, each from the seed `seed + "/" + pool name`
// so pools do not share random numbers. Throws PanelError for the first pool that fails, or when
// two pools have the same name.
std::vector<PanelResult> select_panels(const PanelSpec& spec,
                                       const std::vector<Respondent>& respondents,
                                       const std::string& seed, const PanelAlgorithm& algorithm);

// The index of r's value for `cat` in the quota set; throws PanelError naming the respondent
// when r has no value for it or one the quota set does not list.
int value_index(const QuotaCategory& cat, const Respondent& r);

// What is wrong with a complete panel: its size against the seats, members of another pool,
// values outside [min, max] (or missing from the quota set), two members of one household. Empty
// when the panel is valid.
std::vector<std::string> panel_violations(const SeatPool& pool,
                                          const std::vector<Respondent>& panel);

struct ReplacementResult {
  Respondent replacement;
  // False when no one left could bring the panel back within every quota: the replacement is
  // then the one leaving the smallest total violation, and `unmet` says what stays unmet.
  bool quotas_met = true;
  int violation = 0;  // total quota violation with the replacement (README), 0 when quotas_met
  std::vector<std::string> unmet;  // e.g. "age 18-24: 6 members, min 7"
  std::string message;             // one sentence for the secretariat when !quotas_met
  std::uint64_t next_counter = 0;  // counter to pass to the next replacement of this draw
};

// Chooses one replacement for a panel that lost member(s) (README, "Replacements").
//  - panel: the current members of the seat pool, leavers removed;
//  - remaining: respondents who may replace (not selected, not already replacements); those of
//    another pool, already on the panel, or sharing a household with a member are skipped here;
//  - reserve_order: person ids in reserve order (PanelResult::reserve); candidates on it are tried
//    in that order, the others after them in a random order drawn from (seed, counter).
// Several leavers: call once per seat, adding each replacement to the panel and removing it from
// remaining. Throws PanelError when the panel is already full or no one is left.
ReplacementResult choose_replacement(const SeatPool& pool, const std::vector<Respondent>& panel,
                                     const std::vector<Respondent>& remaining,
                                     const std::vector<std::string>& reserve_order,
                                     const std::string& seed, std::uint64_t counter);

}  // namespace sortition::domain
