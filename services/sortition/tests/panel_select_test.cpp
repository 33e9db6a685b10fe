// The stratified draw (legacy greedy) and replacements, on a synthetic Paris-like pool.
#include "domain/panel_select.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "domain/random.h"

using namespace sortition::domain;

namespace {

// Picks an index by integer weights from the stream.
std::size_t weighted(SeededRandom& random, const std::vector<int>& weights) {
  int total = 0;
  for (int w : weights) total += w;
  auto r = static_cast<int>(random.uniform(static_cast<std::uint64_t>(total)));
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (r < weights[i]) return i;
    r -= weights[i];
  }
  return weights.size() - 1;
}

const std::vector<std::string> kAges = {"18-24", "25-34", "35-49", "50-64", "65+"};
const std::vector<std::string> kDiplomas = {"none_or_brevet", "cap_bep", "bac",
                                            "bac+2",          "bac+3_4", "bac+5"};
const std::vector<int> kArrondissementWeights = {1, 1, 2, 2, 3,  2, 2, 2,  3, 4,
                                                 7, 7, 9, 7, 12, 8, 9, 10, 9, 10};

std::string arrondissement(std::size_t i) {
  return (i < 9 ? "0" : "") + std::to_string(i + 1);
}

// 100 seats: parity 49-51, age bands, the 20 arrondissements roughly by population, diplomas.
SeatPool paris_seats() {
  std::string csv = "feature,value,min,max\nsex,female,49,51\nsex,male,49,51\n";
  const int age[][2] = {{9, 13}, {15, 20}, {22, 28}, {20, 26}, {18, 24}};
  for (std::size_t i = 0; i < kAges.size(); ++i)
    csv += "age," + kAges[i] + "," + std::to_string(age[i][0]) + "," + std::to_string(age[i][1]) +
           "\n";
  for (std::size_t i = 0; i < kArrondissementWeights.size(); ++i) {
    int share = kArrondissementWeights[i] * 100 / 116;
    csv += "arrondissement," + arrondissement(i) + "," + std::to_string(std::max(0, share - 1)) +
           "," + std::to_string(share + 2) + "\n";
  }
  const int diploma[][2] = {{12, 17}, {9, 14}, {12, 17}, {10, 15}, {15, 21}, {20, 27}};
  for (std::size_t i = 0; i < kDiplomas.size(); ++i)
    csv += "diploma," + kDiplomas[i] + "," + std::to_string(diploma[i][0]) + "," +
           std::to_string(diploma[i][1]) + "\n";
  return {"roll", 100, parse_quotas(csv)};
}

// 750 self-selected respondents: more women, older, more educated than Paris; one in six shares
// an address with the previous one.
std::vector<Respondent> paris_respondents(std::string pool = "roll", int n = 750) {
  SeededRandom random("synthetic-paris-pool/" + pool);
  std::vector<Respondent> out;
  for (int i = 0; i < n; ++i) {
    Respondent r;
    r.person_id = pool + "-" + std::to_string(10000 + i);
    r.pool = pool;
    std::size_t arr = weighted(random, kArrondissementWeights);
    r.household = "address-" + std::to_string(i);
    if (i % 6 == 5) {
      r.household = out.back().household;
      arr = std::stoul(out.back().attributes.at("arrondissement")) - 1;
    }
    r.attributes["sex"] = weighted(random, {60, 40}) == 0 ? "female" : "male";
    r.attributes["age"] = kAges[weighted(random, {8, 15, 22, 27, 28})];
    r.attributes["arrondissement"] = arrondissement(arr);
    r.attributes["diploma"] = kDiplomas[weighted(random, {10, 8, 14, 12, 20, 36})];
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::string> ids(const std::vector<Respondent>& people) {
  std::vector<std::string> out;
  for (const auto& p : people) out.push_back(p.person_id);
  return out;
}

Respondent person(std::string id, std::map<std::string, std::string> attributes,
                  std::string household = "") {
  return {std::move(id), "roll", std::move(household), std::move(attributes)};
}

// Two seats, one of each sex, age band and region.
SeatPool two_seats() {
  return {"roll", 2,
          parse_quotas("feature,value,min,max\n"
                       "sex,female,1,1\nsex,male,1,1\n"
                       "age,young,1,1\nage,old,1,1\n"
                       "region,north,1,1\nregion,south,1,1\n")};
}

}  // namespace

TEST(LegacyGreedy, EveryPanelMeetsEveryQuotaAndTheHouseholdRuleOver200Seeds) {
  const auto seats = paris_seats();
  const auto respondents = paris_respondents();
  ASSERT_EQ(check_feasible(seats, respondents), std::nullopt);
  const LegacyGreedy greedy;
  int most_attempts = 0;
  for (int s = 0; s < 200; ++s) {
    const auto seed = "paris-2023-" + std::to_string(s);
    PanelResult result = greedy.select(seats, respondents, seed);
    EXPECT_EQ(panel_violations(seats, result.panel), std::vector<std::string>{}) << seed;
    most_attempts = std::max(most_attempts, result.attempts);
    // The reserve is everyone else who could sit: no member, no member's housemate.
    std::set<std::string> homes, on_panel;
    for (const auto& m : result.panel) homes.insert(household_key(m)), on_panel.insert(m.person_id);
    std::size_t eligible_others = 0;
    for (const auto& r : respondents)
      if (!on_panel.contains(r.person_id) && !homes.contains(household_key(r))) ++eligible_others;
    EXPECT_EQ(result.reserve.size(), eligible_others) << seed;
    for (const auto& r : result.reserve) EXPECT_FALSE(homes.contains(household_key(r))) << seed;
  }
  RecordProperty("most_attempts", most_attempts);
  EXPECT_LT(most_attempts, LegacyGreedy::kDefaultMaxAttempts);
}

TEST(LegacyGreedy, TheDrawIsTheOneTheReadmeDescribes) {
  // Golden values from tests/legacy_greedy_reference.py, written from the README alone: pins the
  // algorithm (ratios, ties, exclusions, retries continuing the stream, reserve shuffle).
  SeatPool seats{"roll", 8,
                 parse_quotas("feature,value,min,max\nsex,female,2,3\nsex,male,5,6\n"
                              "age,young,4,5\nage,mid,4,5\nage,old,0,1\n")};
  std::vector<Respondent> people;
  const char* ages[] = {"young", "mid", "old"};
  for (int i = 0; i < 30; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "r%02d", i);
    people.push_back(person(
        id, {{"sex", (i * 7) % 10 < 6 ? "female" : "male"}, {"age", ages[(i * i + i / 4) % 3]}},
        i % 4 < 2 ? "h" + std::to_string(i - i % 2) : ""));
  }
  auto result = LegacyGreedy().select(seats, people, "golden-seed");
  EXPECT_EQ(ids(result.panel),
            (std::vector<std::string>{"r26", "r01", "r14", "r08", "r22", "r27", "r02", "r11"}));
  EXPECT_EQ(ids(result.reserve),
            (std::vector<std::string>{"r18", "r17", "r19", "r21", "r15", "r23", "r03",
                                      "r04", "r20", "r25", "r13", "r10", "r07", "r12",
                                      "r05", "r16", "r24", "r29", "r06", "r28"}));
  EXPECT_EQ(result.attempts, 11);
}

TEST(LegacyGreedy, SameSeedSamePanelAndReserveWhateverTheRespondentOrder) {
  const auto seats = paris_seats();
  auto respondents = paris_respondents();
  const LegacyGreedy greedy;
  auto a = greedy.select(seats, respondents, "public-seed-2023");
  std::reverse(respondents.begin(), respondents.end());
  auto b = greedy.select(seats, respondents, "public-seed-2023");
  EXPECT_EQ(ids(a.panel), ids(b.panel));
  EXPECT_EQ(ids(a.reserve), ids(b.reserve));
  EXPECT_EQ(a.attempts, b.attempts);
}

TEST(LegacyGreedy, DifferentSeedsGiveDifferentPanelsAndReserves) {
  const auto seats = paris_seats();
  const auto respondents = paris_respondents();
  const LegacyGreedy greedy;
  auto a = greedy.select(seats, respondents, "public-seed-one");
  auto b = greedy.select(seats, respondents, "public-seed-two");
  auto sa = ids(a.panel), sb = ids(b.panel);
  std::sort(sa.begin(), sa.end());
  std::sort(sb.begin(), sb.end());
  EXPECT_NE(sa, sb);
  EXPECT_NE(ids(a.reserve), ids(b.reserve));
}

TEST(LegacyGreedy, TheResultNamesTheAlgorithmAndCarriesNoProbabilities) {
  auto result = LegacyGreedy().select(paris_seats(), paris_respondents(), "public-seed-2023");
  EXPECT_EQ(result.pool, "roll");
  EXPECT_EQ(result.algorithm, "legacy-greedy");
  EXPECT_EQ(result.version, "1");
  EXPECT_TRUE(result.probabilities.empty());
  EXPECT_GE(result.attempts, 1);
}

TEST(LegacyGreedy, InfeasibleQuotasAreReportedBeforeDrawing) {
  auto seats = paris_seats();
  auto respondents = paris_respondents();
  int young = 0;
  for (auto& r : respondents) {
    if (r.attributes["age"] != "18-24") continue;
    if (++young > 4) r.attributes["age"] = "25-34";
  }
  try {
    LegacyGreedy().select(seats, respondents, "public-seed-2023");
    FAIL();
  } catch (const PanelError& e) {
    EXPECT_EQ(e.constraint(), "age 18-24");
    EXPECT_STREQ(e.what(), "age 18-24: min 9, only 4 respondents");
  }
}

TEST(LegacyGreedy, QuotasNoPanelCanMeetFailAfterTheAttemptsNamingTheConstraint) {
  // Passes the cheap checks, but the only men are young and no one young may sit.
  SeatPool seats{"roll", 2,
                 parse_quotas("feature,value,min,max\nsex,female,1,1\nsex,male,1,1\n"
                              "age,young,0,0\nage,old,2,2\n")};
  std::vector<Respondent> people = {person("a", {{"sex", "female"}, {"age", "old"}}),
                                    person("b", {{"sex", "female"}, {"age", "old"}}),
                                    person("c", {{"sex", "male"}, {"age", "young"}}),
                                    person("d", {{"sex", "male"}, {"age", "young"}})};
  ASSERT_EQ(check_feasible(seats, people), std::nullopt);
  try {
    LegacyGreedy(20).select(seats, people, "public-seed-2023");
    FAIL();
  } catch (const PanelError& e) {
    EXPECT_EQ(e.constraint(), "sex male");
    EXPECT_EQ(std::string(e.what()),
              "roll: no panel met every quota in 20 attempts; most often stuck on sex male: min 1, "
              "1 more needed but 0 eligible respondents left (20 attempts)");
  }
}

TEST(LegacyGreedy, EachSeatPoolIsDrawnFromItsOwnRespondentsAndSeed) {
  auto roll = paris_seats();
  SeatPool residents{"non-eu-residents", 4,
                     parse_quotas("feature,value,min,max\nsex,female,2,2\nsex,male,2,2\n")};
  auto respondents = paris_respondents();
  for (int i = 0; i < 12; ++i)
    respondents.push_back(
        {"res-" + std::to_string(i), "non-eu-residents", "", {{"sex", i % 3 ? "female" : "male"}}});
  const LegacyGreedy greedy;
  auto results = select_panels({{roll, residents}}, respondents, "public-seed-2023", greedy);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].pool, "roll");
  EXPECT_EQ(panel_violations(roll, results[0].panel), std::vector<std::string>{});
  EXPECT_EQ(panel_violations(residents, results[1].panel), std::vector<std::string>{});
  EXPECT_EQ(results[1].reserve.size(), 8u);
  EXPECT_EQ(ids(results[1].panel),
            ids(greedy.select(residents, respondents, "public-seed-2023/non-eu-residents").panel));
  EXPECT_THROW(select_panels({{roll, roll}}, respondents, "public-seed-2023", greedy), PanelError);
}

TEST(Replacement, ReplacingALeaverKeepsEveryQuotaWithTheFirstFittingReserve) {
  const auto seats = paris_seats();
  const auto respondents = paris_respondents();
  for (int s = 0; s < 40; ++s) {
    const auto seed = "paris-2023-" + std::to_string(s);
    auto drawn = LegacyGreedy().select(seats, respondents, seed);
    auto panel = drawn.panel;
    panel.erase(panel.begin() + (s * 7) % 100);
    auto got = choose_replacement(seats, panel, drawn.reserve, ids(drawn.reserve), seed, 0);
    EXPECT_TRUE(got.quotas_met) << seed << ": " << got.message;
    EXPECT_EQ(got.violation, 0);
    // No one earlier in the reserve would have restored every quota.
    for (const auto& earlier : drawn.reserve) {
      if (earlier.person_id == got.replacement.person_id) break;
      auto with = panel;
      with.push_back(earlier);
      EXPECT_NE(panel_violations(seats, with), std::vector<std::string>{}) << earlier.person_id;
    }
    panel.push_back(got.replacement);
    EXPECT_EQ(panel_violations(seats, panel), std::vector<std::string>{}) << seed;
  }
}

TEST(Replacement, TwoLeaversAreReplacedOneSeatAtATime) {
  const auto seats = paris_seats();
  auto drawn = LegacyGreedy().select(seats, paris_respondents(), "public-seed-2023");
  auto panel = drawn.panel;
  panel.erase(panel.begin() + 10);
  panel.erase(panel.begin() + 50);
  auto remaining = drawn.reserve;
  for (int i = 0; i < 2; ++i) {
    auto got = choose_replacement(seats, panel, remaining, ids(drawn.reserve), "s", 0);
    EXPECT_TRUE(got.quotas_met) << got.message;
    panel.push_back(got.replacement);
    std::erase_if(remaining,
                  [&](const Respondent& r) { return r.person_id == got.replacement.person_id; });
  }
  EXPECT_EQ(panel_violations(seats, panel), std::vector<std::string>{});
}

TEST(Replacement, WhenNoOneRestoresEveryQuotaTheLeastViolationIsChosenAndReported) {
  // The leaver was a young man from the south; no one left is.
  std::vector<Respondent> panel = {
      person("a", {{"sex", "female"}, {"age", "old"}, {"region", "north"}})};
  std::vector<Respondent> remaining = {
      person("b", {{"sex", "female"}, {"age", "old"}, {"region", "south"}}),  // violation 4
      person("c", {{"sex", "male"}, {"age", "old"}, {"region", "north"}}),    // violation 4
      person("d", {{"sex", "male"}, {"age", "old"}, {"region", "south"}}),    // violation 2
      person("e", {{"sex", "male"}, {"age", "old"}, {"region", "south"}}),    // violation 2
  };
  auto got = choose_replacement(two_seats(), panel, remaining, {"b", "c", "d", "e"}, "s", 0);
  EXPECT_EQ(got.replacement.person_id, "d");
  EXPECT_FALSE(got.quotas_met);
  EXPECT_EQ(got.violation, 2);
  EXPECT_EQ(got.unmet,
            (std::vector<std::string>{"age young: 0 members, min 1", "age old: 2 members, max 1"}));
  EXPECT_EQ(got.message,
            "no remaining respondent restores every quota; d leaves the least violation (2): age "
            "young: 0 members, min 1; age old: 2 members, max 1");
}

TEST(Replacement, HousematesOfMembersAndOtherPoolsAreSkipped) {
  std::vector<Respondent> panel = {
      person("a", {{"sex", "female"}, {"age", "old"}, {"region", "north"}}, "1 rue X")};
  std::vector<Respondent> remaining = {
      person("b", {{"sex", "male"}, {"age", "young"}, {"region", "south"}}, "1 rue X"),
      person("c", {{"sex", "male"}, {"age", "young"}, {"region", "south"}}),
      person("d", {{"sex", "male"}, {"age", "young"}, {"region", "south"}}, "2 rue Y"),
  };
  remaining[2].pool = "minors";
  auto got = choose_replacement(two_seats(), panel, remaining, {"b", "d", "c"}, "s", 0);
  EXPECT_EQ(got.replacement.person_id, "c");
  EXPECT_TRUE(got.quotas_met);
}

TEST(Replacement, NoRespondentLeftIsAClearError) {
  std::vector<Respondent> panel = {
      person("a", {{"sex", "female"}, {"age", "old"}, {"region", "north"}}, "1 rue X")};
  try {
    choose_replacement(two_seats(), panel, {}, {}, "s", 0);
    FAIL();
  } catch (const PanelError& e) {
    EXPECT_EQ(e.constraint(), "roll");
    EXPECT_STREQ(e.what(),
                 "roll: no respondent left to replace from (none of 0 respondents given "
                 "is eligible)");
  }
  std::vector<Respondent> housemate = {
      person("b", {{"sex", "male"}, {"age", "young"}, {"region", "south"}}, "1 rue X")};
  EXPECT_THROW(choose_replacement(two_seats(), panel, housemate, {}, "s", 0), PanelError);
  panel.push_back(person("c", {{"sex", "male"}, {"age", "young"}, {"region", "south"}}));
  EXPECT_THROW(choose_replacement(two_seats(), panel, housemate, {}, "s", 0), PanelError);
}

TEST(Replacement, RespondentsOffTheReserveListComeAfterItInASeededOrder) {
  std::vector<Respondent> panel = {
      person("a", {{"sex", "female"}, {"age", "old"}, {"region", "north"}})};
  std::vector<Respondent> remaining;
  for (int i = 0; i < 20; ++i)
    remaining.push_back(person("late-" + std::to_string(i),
                               {{"sex", "male"}, {"age", "young"}, {"region", "south"}}));
  remaining.push_back(person("listed", {{"sex", "male"}, {"age", "young"}, {"region", "south"}}));
  EXPECT_EQ(
      choose_replacement(two_seats(), panel, remaining, {"listed"}, "s", 0).replacement.person_id,
      "listed");
  remaining.pop_back();
  auto first = choose_replacement(two_seats(), panel, remaining, {}, "s", 0);
  auto again = choose_replacement(two_seats(), panel, remaining, {}, "s", 0);
  EXPECT_EQ(first.replacement.person_id, again.replacement.person_id);
  EXPECT_GT(first.next_counter, 0u);
  std::set<std::string> chosen;
  for (std::uint64_t c = 0; c < 10; ++c)
    chosen.insert(
        choose_replacement(two_seats(), panel, remaining, {}, "s", c * 100).replacement.person_id);
  EXPECT_GT(chosen.size(), 1u);
}
