#include "domain/invitation.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <sstream>

using namespace sortition::domain;

namespace {

// Paris's arrondissements, approximate populations (INSEE 2019), scaled to 1,350,000 voters.
std::vector<std::string> paris_like_pool() {
  const std::vector<int> population = {16000,  21000,  34000,  29000,  59000,  41000,  48000,
                                       35000,  59000,  83000,  145000, 140000, 178000, 136000,
                                       233000, 166000, 167000, 195000, 187000, 195000};
  long total = 0;
  for (int p : population) total += p;
  std::vector<std::string> pool;
  pool.reserve(1350000);
  for (std::size_t a = 0; a < population.size(); ++a) {
    long rows = population[a] * 1350000L / total;
    if (a + 1 == population.size()) rows = 1350000L - static_cast<long>(pool.size());
    char value[3];
    std::snprintf(value, sizeof value, "%02zu", a + 1);
    for (long i = 0; i < rows; ++i) pool.push_back(value);
  }
  // Interleave the strata as an import order would, deterministically.
  for (std::size_t i = pool.size() - 1; i > 0; --i) std::swap(pool[i], pool[(i * 7919) % (i + 1)]);
  return pool;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST(Invitation, SamplePositionsMatchesTheReferenceImplementation) {
  // Values from an independent Python implementation of invite-v1 (hashlib), so a change to the
  // algorithm, however small, shows up here before it breaks someone's verification.
  EXPECT_EQ(sample_positions("paris-2022", "all", 100, 5),
            (std::vector<std::int64_t>{47, 80, 95, 59, 54}));
  EXPECT_EQ(sample_positions("paris-2022", "stratum:F", 7, 7),
            (std::vector<std::int64_t>{3, 1, 2, 4, 6, 5, 0}));
}

TEST(Invitation, RejectionSamplingMatchesTheReferenceWhenItRejects) {
  // With n - i just above 2^62, about a quarter of hashes are rejected (one is, here): the only way
  // to exercise that branch, since ordinary pools reject with probability n / 2^64.
  const std::int64_t n = (std::int64_t{1} << 62) + 1;
  EXPECT_EQ(sample_positions("rejection-seed", "all", n, 8),
            (std::vector<std::int64_t>{1779940109216853948, 856711270693208009, 4273406908218433094,
                                       626614000909734832, 207458969289821366, 2411273735670126920,
                                       153989224641267249, 3320014861898435021}));
}

TEST(Invitation, SamplePositionsAreDistinctAndInRange) {
  for (std::int64_t k : {0, 1, 17, 99, 100}) {
    auto drawn = sample_positions("distinct-seed", "all", 100, k);
    ASSERT_EQ(drawn.size(), static_cast<std::size_t>(k));
    std::set<std::int64_t> unique(drawn.begin(), drawn.end());
    EXPECT_EQ(unique.size(), drawn.size());
    for (auto p : drawn) EXPECT_TRUE(p >= 0 && p < 100) << p;
  }
}

TEST(Invitation, TheSameSeedAndTagGiveTheSameDrawAndAnotherSeedOrTagDoesNot) {
  auto a = sample_positions("public-seed-2022", "all", 1000, 20);
  EXPECT_EQ(a, sample_positions("public-seed-2022", "all", 1000, 20));
  EXPECT_NE(a, sample_positions("public-seed-2023", "all", 1000, 20));
  EXPECT_NE(a, sample_positions("public-seed-2022", "stratum:all", 1000, 20));
}

TEST(Invitation, AShorterDrawIsAPrefixOfALongerOne) {
  // Draw order is meaningful (reserve lists can take the next ones): k only cuts the sequence.
  auto longer = sample_positions("prefix-seed", "all", 500, 40);
  auto shorter = sample_positions("prefix-seed", "all", 500, 10);
  EXPECT_TRUE(std::equal(shorter.begin(), shorter.end(), longer.begin()));
}

TEST(Invitation, SamplePositionsRejectsImpossibleSizes) {
  EXPECT_THROW(sample_positions("s", "all", 5, 6), std::invalid_argument);
  EXPECT_THROW(sample_positions("s", "all", 5, -1), std::invalid_argument);
  EXPECT_THROW(sample_positions("s", "all", -1, 0), std::invalid_argument);
  EXPECT_TRUE(sample_positions("s", "all", 0, 0).empty());
}

TEST(Invitation, EveryPositionIsEquallyLikelyByAChiSquareTest) {
  // 20,000 seeds, 5 of 50: each position expects 2,000 selections. Chi-square with 49 degrees of
  // freedom stays below 85.35 (its 0.999 quantile) for a uniform draw; seeds are fixed, so the
  // test cannot flake, and a biased draw (modulo bias, an off-by-one) lands far above it.
  const int n = 50, k = 5, runs = 20000;
  std::vector<int> any(n, 0), first(n, 0);
  for (int s = 0; s < runs; ++s) {
    auto drawn = sample_positions("chi-square-" + std::to_string(s), "all", n, k);
    first[drawn[0]]++;
    for (auto p : drawn) any[p]++;
  }
  auto chi_square = [](const std::vector<int>& counts, double expected) {
    double x = 0;
    for (int c : counts) x += (c - expected) * (c - expected) / expected;
    return x;
  };
  EXPECT_LT(chi_square(any, double(runs) * k / n), 85.35);
  // The first drawn alone is uniform too: draw order carries no bias.
  EXPECT_LT(chi_square(first, double(runs) / n), 85.35);
}

TEST(Invitation, AllocationGivesFloorsThenLargestRemaindersWithTiesToTheLowerStratum) {
  // 5 of {5,3,2}: floors 2,1,1 with remainders 5/10, 5/10, 0: the tie goes to stratum 0.
  EXPECT_EQ(allocate_proportionally({5, 3, 2}, 5), (std::vector<std::int64_t>{3, 1, 1}));
  // 3 of {7,2,1}: floors 2,0,0, remainders 1,6,3 (tenths): the largest, stratum 1, gets the seat.
  EXPECT_EQ(allocate_proportionally({7, 2, 1}, 3), (std::vector<std::int64_t>{2, 1, 0}));
  // Three-way tie for two seats.
  EXPECT_EQ(allocate_proportionally({1, 1, 1}, 2), (std::vector<std::int64_t>{1, 1, 0}));
  // Everyone invited: every stratum full, an empty stratum gets nothing.
  EXPECT_EQ(allocate_proportionally({10, 0, 5}, 15), (std::vector<std::int64_t>{10, 0, 5}));
  EXPECT_EQ(allocate_proportionally({4, 6}, 0), (std::vector<std::int64_t>{0, 0}));
  EXPECT_TRUE(allocate_proportionally({}, 0).empty());
}

TEST(Invitation, AllocationSumsToKAndNeverExceedsAStratum) {
  for (int t = 0; t < 2000; ++t) {
    std::vector<std::int64_t> sizes;
    std::int64_t n = 0;
    for (int s = 0; s < 1 + t % 7; ++s) {
      sizes.push_back((t * 31 + s * 17) % 13);
      n += sizes.back();
    }
    std::int64_t k = n == 0 ? 0 : (t * 7) % (n + 1);
    auto seats = allocate_proportionally(sizes, k);
    std::int64_t total = 0;
    for (std::size_t s = 0; s < sizes.size(); ++s) {
      EXPECT_LE(seats[s], sizes[s]);
      // Hamilton's quota property: floor or ceiling of the exact share (vacuous for n = 0).
      if (n > 0) {
        EXPECT_GE(seats[s] * n, k * sizes[s] - n + 1);
        EXPECT_LE(seats[s] * n, k * sizes[s] + n - 1);
      }
      total += seats[s];
    }
    EXPECT_EQ(total, k);
  }
}

TEST(Invitation, AllocationRejectsImpossibleRequests) {
  EXPECT_THROW(allocate_proportionally({3, 2}, 6), std::invalid_argument);
  EXPECT_THROW(allocate_proportionally({3, -1}, 1), std::invalid_argument);
  EXPECT_THROW(allocate_proportionally({3, 2}, -1), std::invalid_argument);
}

TEST(Invitation, AStratifiedDrawTakesEachStratumsSeatsFromItsOwnRowsStratumByStratum) {
  // Strata interleaved in pool order; "M" sorts after "F" and "X" after both.
  std::vector<std::string> pool;
  for (int i = 0; i < 100; ++i) pool.push_back(i % 10 == 9 ? "X" : i % 2 ? "M" : "F");
  auto draw = draw_invitations("stratified-seed", pool, 21);
  ASSERT_EQ(draw.strata.size(), 3u);
  std::map<std::string, std::int64_t> sizes;
  for (auto& v : pool) sizes[v]++;
  auto seats = allocate_proportionally({sizes["F"], sizes["M"], sizes["X"]}, 21);
  std::vector<std::string> values;
  for (std::size_t s = 0; s < 3; ++s) {
    values.push_back(draw.strata[s].value);
    EXPECT_EQ(draw.strata[s].size, sizes[draw.strata[s].value]);
    EXPECT_EQ(draw.strata[s].seats, seats[s]);
  }
  EXPECT_EQ(values, (std::vector<std::string>{"F", "M", "X"}));

  // Stratum s is sample_positions(seed, "stratum:" + value) over its rows in pool order.
  std::size_t next = 0;
  for (const auto& stratum : draw.strata) {
    std::vector<std::int64_t> rows;
    for (std::size_t p = 0; p < pool.size(); ++p)
      if (pool[p] == stratum.value) rows.push_back(static_cast<std::int64_t>(p));
    for (auto q : sample_positions("stratified-seed", "stratum:" + stratum.value, stratum.size,
                                   stratum.seats)) {
      ASSERT_LT(next, draw.positions.size());
      EXPECT_EQ(draw.positions[next], rows[q]);
      EXPECT_EQ(pool[draw.positions[next]], stratum.value);
      ++next;
    }
  }
  EXPECT_EQ(next, draw.positions.size());
  std::set<std::int64_t> unique(draw.positions.begin(), draw.positions.end());
  EXPECT_EQ(unique.size(), 21u);
}

TEST(Invitation, AStratifiedDrawOverParisGivesEachArrondissementItsShareExactly) {
  auto pool = paris_like_pool();
  auto draw = draw_invitations("paris-strata", pool, 10000);
  ASSERT_EQ(draw.strata.size(), 20u);
  std::vector<std::int64_t> sizes;
  for (auto& s : draw.strata) sizes.push_back(s.size);
  auto seats = allocate_proportionally(sizes, 10000);
  std::map<std::string, std::int64_t> drawn;
  for (auto p : draw.positions) drawn[pool[p]]++;
  for (std::size_t s = 0; s < 20; ++s) {
    EXPECT_EQ(draw.strata[s].seats, seats[s]);
    EXPECT_EQ(drawn[draw.strata[s].value], seats[s]) << draw.strata[s].value;
  }
}

TEST(Invitation, AnUnstratifiedDrawUsesTheTagAll) {
  auto draw = draw_invitations("plain-seed", 1000, 12);
  EXPECT_EQ(draw.positions, sample_positions("plain-seed", "all", 1000, 12));
  ASSERT_EQ(draw.strata.size(), 1u);
  EXPECT_EQ(draw.strata[0].seats, 12);
}

TEST(Invitation, TenThousandOfParisVotersAreDrawnWellUnderTwoSeconds) {
  auto start = std::chrono::steady_clock::now();
  auto drawn = sample_positions("paris-2022-speed", "all", 1350000, 10000);
  double unstratified = seconds_since(start);
  EXPECT_EQ(std::set<std::int64_t>(drawn.begin(), drawn.end()).size(), 10000u);
  EXPECT_LT(unstratified, 2.0);

  auto pool = paris_like_pool();
  start = std::chrono::steady_clock::now();
  auto draw = draw_invitations("paris-2022-speed", pool, 10000);
  double stratified = seconds_since(start);
  EXPECT_EQ(draw.positions.size(), 10000u);
  EXPECT_LT(stratified, 2.0);
  std::cout << "10,000 of 1,350,000: unstratified " << unstratified * 1000
            << " ms, by arrondissement " << stratified * 1000 << " ms\n";
}

TEST(Invitation, ResultHashIsSha256OfTheIdsEachFollowedByANewline) {
  // printf 'a\nb\n' | sha256sum
  EXPECT_EQ(result_hash({"a", "b"}),
            "911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2");
  EXPECT_EQ(snapshot_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(PoolSnapshot, WritingThenParsingGivesTheSameRows) {
  PoolSnapshot snapshot;
  snapshot.rows = {{"p-000001", "F", "1984", "11"}, {"p-000002", "M", "2004", "16"}};
  std::ostringstream out;
  write_pool_snapshot(out, snapshot);
  EXPECT_EQ(out.str(),
            "person_id,sex,birth_year,arrondissement\np-000001,F,1984,11\np-000002,M,2004,16\n");
  std::istringstream in(out.str());
  auto parsed = parse_pool_snapshot(in);
  ASSERT_EQ(parsed.rows.size(), 2u);
  EXPECT_EQ(parsed.rows[1].person_id, "p-000002");
  EXPECT_EQ(parsed.rows[1].arrondissement, "16");
  EXPECT_EQ(invitee_ids(parsed, draw_invitations("snapshot-seed", parsed, 2, "sex")),
            (std::vector<std::string>{"p-000001", "p-000002"}));
}

TEST(PoolSnapshot, AFaultySnapshotIsRejectedWithTheLineAtFault) {
  auto line_of = [](const std::string& text) -> std::int64_t {
    std::istringstream in(text);
    try {
      parse_pool_snapshot(in);
    } catch (const InvalidSnapshot& e) {
      return e.line();
    }
    return -1;
  };
  const std::string header = "person_id,sex,birth_year,arrondissement\n";
  EXPECT_EQ(line_of(""), 1);
  EXPECT_EQ(line_of("person_id,sex,arrondissement\n"), 1);
  EXPECT_EQ(line_of("person_id,sex,birth_year,arrondissement\r\n"), 1);
  EXPECT_EQ(line_of(header + "a,F,1990,01\nb,M,1990\n"), 3);
  EXPECT_EQ(line_of(header + "a,F,1990,01\nb,M,1990,01,x\n"), 3);
  EXPECT_EQ(line_of(header + "a,F,1990,01\na,M,1990,02\n"), 3);
  EXPECT_EQ(line_of(header + "c,F,1990,01\nb,M,1990,02\nc,M,1990,02\nb,M,1990,02\n"), 4);
  EXPECT_EQ(line_of(header + ",F,1990,01\n"), 2);
  EXPECT_EQ(line_of(header + "a,F,1990,01\n\n"), 3);
  EXPECT_EQ(line_of(header + "a,F,1990,01"), 2);  // no final "\n"
  EXPECT_EQ(line_of(header), -1);                 // an empty pool is a pool
}

TEST(PoolSnapshot, ValuesWithCommasAreNotWrittenAndBadColumnsAreNotStratified) {
  PoolSnapshot snapshot;
  snapshot.rows = {{"p,1", "F", "1984", "11"}};
  std::ostringstream out;
  EXPECT_THROW(write_pool_snapshot(out, snapshot), std::invalid_argument);
  EXPECT_TRUE(out.str().empty());
  EXPECT_THROW(draw_invitations("seed", PoolSnapshot{}, 0, "person_id"), std::invalid_argument);
  EXPECT_TRUE(is_stratification_column("birth_year"));
}
