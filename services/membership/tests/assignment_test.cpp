#include "domain/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

using namespace membership::domain;

namespace {

const std::vector<std::string> kThemes = {"A", "B", "C"};

std::string id(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "m%03d", i);
  return buf;
}

std::map<std::string, int> sizes(const std::vector<Placement>& out,
                                 const std::vector<std::string>& workshops) {
  std::map<std::string, int> s;
  for (const auto& w : workshops) s[w] = 0;
  for (const auto& p : out) ++s[p.workshop];
  return s;
}

int total_rank(const std::vector<Placement>& out, int workshops) {
  int sum = 0;
  for (const auto& p : out) sum += p.preference_rank < 0 ? workshops : p.preference_rank;
  return sum;
}

// The rank the member's preferences give `workshop`, -1 when not listed.
int rank_in(const Candidate& c, const std::string& workshop) {
  auto it = std::find(c.preferences.begin(), c.preferences.end(), workshop);
  return it == c.preferences.end() ? -1 : static_cast<int>(it - c.preferences.begin());
}

// Every newcomer placed once, output sorted by id, ranks consistent with the preferences.
void expect_well_formed(const std::vector<Candidate>& in, const std::vector<Placement>& out) {
  ASSERT_EQ(out.size(), in.size());
  std::map<std::string, const Candidate*> by_id;
  for (const auto& c : in) by_id[c.member_id] = &c;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(out[i - 1].member_id, out[i].member_id);
    }
    ASSERT_TRUE(by_id.count(out[i].member_id)) << out[i].member_id;
    EXPECT_EQ(out[i].preference_rank, rank_in(*by_id[out[i].member_id], out[i].workshop));
  }
}

std::vector<std::string> random_preferences(std::mt19937& rng,
                                            const std::vector<std::string>& workshops) {
  std::vector<std::string> p = workshops;
  std::shuffle(p.begin(), p.end(), rng);
  p.resize(std::uniform_int_distribution<std::size_t>(0, workshops.size())(rng));
  return p;
}

Candidate random_candidate(std::mt19937& rng, int i, const std::vector<std::string>& workshops) {
  static const std::vector<std::string> pools = {"roll", "roll", "roll", "non-eu-residents",
                                                 "minors"};
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  Candidate c{
      id(i), pools[pick(5)], {{"gender", pick(2) ? "F" : "M"}, {"age", std::to_string(pick(4))}}};
  c.preferences = random_preferences(rng, workshops);
  return c;
}

}  // namespace

// 100 members, no preferences: sizes 34/33/33 and every value of the pool, gender (50/50) and
// age band (4 x 25) within one of its share of each workshop (share = value's total * size / 100).
// Three layouts of the attributes over the ids: in blocks, interleaved, shuffled.
TEST(Assignment, NoPreferencesBalancesSizesAndComposition) {
  std::mt19937 rng(99);
  for (int layout = 0; layout < 3; ++layout) {
    std::vector<int> order(100);
    for (int i = 0; i < 100; ++i) order[i] = i;
    if (layout == 1)
      std::sort(order.begin(), order.end(),
                [](int a, int b) { return a % 4 < b % 4 || (a % 4 == b % 4 && a < b); });
    if (layout == 2) std::shuffle(order.begin(), order.end(), rng);
    std::vector<Candidate> in;
    for (int i = 0; i < 100; ++i) {
      const int k = order[i];  // blocks: the first 50 ids are women, ages 0 then 1, ...
      in.push_back({id(i),
                    k >= 80 ? "minors" : "roll",
                    {{"gender", k < 50 ? "F" : "M"}, {"age", std::to_string(k / 25)}}});
    }
    auto out = assign(in, kThemes);
    expect_well_formed(in, out);
    auto s = sizes(out, kThemes);
    std::vector<int> v = {s["A"], s["B"], s["C"]};
    std::sort(v.begin(), v.end());
    EXPECT_EQ(v, (std::vector<int>{33, 33, 34}));
    for (const auto& p : out) EXPECT_EQ(p.preference_rank, -1);

    std::map<std::string, std::string> workshop_of;
    for (const auto& p : out) workshop_of[p.member_id] = p.workshop;
    using Feature = std::function<std::string(const Candidate&)>;
    std::vector<Feature> features = {[](const Candidate& c) { return c.pool; },
                                     [](const Candidate& c) { return c.attributes.at("gender"); },
                                     [](const Candidate& c) { return c.attributes.at("age"); }};
    for (const auto& f : features) {
      std::map<std::string, int> total;
      std::map<std::pair<std::string, std::string>, int> count;
      for (const auto& c : in) ++total[f(c)], ++count[{f(c), workshop_of[c.member_id]}];
      for (const auto& [value, n] : total)
        for (const auto& w : kThemes) {
          double share = static_cast<double>(n) * s[w] / 100.0;
          EXPECT_LE(std::abs(count[{value, w}] - share), 1.0)
              << "layout " << layout << ": " << value << " in " << w;
        }
    }
  }
}

// Everyone wants A: sizes stay within one, and A takes as many as it can, including the seat
// left over by 31 = 3 * 10 + 1 (the preferences decide where the extra seat goes).
TEST(Assignment, SameFirstChoiceForAllKeepsSizesWithinOne) {
  for (int n : {30, 31, 32}) {
    std::vector<Candidate> in;
    for (int i = 0; i < n; ++i) in.push_back({id(i), "roll", {}, {"A", "B"}});
    auto out = assign(in, kThemes);
    expect_well_formed(in, out);
    auto s = sizes(out, kThemes);
    auto [lo, hi] = std::minmax({s["A"], s["B"], s["C"]});
    EXPECT_LE(hi - lo, 1) << n;
    const int capacity = (n + 2) / 3;
    EXPECT_EQ(s["A"], capacity) << n;
    int first = 0;
    for (const auto& p : out) first += p.preference_rank == 0;
    EXPECT_EQ(first, capacity) << n;
    // The second choices go to B, as far as its size allows.
    EXPECT_EQ(s["B"], (n + 1) / 3) << n;
  }
}

TEST(Assignment, CompatiblePreferencesAllGetTheirFirstChoice) {
  std::vector<Candidate> in;
  for (int i = 0; i < 30; ++i) {
    std::vector<std::string> prefs = {kThemes[i % 3], kThemes[(i + 1) % 3], kThemes[(i + 2) % 3]};
    in.push_back({id(i), "roll", {{"gender", i % 2 ? "F" : "M"}}, prefs});
  }
  auto out = assign(in, kThemes);
  expect_well_formed(in, out);
  for (const auto& p : out) EXPECT_EQ(p.preference_rank, 0) << p.member_id;
}

// Brute force over all placements whose final sizes are water-filled (they minimise the sum of
// squared sizes, an independent characterisation): the minimum total rank must match.
TEST(Assignment, RandomInstancesMatchBruteForceMinimum) {
  std::mt19937 rng(20230101);
  for (int instance = 0; instance < 200; ++instance) {
    const int n = std::uniform_int_distribution<int>(9, 12)(rng);
    std::vector<Candidate> in;
    for (int i = 0; i < n; ++i) in.push_back(random_candidate(rng, i, kThemes));
    std::map<std::string, std::vector<Candidate>> placed;
    std::vector<int> before(3, 0);
    if (instance % 2) {  // half the instances with members already placed
      for (int w = 0; w < 3; ++w) {
        before[w] = std::uniform_int_distribution<int>(0, 6)(rng);
        for (int j = 0; j < before[w]; ++j)
          placed[kThemes[w]].push_back({"p" + id(w * 10 + j), "roll", {}});
      }
    }

    // Allowed newcomer counts per workshop: those minimising the sum of squared final sizes.
    std::set<std::vector<int>> allowed;
    int best_squares = 1 << 30;
    for (int a = 0; a <= n; ++a)
      for (int b = 0; a + b <= n; ++b) {
        std::vector<int> take = {a, b, n - a - b};
        int sq = 0;
        for (int w = 0; w < 3; ++w) sq += (before[w] + take[w]) * (before[w] + take[w]);
        if (sq < best_squares) best_squares = sq, allowed.clear();
        if (sq == best_squares) allowed.insert(take);
      }
    std::vector<int> cap(3, 0);
    for (const auto& t : allowed)
      for (int w = 0; w < 3; ++w) cap[w] = std::max(cap[w], t[w]);
    int best = 1 << 30;
    std::vector<int> take(3, 0);
    std::function<void(int, int)> enumerate = [&](int i, int cost) {
      if (cost >= best) return;
      if (i == n) {
        if (allowed.count(take)) best = cost;
        return;
      }
      for (int w = 0; w < 3; ++w) {
        if (take[w] == cap[w]) continue;
        int r = rank_in(in[i], kThemes[w]);
        ++take[w];
        enumerate(i + 1, cost + (r < 0 ? 3 : r));
        --take[w];
      }
    };
    enumerate(0, 0);

    auto out = assign(in, kThemes, placed);
    expect_well_formed(in, out);
    auto s = sizes(out, kThemes);
    EXPECT_TRUE(allowed.count({s["A"], s["B"], s["C"]})) << "instance " << instance;
    EXPECT_EQ(total_rank(out, 3), best) << "instance " << instance;
  }
}

TEST(Assignment, PlacedMembersCountAndNeverMove) {
  std::map<std::string, std::vector<Candidate>> placed;
  for (int j = 0; j < 10; ++j) placed["A"].push_back({"placed" + std::to_string(j), "roll", {}});
  std::vector<Candidate> in;
  for (int i = 0; i < 14; ++i)
    in.push_back(
        {id(i), "roll", {}, i % 2 ? std::vector<std::string>{"A"} : std::vector<std::string>{}});
  auto out = assign(in, kThemes, placed);
  expect_well_formed(in, out);
  auto s = sizes(out, kThemes);
  EXPECT_EQ(s["A"], 0);  // even those who want A: it is already the largest
  EXPECT_EQ(s["B"], 7);
  EXPECT_EQ(s["C"], 7);
  for (const auto& p : out) EXPECT_EQ(p.member_id.rfind("placed", 0), std::string::npos);

  // Partly filled: A 10, B 4, C 0 with 9 newcomers. Water filling reaches level 6 (C takes 6,
  // B takes 2); the last newcomer goes to B or C: finals 10/7/6 or 10/6/7.
  placed["B"] = {
      {"pb0", "roll", {}}, {"pb1", "roll", {}}, {"pb2", "roll", {}}, {"pb3", "roll", {}}};
  in.resize(9);
  out = assign(in, kThemes, placed);
  s = sizes(out, kThemes);
  EXPECT_EQ(s["A"], 0);
  EXPECT_EQ(s["B"] + 4 + s["C"], 4 + 9);
  EXPECT_LE(std::abs((s["B"] + 4) - s["C"]), 1);
}

TEST(Assignment, PlacedMembersCountForComposition) {
  // A already has 6 women, B 6 men; the 12 newcomers (6 F, 6 M) should even it out.
  std::map<std::string, std::vector<Candidate>> placed;
  for (int j = 0; j < 6; ++j) {
    placed["A"].push_back({"pa" + std::to_string(j), "roll", {{"gender", "F"}}});
    placed["B"].push_back({"pb" + std::to_string(j), "roll", {{"gender", "M"}}});
  }
  std::vector<Candidate> in;
  for (int i = 0; i < 12; ++i) in.push_back({id(i), "roll", {{"gender", i < 6 ? "F" : "M"}}});
  auto out = assign(in, {"A", "B"}, placed);
  expect_well_formed(in, out);
  for (const auto& p : out) {
    const bool woman = p.member_id < id(6);
    EXPECT_EQ(p.workshop, woman ? "B" : "A") << p.member_id;
  }
}

TEST(Assignment, SameInputInAnyOrderGivesTheSameOutput) {
  std::mt19937 rng(7);
  std::vector<Candidate> in;
  for (int i = 0; i < 60; ++i) in.push_back(random_candidate(rng, i, kThemes));
  const auto reference = assign(in, kThemes);
  expect_well_formed(in, reference);
  for (int round = 0; round < 10; ++round) {
    std::shuffle(in.begin(), in.end(), rng);
    auto out = assign(in, kThemes);
    ASSERT_EQ(out.size(), reference.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      EXPECT_EQ(out[i].member_id, reference[i].member_id);
      EXPECT_EQ(out[i].workshop, reference[i].workshop);
      EXPECT_EQ(out[i].preference_rank, reference[i].preference_rank);
    }
  }
}

TEST(Assignment, EdgeCases) {
  EXPECT_TRUE(assign({}, kThemes).empty());
  auto out = assign({{"x", "roll", {}, {}}, {"y", "roll", {}, {"solo"}}}, {"solo"});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].workshop, "solo");
  EXPECT_EQ(out[0].preference_rank, -1);
  EXPECT_EQ(out[1].preference_rank, 0);
}

namespace {
// Expects std::invalid_argument whose message names `culprit`.
void expect_invalid(const std::function<void()>& call, const std::string& culprit) {
  try {
    call();
    ADD_FAILURE() << "no exception, expected one naming '" << culprit << "'";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(culprit), std::string::npos) << e.what();
  }
}
}  // namespace

TEST(Assignment, InvalidInputThrows) {
  const Candidate ok{"ok", "roll", {}, {"A"}};
  EXPECT_THROW(assign({ok}, {}), std::invalid_argument);
  expect_invalid([&] { assign({ok}, {"A", "B", "A"}); }, "A");
  expect_invalid([&] { assign({ok, {"", "roll", {}}}, kThemes); }, "empty");
  expect_invalid(
      [&] {
        assign({ok, {"twin", "roll", {}}, {"twin", "roll", {}}}, kThemes);
      },
      "twin");
  expect_invalid(
      [&] {
        assign({ok, {"twin", "roll", {}}}, kThemes, {{"B", {{"twin", "roll", {}}}}});
      },
      "twin");
  expect_invalid([&] { assign({ok}, kThemes, {{"B", {{"", "roll", {}}}}}); }, "empty");
  expect_invalid([&] { assign({ok, {"lost", "roll", {}, {"A", "Z"}}}, kThemes); }, "Z");
  expect_invalid([&] { assign({ok, {"lost", "roll", {}, {"A", "Z"}}}, kThemes); }, "lost");
  expect_invalid(
      [&] {
        assign({ok, {"stutter", "roll", {}, {"B", "A", "B"}}}, kThemes);
      },
      "stutter");
  expect_invalid([&] { assign({ok}, kThemes, {{"Z", {{"p", "roll", {}}}}}); }, "Z");
}

TEST(Assignment, TwoHundredMembersIsFast) {
  std::mt19937 rng(42);
  std::vector<Candidate> in;
  for (int i = 0; i < 200; ++i) {
    Candidate c = random_candidate(rng, i, kThemes);
    c.attributes["region"] = std::to_string(std::uniform_int_distribution<int>(0, 5)(rng));
    c.attributes["education"] = std::to_string(std::uniform_int_distribution<int>(0, 2)(rng));
    in.push_back(std::move(c));
  }
  auto start = std::chrono::steady_clock::now();
  auto out = assign(in, kThemes);
  auto elapsed = std::chrono::steady_clock::now() - start;
  expect_well_formed(in, out);
  auto s = sizes(out, kThemes);
  auto [lo, hi] = std::minmax({s["A"], s["B"], s["C"]});
  EXPECT_LE(hi - lo, 1);
  EXPECT_LT(std::chrono::duration<double>(elapsed).count(), 2.0);
}
