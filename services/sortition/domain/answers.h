#pragma once
// The answers to an invitation draw as they come, counted by criterion against the pool's shares:
// what the secretariat follows while the call is open. Pure domain: no HTTP, SQL or Kafka here.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/quotas.h"

namespace sortition::domain {

// What the pool (the roll) holds in clear about its people, counted: sex, birth year and
// arrondissement (the pool's snapshot columns). Diplomas and self-declared genders are not there.
struct PoolCounts {
  long long total = 0;
  std::map<std::string, long long> sex;
  std::map<std::string, long long> arrondissement;
  std::map<int, long long> birth_year;
};

struct ValueFigure {
  std::string value;
  long long respondents = 0;         // interested respondents who declared it
  double share = 0;                  // of the interested respondents (0 when there are none)
  std::optional<double> pool_share;  // of the pool, when the pool holds this criterion
};

struct CategoryFigures {
  std::string name;
  std::vector<ValueFigure> values;  // the questions' values in order, then any other declared
};

// An age band as the questions write it: "18-24" (both ends included), "65+" (65 and over) or
// "16" (one age), ages from 0 to 200. nullopt for anything else.
std::optional<std::pair<int, int>> age_band_range(std::string_view band);

// Per question (in order) and value: the interested respondents' count and share, beside the
// pool's share where the pool holds the criterion: `gender` from the roll's sex, `age_band` from
// the birth year (age = `year` − birth year), `arrondissement` as a number (the roll's "08" is
// an answer's "8"). Any other category
// (diploma) has no pool share.
std::vector<CategoryFigures> answer_figures(
    const std::vector<Question>& questions,
    const std::vector<std::map<std::string, std::string>>& interested, const PoolCounts& pool,
    int year);

}  // namespace sortition::domain
