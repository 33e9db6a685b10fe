// Quota files in the Sortition Foundation's layout, and the cheap feasibility checks.
#include "domain/quotas.h"

#include <gtest/gtest.h>

using namespace sortition::domain;

namespace {

int error_line(std::string_view csv, std::string* reason = nullptr) {
  try {
    parse_quotas(csv);
  } catch (const QuotaError& e) {
    if (reason) *reason = e.reason();
    return e.line();
  }
  ADD_FAILURE() << "no QuotaError for:\n" << csv;
  return -1;
}

Respondent person(std::string id, std::string sex, std::string age, std::string pool = "roll") {
  return {std::move(id), std::move(pool), "", {{"sex", std::move(sex)}, {"age", std::move(age)}}};
}

SeatPool two_categories(int seats) {
  return {"roll", seats,
          parse_quotas("feature,value,min,max\n"
                       "sex,female,2,3\nsex,male,2,3\n"
                       "age,young,1,3\nage,old,1,4\n")};
}

std::vector<Respondent> six_people() {
  return {person("a", "female", "young"), person("b", "female", "old"),
          person("c", "female", "old"),   person("d", "male", "young"),
          person("e", "male", "old"),     person("f", "male", "old")};
}

}  // namespace

TEST(Quotas, ReadsTheFoundationLayoutKeepingFileOrder) {
  auto q = parse_quotas(
      "feature,value,min,max\n"
      "gender,female,39,41\n"
      "age,65+,13,19\n"
      "gender,male,39,41\n"
      "age,18-24,7,11\n");
  ASSERT_EQ(q.categories.size(), 2u);
  EXPECT_EQ(q.categories[0].name, "gender");
  EXPECT_EQ(q.categories[1].name, "age");
  ASSERT_EQ(q.categories[1].values.size(), 2u);
  EXPECT_EQ(q.categories[1].values[0].value, "65+");
  EXPECT_EQ(q.categories[1].values[1].value, "18-24");
  const QuotaValue* young = q.find("age")->find("18-24");
  ASSERT_NE(young, nullptr);
  EXPECT_EQ(young->min, 7);
  EXPECT_EQ(young->max, 11);
  EXPECT_FALSE(young->min_flex.has_value());
}

TEST(Quotas, ToleratesBomCrlfSpacesQuotesBlankLinesAndColumnOrder) {
  auto q = parse_quotas(
      "\xEF\xBB\xBF"
      " Value , FEATURE,max ,min\r\n"
      "\r\n"
      " \"Paris, 11e\" , \"arrondissement\",7, 4\r\n"
      "\"say \"\"none\"\"\",diploma,3,0\r\n");
  ASSERT_EQ(q.categories.size(), 2u);
  EXPECT_EQ(q.categories[0].name, "arrondissement");
  EXPECT_EQ(q.categories[0].values[0].value, "Paris, 11e");
  EXPECT_EQ(q.categories[0].values[0].min, 4);
  EXPECT_EQ(q.categories[0].values[0].max, 7);
  EXPECT_EQ(q.categories[1].values[0].value, "say \"none\"");
}

TEST(Quotas, ReadsFlexColumnsAndLeavesEmptyCellsUnset) {
  auto q = parse_quotas(
      "feature,value,min,max,min_flex,max_flex\n"
      "sex,female,49,51,45,55\n"
      "sex,male,49,51,,\n");
  const auto& f = q.categories[0].values[0];
  EXPECT_EQ(f.min_flex, 45);
  EXPECT_EQ(f.max_flex, 55);
  EXPECT_FALSE(q.categories[0].values[1].min_flex.has_value());
  EXPECT_FALSE(q.categories[0].values[1].max_flex.has_value());
}

TEST(Quotas, ReadsThePapersCategoriesLayout) {
  auto q = parse_quotas("category,feature,min,max\ngender,female,9,20\ngender,male,9,20\n");
  ASSERT_EQ(q.categories.size(), 1u);
  EXPECT_EQ(q.categories[0].name, "gender");
  EXPECT_EQ(q.categories[0].values[1].value, "male");
}

TEST(Quotas, ExportThenParseGivesTheSameQuotaSet) {
  QuotaSet q;
  q.categories.push_back({"sex", {{"female", 49, 51, 45, 55}, {"male", 49, 51, {}, 60}}});
  q.categories.push_back({"arrondissement", {{"Paris, 11e", 4, 7, {}, {}}}});
  q.categories.push_back({"diploma", {{"say \"none\"", 0, 3, {}, {}}, {" spaced ", 1, 2, 0, {}}}});
  auto csv = export_quotas(q);
  EXPECT_TRUE(csv.starts_with("feature,value,min,max,min_flex,max_flex\n")) << csv;
  EXPECT_EQ(parse_quotas(csv), q) << csv;
  // And without flex bounds the file keeps the four-column layout.
  QuotaSet plain;
  plain.categories.push_back({"age", {{"18-24", 7, 11, {}, {}}, {"65+", 13, 19, {}, {}}}});
  EXPECT_EQ(export_quotas(plain), "feature,value,min,max\nage,18-24,7,11\nage,65+,13,19\n");
  EXPECT_EQ(parse_quotas(export_quotas(plain)), plain);
}

TEST(Quotas, ParseErrorsNameTheLineAndTheReason) {
  std::string reason;
  EXPECT_EQ(error_line("feature,value,min,max\nsex,female,49,51\nsex,male,49\n", &reason), 3);
  EXPECT_EQ(reason, "expected 4 fields as in the header, found 3");
  EXPECT_EQ(error_line("feature,value,min,max\nsex,female,4x9,51\n", &reason), 2);
  EXPECT_EQ(reason, "min must be a non-negative integer, found '4x9'");
  EXPECT_EQ(error_line("feature,value,min,max\nsex,female,49,5.1\n", &reason), 2);
  EXPECT_EQ(error_line("feature,value,min,max\nsex,female,-1,5\n", &reason), 2);
  EXPECT_EQ(error_line("feature,value,min,max\r\n\r\nsex,female,52,51\r\n", &reason), 3);
  EXPECT_EQ(reason, "sex female: min 52 is greater than max 51");
  EXPECT_EQ(
      error_line("feature,value,min,max\nsex,female,1,2\nage,old,1,2\nsex,female,1,2\n", &reason),
      4);
  EXPECT_EQ(reason, "duplicate sex female (first on line 2)");
  EXPECT_EQ(error_line("feature,value,max\nsex,female,2\n", &reason), 1);
  EXPECT_EQ(reason, "missing header column 'min'");
  EXPECT_EQ(error_line("feature,min,max\nsex,1,2\n", &reason), 1);
  EXPECT_EQ(reason, "missing header column 'value'");
  EXPECT_EQ(error_line("feature,value,min,maxx\nsex,female,1,2\n", &reason), 1);
  EXPECT_EQ(error_line("feature,value,min,max,min_flex\nsex,female,1,2,3\n", &reason), 2);
  EXPECT_EQ(reason, "sex female: min_flex 3 is greater than min 1");
  // A quoted field spanning lines: the error is on the line after the record.
  EXPECT_EQ(error_line("feature,value,min,max\n\"se\nx\",female,1,2\nsex,male,1\n"), 4);
  EXPECT_EQ(error_line("feature,value,min,max\nsex,,1,2\n", &reason), 2);
  EXPECT_EQ(reason, "the value is empty");
  EXPECT_EQ(error_line(""), 0);
  EXPECT_EQ(error_line("feature,value,min,max\n"), 0);
}

TEST(Questions, AreTheQuotaCategoriesAndValuesInFileOrder) {
  auto q = parse_quotas(
      "feature,value,min,max\nage_band,65+,1,3\ngender,F,2,3\nage_band,18-24,1,3\ngender,M,2,3\n");
  EXPECT_EQ(questions_of(q),
            (std::vector<Question>{{"age_band", {"65+", "18-24"}}, {"gender", {"F", "M"}}}));
}

TEST(Questions, WithoutAQuotaSetArePoolKindsUsualCategories) {
  auto roll = default_questions("roll");
  ASSERT_EQ(roll.size(), 4u);
  EXPECT_EQ(roll[0], (Question{"gender", {"F", "M"}}));
  EXPECT_EQ(roll[2].name, "arrondissement");
  EXPECT_EQ(roll[2].values.size(), 20u);
  EXPECT_EQ(roll[3].name, "diploma");
  EXPECT_EQ(default_questions("non-eu-residents").size(), 3u);
  EXPECT_EQ(default_questions("minors")[1], (Question{"age_band", {"16", "17"}}));
  EXPECT_TRUE(default_questions("elsewhere").empty());
}

TEST(Feasibility, AFeasiblePoolPasses) {
  EXPECT_EQ(check_feasible(two_categories(4), six_people()), std::nullopt);
}

TEST(Feasibility, AValueWithTooFewRespondentsIsNamed) {
  auto pool = two_categories(4);
  pool.quotas.categories[1].values[0].min = 3;  // age young: min 3, two young respondents
  auto why = check_feasible(pool, six_people());
  ASSERT_TRUE(why);
  EXPECT_EQ(why->constraint, "age young");
  EXPECT_EQ(why->message, "age young: min 3, only 2 respondents");
}

TEST(Feasibility, AValueWithTooFewHouseholdsIsNamed) {
  auto people = six_people();
  people[0].household = "12 rue X";
  people[3].household = "12 rue X";  // both young respondents live together
  auto pool = two_categories(4);
  pool.quotas.categories[1].values[0].min = 2;
  auto why = check_feasible(pool, people);
  ASSERT_TRUE(why);
  EXPECT_EQ(why->message, "age young: min 2, only 1 household");
}

TEST(Feasibility, MinimumsAddingUpToMoreThanTheSeatsAreNamed) {
  auto pool = two_categories(3);  // sex minimums 2 + 2
  auto why = check_feasible(pool, six_people());
  ASSERT_TRUE(why);
  EXPECT_EQ(why->constraint, "sex");
  EXPECT_EQ(why->message, "sex: the minimums add up to 4 but there are 3 seats");
}

TEST(Feasibility, MaximumsAddingUpToLessThanTheSeatsAreNamed) {
  auto pool = two_categories(5);
  pool.quotas.categories[0].values[0].max = 2;  // sex maximums 2 + 3
  pool.seats = 6;
  auto why = check_feasible(pool, six_people());
  ASSERT_TRUE(why);
  EXPECT_EQ(why->message, "sex: the maximums add up to 5 but there are 6 seats");
}

// Found by the fuzzer (tests/fuzz/panel_input_fuzz.cpp): bounds near INT_MAX, which a quota file
// may hold, made the sums overflow (undefined behaviour; "the maximums add up to -2").
TEST(Feasibility, HugeBoundsAddUpWithoutOverflow) {
  auto pool = two_categories(4);
  for (auto& v : pool.quotas.categories[0].values) v.min = v.max = 2147483647;
  auto why = check_feasible(pool, six_people());
  ASSERT_TRUE(why);
  EXPECT_EQ(why->message, "sex: the minimums add up to 4294967294 but there are 4 seats");
}

TEST(Feasibility, MaximumsTheRespondentsCannotFillAreNamed) {
  // age: young max 3 but only 2 young respondents, old max 2: at most 4 of 5 seats.
  auto pool = two_categories(5);
  pool.quotas.categories[1].values[1].max = 2;
  auto people = six_people();
  people.push_back(person("g", "female", "old"));
  auto why = check_feasible(pool, people);
  ASSERT_TRUE(why);
  EXPECT_EQ(why->constraint, "age");
  EXPECT_EQ(why->message, "age: within the maximums the respondents can fill 4 of the 5 seats");
}

TEST(Feasibility, ARespondentWithAValueOutsideTheQuotaSetIsNamed) {
  auto people = six_people();
  people[4].attributes["age"] = "17";
  auto why = check_feasible(two_categories(4), people);
  ASSERT_TRUE(why);
  EXPECT_EQ(why->constraint, "respondent e");
  EXPECT_EQ(why->message, "respondent e: age '17' is not in the quota set");
  people[4].attributes.erase("age");
  EXPECT_EQ(check_feasible(two_categories(4), people)->message,
            "respondent e has no value for age");
}

TEST(Feasibility, TooFewRespondentsOrHouseholdsForTheSeatsAreNamed) {
  auto people = six_people();
  EXPECT_EQ(check_feasible(two_categories(7), people)->message,
            "roll: 7 seats but only 6 respondents");
  for (auto& p : people) p.household = p.attributes["sex"];
  EXPECT_EQ(check_feasible(two_categories(4), people)->message,
            "roll: 4 seats but only 2 households");
}

TEST(Feasibility, RespondentsOfOtherPoolsAreIgnored) {
  auto people = six_people();
  people.push_back(person("minor", "female", "12", "minors"));  // not in the quota set, not counted
  EXPECT_EQ(check_feasible(two_categories(4), people), std::nullopt);
}
