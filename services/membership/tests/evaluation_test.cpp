#include "domain/evaluation.h"

#include <gtest/gtest.h>

using namespace membership::domain;
using nlohmann::json;

namespace {
std::vector<Question> sample() {
  return parse_questions(json::parse(R"([
    {"id": "overall", "text": "How do you rate your mandate?", "kind": "rating", "min": 1, "max": 5},
    {"id": "again", "text": "Would you sit again?", "kind": "rating", "min": 0, "max": 1},
    {"id": "comments", "text": "Anything to add?", "kind": "text"}])"));
}
std::string field_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Invalid& e) {
    return e.field();
  }
  return "(no error)";
}
}  // namespace

TEST(Evaluation, AQuestionnaireIsCheckedNamingTheField) {
  EXPECT_EQ(sample().size(), 3u);
  EXPECT_EQ(field_of([] { parse_questions(json::array()); }), "/questions");
  EXPECT_EQ(field_of([] {
              parse_questions(json::parse(R"([{"id": "A b", "text": "t", "kind": "text"}])"));
            }),
            "/questions/0/id");
  EXPECT_EQ(
      field_of([] {
        parse_questions(json::parse(
            R"([{"id": "a", "text": "t", "kind": "text"}, {"id": "a", "text": "u", "kind": "text"}])"));
      }),
      "/questions/1/id");
  EXPECT_EQ(field_of([] {
              parse_questions(json::parse(R"([{"id": "a", "text": " ", "kind": "text"}])"));
            }),
            "/questions/0/text");
  EXPECT_EQ(field_of([] {
              parse_questions(json::parse(R"([{"id": "a", "text": "t", "kind": "poll"}])"));
            }),
            "/questions/0/kind");
  EXPECT_EQ(field_of([] {
              parse_questions(json::parse(
                  R"([{"id": "a", "text": "t", "kind": "rating", "min": 5, "max": 5}])"));
            }),
            "/questions/0/max");
}

TEST(Evaluation, AnAnswerIsCheckedAgainstTheQuestions) {
  auto qs = sample();
  auto ok = check_answer(qs, json::parse(R"({"overall": 4, "again": 1, "comments": "  merci  "})"));
  EXPECT_EQ(ok["comments"], "merci");
  EXPECT_FALSE(check_answer(qs, json::parse(R"({"overall": 4, "again": 0, "comments": "   "})"))
                   .contains("comments"));
  EXPECT_EQ(field_of([&] { check_answer(qs, json::parse(R"({"again": 1})")); }),
            "/answers/overall");
  EXPECT_EQ(field_of([&] { check_answer(qs, json::parse(R"({"overall": 6, "again": 1})")); }),
            "/answers/overall");
  EXPECT_EQ(field_of([&] { check_answer(qs, json::parse(R"({"overall": "5", "again": 1})")); }),
            "/answers/overall");
  EXPECT_EQ(
      field_of([&] { check_answer(qs, json::parse(R"({"overall": 5, "again": 1, "extra": 1})")); }),
      "/answers/extra");
}

TEST(Evaluation, TheAggregateCountsDistributesAndAveragesAndSortsTheTexts) {
  auto qs = sample();
  std::vector<json> answers = {json::parse(R"({"overall": 5, "again": 1, "comments": "zèle"})"),
                               json::parse(R"({"overall": 4, "again": 1, "comments": "bravo"})"),
                               json::parse(R"({"overall": 3, "again": 0})")};
  auto a = aggregate(qs, answers);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[0]["count"], 3);
  EXPECT_EQ(a[0]["distribution"]["1"], 0);
  EXPECT_EQ(a[0]["distribution"]["5"], 1);
  EXPECT_DOUBLE_EQ(a[0]["mean"].get<double>(), 4.0);
  EXPECT_EQ(a[1]["distribution"]["0"], 1);
  EXPECT_EQ(a[2]["count"], 2);
  EXPECT_EQ(a[2]["texts"], json::parse(R"(["bravo", "zèle"])"));
  EXPECT_TRUE(aggregate(qs, {})[0]["mean"].is_null());
}

TEST(Evaluation, EveryAnswerIsShorterThanTheBoundItIsPaddedTo) {
  const auto questions = sample();
  const auto bound = answer_size_bound(questions);
  // The longest: the top ratings and a text of 2000 bytes that each escape to six (\u0001).
  auto worst = check_answer(
      questions, {{"overall", 5}, {"again", 1}, {"comments", std::string(2000, '\x01')}});
  EXPECT_LT(worst.dump().size(), bound);
  EXPECT_LT(check_answer(questions, {{"overall", 1}, {"again", 0}}).dump().size(), bound);
  EXPECT_GT(bound, 6 * 2000u) << "room for the longest text, escaped";
}
