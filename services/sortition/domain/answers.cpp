#include "domain/answers.h"

#include <algorithm>
#include <charconv>

namespace sortition::domain {

namespace {

std::optional<int> number(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::string_view without_leading_zeros(std::string_view s) {
  while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
  return s;
}

// The pool's share of one value of a category, when the pool holds that category.
std::optional<double> pool_share(const std::string& category, const std::string& value,
                                 const PoolCounts& pool, int year) {
  if (pool.total <= 0) return std::nullopt;
  auto share = [&](long long n) {
    return static_cast<double>(n) / static_cast<double>(pool.total);
  };
  auto count_in = [](const std::map<std::string, long long>& m, const std::string& key) {
    auto it = m.find(key);
    return it == m.end() ? 0LL : it->second;
  };
  if (category == "gender") return share(count_in(pool.sex, value));
  if (category == "arrondissement") {
    // The roll writes "08", an answer "8": the same arrondissement.
    long long n = 0;
    for (const auto& [a, count] : pool.arrondissement)
      if (without_leading_zeros(a) == without_leading_zeros(value)) n += count;
    return share(n);
  }
  if (category == "age_band") {
    auto range = age_band_range(value);
    if (!range) return std::nullopt;
    long long n = 0;
    for (const auto& [born, count] : pool.birth_year) {
      const int age = year - born;
      if (age >= range->first && age <= range->second) n += count;
    }
    return share(n);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::pair<int, int>> age_band_range(std::string_view band) {
  constexpr int kOldest = 200;  // the open end of "65+"
  // An age: 0 to kOldest.
  auto age = [&](std::string_view s) -> std::optional<int> {
    auto v = number(s);
    if (!v || *v < 0 || *v > kOldest) return std::nullopt;
    return v;
  };
  if (!band.empty() && band.back() == '+') {
    if (auto low = age(band.substr(0, band.size() - 1))) return std::pair{*low, kOldest};
    return std::nullopt;
  }
  if (auto dash = band.find('-'); dash != std::string_view::npos) {
    auto low = age(band.substr(0, dash));
    auto high = age(band.substr(dash + 1));
    if (low && high && *low <= *high) return std::pair{*low, *high};
    return std::nullopt;
  }
  if (auto one = age(band)) return std::pair{*one, *one};
  return std::nullopt;
}

std::vector<CategoryFigures> answer_figures(
    const std::vector<Question>& questions,
    const std::vector<std::map<std::string, std::string>>& interested, const PoolCounts& pool,
    int year) {
  std::vector<CategoryFigures> out;
  const auto total = static_cast<double>(interested.size());
  for (const auto& q : questions) {
    CategoryFigures c{q.name, {}};
    std::vector<std::string> values = q.values;
    std::map<std::string, long long> counts;
    for (const auto& answer : interested) {
      auto it = answer.find(q.name);
      if (it == answer.end()) continue;
      ++counts[it->second];
      if (std::find(values.begin(), values.end(), it->second) == values.end())
        values.push_back(it->second);
    }
    for (const auto& v : values) {
      const long long n = counts[v];
      c.values.push_back({v, n, total > 0 ? static_cast<double>(n) / total : 0.0,
                          pool_share(q.name, v, pool, year)});
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace sortition::domain
