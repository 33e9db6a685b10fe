#include "domain/answers.h"

#include <gtest/gtest.h>

using namespace sortition::domain;

TEST(AgeBand, ReadsRangesOpenEndsAndSingleAges) {
  EXPECT_EQ(age_band_range("18-24"), (std::pair{18, 24}));
  EXPECT_EQ(age_band_range("65+"), (std::pair{65, 200}));
  EXPECT_EQ(age_band_range("16"), (std::pair{16, 16}));
  EXPECT_FALSE(age_band_range("old"));
  EXPECT_FALSE(age_band_range("30-20"));
  EXPECT_FALSE(age_band_range(""));
}

// Found by the fuzzer (tests/fuzz/answer_form_fuzz.cpp): "1165+" was the range 1165 to 200, and
// "-5+" one starting at -5.
TEST(AgeBand, AgesOutsideZeroTo200AreNoBand) {
  EXPECT_FALSE(age_band_range("1165+"));
  EXPECT_FALSE(age_band_range("-5+"));
  EXPECT_FALSE(age_band_range("18-201"));
  EXPECT_EQ(age_band_range("200+"), (std::pair{200, 200}));
  EXPECT_EQ(age_band_range("0"), (std::pair{0, 0}));
}

TEST(AnswerFigures, CountsRespondentsBesideThePoolShares) {
  PoolCounts pool;
  pool.total = 10;
  pool.sex = {{"F", 6}, {"M", 4}};
  pool.arrondissement = {{"01", 3}, {"02", 7}};  // the roll pads them
  pool.birth_year = {{2000, 5}, {1950, 5}};      // in 2026: 26 and 76
  std::vector<Question> questions = {{"gender", {"F", "M"}},
                                     {"age_band", {"18-24", "25-34", "65+"}},
                                     {"arrondissement", {"1", "2"}},
                                     {"diploma", {"bac"}}};
  std::vector<std::map<std::string, std::string>> answers = {
      {{"gender", "F"}, {"age_band", "25-34"}, {"arrondissement", "2"}, {"diploma", "bac+5"}},
      {{"gender", "F"}, {"age_band", "65+"}, {"arrondissement", "2"}, {"diploma", "bac"}},
      {{"gender", "M"}, {"age_band", "65+"}, {"arrondissement", "1"}}};
  auto f = answer_figures(questions, answers, pool, 2026);
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].name, "gender");
  EXPECT_EQ(f[0].values[0].respondents, 2);
  EXPECT_DOUBLE_EQ(f[0].values[0].share, 2.0 / 3);
  EXPECT_DOUBLE_EQ(*f[0].values[0].pool_share, 0.6);
  EXPECT_EQ(f[1].values[0].respondents, 0);
  EXPECT_DOUBLE_EQ(*f[1].values[0].pool_share, 0.0);
  EXPECT_DOUBLE_EQ(*f[1].values[1].pool_share, 0.5);
  EXPECT_DOUBLE_EQ(*f[1].values[2].pool_share, 0.5);
  EXPECT_DOUBLE_EQ(*f[2].values[1].pool_share, 0.7);
  // A declared value the questions do not list comes after theirs; diplomas have no pool share.
  ASSERT_EQ(f[3].values.size(), 2u);
  EXPECT_EQ(f[3].values[1].value, "bac+5");
  EXPECT_EQ(f[3].values[1].respondents, 1);
  EXPECT_FALSE(f[3].values[0].pool_share);
}

TEST(AnswerFigures, NoAnswersYetGivesZeroSharesNotADivisionByZero) {
  auto f = answer_figures({{"gender", {"F", "M"}}}, {}, PoolCounts{}, 2026);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].values[0].share, 0);
  EXPECT_FALSE(f[0].values[0].pool_share);
}
