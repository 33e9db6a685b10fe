// The fair selection engine on the published instances (data/sortition) and on small made-up
// ones: the paper's results, the invariants every distribution must meet, the dual certificate
// checked by an independent MIP over people, the lottery, infeasibility, the time-limit fallback.
#include "domain/fair.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

#include "domain/panel_input.h"

namespace fair = sortition::fair;
namespace domain = sortition::domain;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fair::Instance load(const std::string& name, int seats, bool paper_layout,
                    bool households = false) {
  const std::string dir = std::string(SORTITION_DATA_DIR) + "/" + name + "/";
  domain::SeatPool pool{
      "roll", seats,
      domain::parse_quotas(slurp(dir + (paper_layout ? "categories.csv" : "features.csv")))};
  domain::PeopleLayout layout;
  layout.has_id = !paper_layout;
  if (households) layout.household_columns = {"address", "postcode"};
  auto people = domain::read_people(slurp(dir + (paper_layout ? "respondents.csv" : "people.csv")),
                                    pool.quotas, layout);
  return fair::make_instance(pool, people);
}

// Builds an instance from rows "id,household,value,value,..." over the categories of `quotas`.
fair::Instance made(const std::string& quotas, int seats, const std::vector<std::string>& rows) {
  domain::SeatPool pool{"roll", seats, domain::parse_quotas(quotas)};
  std::vector<domain::Respondent> people;
  for (const auto& row : rows) {
    std::vector<std::string> f;
    std::stringstream s(row);
    for (std::string x; std::getline(s, x, ',');) f.push_back(x);
    domain::Respondent r;
    r.person_id = f[0];
    r.household = f[1];
    for (std::size_t c = 0; c < pool.quotas.categories.size(); ++c)
      r.attributes[pool.quotas.categories[c].name] = f[2 + c];
    people.push_back(r);
  }
  return fair::make_instance(pool, people);
}

// Everything a distribution must satisfy, whatever the algorithm.
void expect_sound(const fair::Instance& in, const fair::Distribution& d) {
  ASSERT_FALSE(d.panels.empty());
  double total = 0;
  std::vector<double> recomputed(in.ids.size(), 0.0);
  std::set<std::vector<int>> distinct;
  for (const auto& p : d.panels) {
    EXPECT_GT(p.probability, 0);
    total += p.probability;
    EXPECT_TRUE(fair::violations(in, p.members).empty()) << fair::violations(in, p.members)[0];
    EXPECT_TRUE(distinct.insert(p.members).second) << "a panel is listed twice";
    for (int i : p.members) recomputed[i] += p.probability;
  }
  EXPECT_NEAR(total, 1.0, 1e-9);
  ASSERT_EQ(d.probability.size(), in.ids.size());
  double lowest = 1;
  for (std::size_t i = 0; i < in.ids.size(); ++i) {
    EXPECT_NEAR(d.probability[i], recomputed[i], 1e-9) << in.ids[i];
    lowest = std::min(lowest, d.probability[i]);
  }
  EXPECT_NEAR(d.min_probability, lowest, 1e-12);
}

// The certificate: y >= 0 over people, summing to 1, and the heaviest feasible panel under y,
// found by a MIP over people (not the engine's types), weighs no more than the minimum
// probability: no distribution can give everyone more.
void expect_certificate(const fair::Instance& in, const fair::Distribution& d) {
  ASSERT_EQ(d.certificate.size(), in.ids.size());
  double sum = 0;
  for (double y : d.certificate) {
    EXPECT_GE(y, 0);
    sum += y;
  }
  EXPECT_NEAR(sum, 1.0, 1e-9);
  std::vector<int> heaviest;
  const double w = fair::heaviest_panel(in, d.certificate, &heaviest);
  EXPECT_TRUE(fair::violations(in, heaviest).empty());
  EXPECT_LE(w, d.min_probability + 1e-7);
  EXPECT_NEAR(w, d.certificate_bound, 1e-7);
}

const fair::Clock::time_point kNever = fair::Clock::time_point::max();

TEST(Fair, ExampleSmall20LeximinGivesEveryoneTenPercent) {
  auto in = load("example_small_20", 20, true);
  ASSERT_EQ(in.ids.size(), 200u);
  auto d = fair::leximin(in, kNever);
  EXPECT_EQ(d.algorithm, "leximin");
  for (std::size_t i = 0; i < in.ids.size(); ++i)
    EXPECT_NEAR(d.probability[i], 0.10, 1e-4) << in.ids[i];
  expect_sound(in, d);
  expect_certificate(in, d);
}

TEST(Fair, ExampleLarge200LeximinGivesEveryoneTenPercent) {
  auto in = load("example_large_200", 200, true);
  ASSERT_EQ(in.ids.size(), 2000u);
  auto d = fair::leximin(in, kNever);
  for (std::size_t i = 0; i < in.ids.size(); ++i)
    EXPECT_NEAR(d.probability[i], 0.10, 1e-4) << in.ids[i];
  expect_sound(in, d);
  expect_certificate(in, d);
}

// LEXIMIN on paris_like_748 takes over a minute (BENCHMARKS.md); the test checks its first stage,
// MAXIMIN, which is the same column generation.
TEST(Fair, ParisLikeMaximinIsSoundAndCertified) {
  auto in = load("paris_like_748", 80, false);
  ASSERT_EQ(in.ids.size(), 748u);
  auto d = fair::maximin(in, kNever);
  EXPECT_EQ(d.algorithm, "maximin");
  EXPECT_GT(d.min_probability, 0.05);
  EXPECT_LT(d.min_probability, 80.0 / 748);
  expect_sound(in, d);
  expect_certificate(in, d);
}

// The whole LEXIMIN on the Paris-like pool (about 1.5 minutes here; its own ctest entry so it
// runs beside the rest): sound, certified, at least the MAXIMIN minimum, and every respondent at
// least the minimum.
TEST(FairSlow, ParisLikeLeximinIsSoundAndCertified) {
  auto in = load("paris_like_748", 80, false);
  std::vector<fair::Progress> seen;
  auto d = fair::leximin(in, kNever, [&](const fair::Progress& p) { seen.push_back(p); });
  EXPECT_EQ(d.algorithm, "leximin");
  // The walk reports its progress too (at every panel), before any master LP.
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.front().panels, 1);
  EXPECT_EQ(seen.front().min_probability, 0.0);
  EXPECT_GT(seen.back().min_probability, 0.07);
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].iteration, seen[i - 1].iteration);
  expect_sound(in, d);
  expect_certificate(in, d);
  auto mm = fair::maximin(in, kNever);
  EXPECT_NEAR(d.min_probability, mm.min_probability, 1e-7);
  EXPECT_NEAR(std::accumulate(d.probability.begin(), d.probability.end(), 0.0), 80.0, 1e-7);
}

// A convention-shaped pool (600 people, 60 seats, 542 types, households; tools/convention, seed 1):
// LEXIMIN takes the fast path (no stage: the LP relaxation's leximin, reached by the walk's panels
// and the master LP), and every person gets the probability the stage-by-stage engine gave
// (reference_leximin.csv: the code before the fast path could take it here, whose relaxation
// turned infeasible by rounding, went stage by stage for two minutes) within 1e-6.
TEST(FairSlow, ConventionPoolTakesTheFastPathWithTheStagesProfile) {
  auto in = load("convention_600_60", 60, false, true);
  const auto d = fair::leximin(in, kNever);
  EXPECT_EQ(d.algorithm, "leximin");
  EXPECT_EQ(d.stages, 0) << "LEXIMIN went stage by stage";
  EXPECT_EQ(d.types, 542);
  expect_sound(in, d);
  expect_certificate(in, d);
  EXPECT_NEAR(std::accumulate(d.probability.begin(), d.probability.end(), 0.0), 60.0, 1e-7);
  std::map<std::string, double> reference;
  std::istringstream rows(
      slurp(std::string(SORTITION_DATA_DIR) + "/convention_600_60/reference_leximin.csv"));
  std::string row;
  std::getline(rows, row);  // id,probability
  while (std::getline(rows, row))
    reference[row.substr(0, row.find(','))] = std::stod(row.substr(row.find(',') + 1));
  ASSERT_EQ(reference.size(), in.ids.size());
  for (std::size_t i = 0; i < in.ids.size(); ++i)
    EXPECT_NEAR(d.probability[i], reference.at(in.ids[i]), 1e-6) << in.ids[i];
}

// Two categories, households, a pool where fairness is not uniform: LEXIMIN's minimum equals
// MAXIMIN's, and beyond the minimum it raises everyone it can (its sorted probabilities dominate).
const char* kQuotas =
    "feature,value,min,max\n"
    "gender,f,3,3\ngender,m,3,3\n"
    "age,young,2,4\nage,old,2,4\n";

std::vector<std::string> small_pool() {
  return {"p1,h1,f,young", "p2,h1,m,young",  // a couple: at most one of them
          "p3,,f,young",   "p4,,f,old",     "p5,,f,old",    "p6,,f,old",    "p7,,f,old",
          "p8,,m,young",   "p9,,m,old",     "p10,,m,young", "p11,h2,m,old", "p12,h2,f,old"};
}

TEST(Fair, LeximinOnAHouseholdPoolIsSoundAndAtLeastMaximin) {
  auto in = made(kQuotas, 6, small_pool());
  auto lex = fair::leximin(in, kNever);
  auto mm = fair::maximin(in, kNever);
  expect_sound(in, lex);
  expect_sound(in, mm);
  expect_certificate(in, lex);
  expect_certificate(in, mm);
  EXPECT_NEAR(lex.min_probability, mm.min_probability, 1e-9);
  auto a = lex.probability, b = mm.probability;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  // The first place they differ, leximin is higher.
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::abs(a[i] - b[i]) > 1e-9) {
      EXPECT_GT(a[i], b[i]);
      break;
    }
  // Shared households never sit together.
  for (const auto& p : lex.panels) {
    std::set<int> homes;
    for (int i : p.members) EXPECT_TRUE(homes.insert(in.household[i]).second);
  }
  // Expected seats add up.
  EXPECT_NEAR(std::accumulate(lex.probability.begin(), lex.probability.end(), 0.0), 6.0, 1e-9);
}

// Four categories, 3 seats: the LP relaxation's leximin (minimum 0.4) is out of reach of any
// distribution over panels (minimum 1/3), so LEXIMIN cannot take its fast path and settles the
// types stage by stage. The six feasible panels are 013, 035, 036, 124, 245, 246 (0-based):
// every one holds exactly one of p2, p6, p7, so their best minimum is 1/3, and exactly one of the
// pairs {p1, p4} and {p3, p5}, who then get 1/2 each (checked by brute force over the panels).
TEST(Fair, LeximinBeyondTheRelaxationSettlesStageByStage) {
  auto in = made(
      "feature,value,min,max\n"
      "a,0,0,2\na,1,1,2\nb,0,2,2\nb,1,0,2\nc,0,2,2\nc,1,0,2\nd,0,2,3\nd,1,0,3\n",
      3,
      {"p1,,1,1,0,0", "p2,,0,0,0,1", "p3,,0,1,1,0", "p4,,1,0,1,0", "p5,,1,0,0,0", "p6,,0,0,0,0",
       "p7,,0,0,0,0"});
  auto d = fair::leximin(in, kNever);
  EXPECT_EQ(d.algorithm, "leximin");
  EXPECT_GT(d.stages, 0) << "the fast path cannot reach this relaxation";
  expect_sound(in, d);
  expect_certificate(in, d);
  const std::vector<double> expected{0.5, 1.0 / 3, 0.5, 0.5, 0.5, 1.0 / 3, 1.0 / 3};
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(d.probability[i], expected[i], 1e-7) << in.ids[i];
}

// A solver giving up in a late LEXIMIN stage (Options::test_failing_stage makes the pricing MIP
// fail there as CBC does when it stops without a panel) is never "infeasible": select() falls
// back to the first stage's MAXIMIN distribution, with its certificate, and says why.
TEST(Fair, LateStageSolverFailureFallsBackToMaximinWithItsCertificate) {
  auto in = made(
      "feature,value,min,max\n"
      "a,0,0,2\na,1,1,2\nb,0,2,2\nb,1,0,2\nc,0,2,2\nc,1,0,2\nd,0,2,3\nd,1,0,3\n",
      3,
      {"p1,,1,1,0,0", "p2,,0,0,0,1", "p3,,0,1,1,0", "p4,,1,0,1,0", "p5,,1,0,0,0", "p6,,0,0,0,0",
       "p7,,0,0,0,0"});
  fair::Options o;
  o.algorithm = fair::Algorithm::leximin;
  o.test_failing_stage = 2;
  const auto d = fair::select(in, o);
  EXPECT_EQ(d.algorithm, "maximin");
  ASSERT_EQ(d.fallbacks.size(), 1u);
  EXPECT_EQ(d.fallbacks[0].rfind("leximin: the pricing MIP", 0), 0u) << d.fallbacks[0];
  EXPECT_EQ(d.fallbacks[0].find("infeasible"), std::string::npos) << d.fallbacks[0];
  expect_sound(in, d);
  expect_certificate(in, d);
  EXPECT_NEAR(d.min_probability, 1.0 / 3, 1e-7);
  // The same failure in the first stage: MAXIMIN is computed again (the hook is LEXIMIN's only).
  o.test_failing_stage = 1;
  const auto again = fair::select(in, o);
  EXPECT_EQ(again.algorithm, "maximin");
  ASSERT_EQ(again.fallbacks.size(), 1u);
  expect_sound(in, again);
  expect_certificate(in, again);
  EXPECT_NEAR(again.min_probability, 1.0 / 3, 1e-7);
  // Without the hook, the whole LEXIMIN.
  o.test_failing_stage = 0;
  const auto whole = fair::select(in, o);
  EXPECT_EQ(whole.algorithm, "leximin");
  EXPECT_TRUE(whole.fallbacks.empty());
}

TEST(Fair, LotteryPanelsAreValidAndCloseToTheDistribution) {
  auto in = load("paris_like_748", 80, false);
  auto d = fair::maximin(in, kNever);
  const int m = 1000;
  auto lot = fair::round_to_lottery(in, d, m);
  ASSERT_EQ(lot.panels.size(), static_cast<std::size_t>(m));
  std::vector<int> count(in.ids.size(), 0);
  for (const auto& p : lot.panels) {
    EXPECT_TRUE(fair::violations(in, p).empty());
    for (int i : p) ++count[i];
  }
  double loss = 0, gain = 0;
  for (std::size_t i = 0; i < in.ids.size(); ++i) {
    EXPECT_NEAR(lot.probability[i], static_cast<double>(count[i]) / m, 1e-12);
    loss = std::max(loss, d.probability[i] - lot.probability[i]);
    gain = std::max(gain, lot.probability[i] - d.probability[i]);
  }
  EXPECT_NEAR(lot.max_loss, loss, 1e-12);
  EXPECT_NEAR(lot.max_gain, gain, 1e-12);
  EXPECT_LT(lot.max_loss, 0.02);  // "small": a few panels in a thousand
  // Interchangeable people are treated alike: within a type, counts differ by at most one.
  for (const auto& who : d.type_members) {
    int lo = m, hi = 0;
    for (int i : who) {
      lo = std::min(lo, count[i]);
      hi = std::max(hi, count[i]);
    }
    EXPECT_LE(hi - lo, 1);
  }
}

TEST(Fair, LotteryOfTheUniformExampleIsExact) {
  auto in = load("example_small_20", 20, true);
  auto lot = fair::round_to_lottery(in, fair::leximin(in, kNever), 1000);
  for (double q : lot.probability) EXPECT_NEAR(q, 0.10, 1e-12);
}

TEST(Fair, DrawsAreReproducibleFromTheSeed) {
  auto in = made(kQuotas, 6, small_pool());
  auto d = fair::leximin(in, kNever);
  const auto a = fair::draw_panel(d, "seed-1");
  EXPECT_EQ(a, fair::draw_panel(d, "seed-1"));
  EXPECT_LT(a, d.panels.size());
  std::set<std::size_t> seen;
  for (int s = 0; s < 200; ++s) seen.insert(fair::draw_panel(d, "s" + std::to_string(s)));
  EXPECT_GT(seen.size(), 1u);
  const int n = fair::draw_number(1000, "seed-1");
  EXPECT_EQ(n, fair::draw_number(1000, "seed-1"));
  EXPECT_GE(n, 1);
  EXPECT_LE(n, 1000);
}

TEST(Fair, InfeasibleQuotasNameTheCategory) {
  // Every young person is a woman: young >= 3 and women <= 2 cannot both hold.
  const char* quotas =
      "feature,value,min,max\n"
      "gender,f,0,2\ngender,m,0,4\n"
      "age,young,3,4\nage,old,0,4\n";
  auto in = made(quotas, 4,
                 {"a,,f,young", "b,,f,young", "c,,f,young", "d,,m,old", "e,,m,old", "f,,m,old"});
  try {
    fair::check_feasible(in);
    FAIL() << "expected Infeasible";
  } catch (const fair::Infeasible& e) {
    EXPECT_TRUE(e.constraint() == "gender" || e.constraint() == "age") << e.constraint();
  }
  fair::Options o;
  EXPECT_THROW(fair::select(in, o), fair::Infeasible);
  // A value's minimum above the people who have it: caught by the counting checks, named.
  auto few = made("feature,value,min,max\ngender,f,3,3\ngender,m,1,1\n", 4,
                  {"a,,f", "b,,f", "c,,m", "d,,m"});
  try {
    fair::check_feasible(few);
    FAIL() << "expected Infeasible";
  } catch (const fair::Infeasible& e) {
    EXPECT_EQ(e.constraint(), "gender f");
  }
}

TEST(Fair, TimeLimitFallsBackToMaximinThenLegacy) {
  auto in = load("paris_like_748", 80, false);
  fair::Options o;
  o.algorithm = fair::Algorithm::leximin;
  o.time_limit = 1e-6;
  o.legacy_samples = 20;
  auto d = fair::select(in, o);
  EXPECT_EQ(d.algorithm, "legacy");
  ASSERT_EQ(d.fallbacks.size(), 2u);
  EXPECT_NE(d.fallbacks[0].find("leximin"), std::string::npos);
  EXPECT_NE(d.fallbacks[1].find("maximin"), std::string::npos);
  expect_sound(in, d);
  EXPECT_TRUE(d.certificate.empty());
}

TEST(Fair, ProgressIsReported) {
  auto in = load("example_small_20", 20, true);
  std::vector<fair::Progress> seen;
  fair::leximin(in, kNever, [&](const fair::Progress& p) { seen.push_back(p); });
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().algorithm, "leximin");
  EXPECT_GT(seen.back().types, 0);
  EXPECT_GE(seen.back().seconds, seen.front().seconds);
}

TEST(PanelInput, ReadsBothLayoutsAndNamesTheLineAtFault) {
  auto q = domain::parse_quotas("feature,value,min,max\ngender,f,0,2\ngender,m,0,2\n");
  domain::PeopleLayout sf;
  sf.household_columns = {"address", "postcode"};
  auto people = domain::read_people(
      "id,gender,address,postcode\nx1,f,1 rue A,75001\nx2,m,1 RUE A ,75001\nx3,m,,\n", q, sf);
  ASSERT_EQ(people.size(), 3u);
  EXPECT_EQ(people[0].household, people[1].household);  // same address, case and spaces aside
  EXPECT_TRUE(people[2].household.empty());             // no address: shares with no one
  domain::PeopleLayout paper;
  paper.has_id = false;
  auto rows = domain::read_people("gender\nf\nm\n", q, paper);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].person_id, "0");
  EXPECT_EQ(rows[1].person_id, "1");
  auto line_of = [&](const std::string& csv, const domain::PeopleLayout& l) {
    try {
      domain::read_people(csv, q, l);
    } catch (const domain::QuotaError& e) {
      return e.line();
    }
    return -1;
  };
  EXPECT_EQ(line_of("id,gender\nx1,f\nx2,z\n", domain::PeopleLayout{}), 3);  // unknown value
  EXPECT_EQ(line_of("id,gender\nx1,f\nx1,m\n", domain::PeopleLayout{}), 3);  // duplicate id
  EXPECT_EQ(line_of("id,gender\nx1,f,extra\n", domain::PeopleLayout{}), 2);  // field count
  EXPECT_EQ(line_of("id,sex\nx1,f\n", domain::PeopleLayout{}), 1);           // no gender column
  EXPECT_EQ(line_of("gender\nf\n", domain::PeopleLayout{}), 1);              // no id column
}

}  // namespace
