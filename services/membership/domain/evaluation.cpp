#include "domain/evaluation.h"

#include <algorithm>
#include <set>

#include "assembly/core/ids.h"
#include "assembly/core/names.h"

namespace membership::domain {

namespace {
constexpr std::pair<EvaluationState, std::string_view> kEvaluationStateNames[] = {
    {EvaluationState::draft, "draft"},
    {EvaluationState::open, "open"},
    {EvaluationState::closed, "closed"}};
}  // namespace

std::string to_string(EvaluationState s) {
  return std::string(assembly::core::name_of(kEvaluationStateNames, s, "draft"));
}

std::optional<EvaluationState> parse_evaluation_state(const std::string& s) {
  return assembly::core::value_of(kEvaluationStateNames, s);
}

namespace {

using assembly::core::is_slug;

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

std::vector<Question> parse_questions(const nlohmann::json& questions) {
  if (!questions.is_array() || questions.empty() || questions.size() > 50)
    throw Invalid("/questions", "questions must be an array of 1 to 50 questions");
  std::vector<Question> out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const auto at = "/questions/" + std::to_string(i);
    const auto& q = questions[i];
    if (!q.is_object()) throw Invalid(at, "a question is an object");
    Question x;
    if (!q.contains("id") || !q["id"].is_string() || !is_slug(q["id"].get<std::string>()))
      throw Invalid(at + "/id", "id: 1 to 64 lower-case letters, digits or '-'");
    x.id = q["id"];
    if (!ids.insert(x.id).second)
      throw Invalid(at + "/id", "question id \"" + x.id + "\" is repeated");
    if (!q.contains("text") || !q["text"].is_string() || trim(q["text"]).empty() ||
        q["text"].get<std::string>().size() > 1000)
      throw Invalid(at + "/text", "text: 1 to 1000 characters");
    x.text = trim(q["text"]);
    x.kind = q.value("kind", std::string());
    if (x.kind != "rating" && x.kind != "text")
      throw Invalid(at + "/kind", "kind must be \"rating\" or \"text\"");
    if (x.kind == "rating") {
      for (const char* k : {"min", "max"})
        if (q.contains(k) && !q[k].is_number_integer())
          throw Invalid(at + "/" + k, std::string(k) + " must be an integer");
      x.min = q.value("min", 1);
      x.max = q.value("max", 5);
      if (x.min < 0 || x.max > 10 || x.min >= x.max)
        throw Invalid(at + "/max", "the scale must satisfy 0 <= min < max <= 10");
    }
    out.push_back(x);
  }
  return out;
}

nlohmann::json to_json(const std::vector<Question>& questions) {
  auto out = nlohmann::json::array();
  for (const auto& q : questions) {
    nlohmann::json j = {{"id", q.id}, {"text", q.text}, {"kind", q.kind}};
    if (q.kind == "rating") {
      j["min"] = q.min;
      j["max"] = q.max;
    }
    out.push_back(j);
  }
  return out;
}

namespace {
constexpr std::size_t kMaxAnswerText = 2000;  // bytes of a text answer
}  // namespace

std::size_t answer_size_bound(const std::vector<Question>& questions) {
  std::size_t n = 2;               // {}
  for (const auto& q : questions)  // "id":value,
    n += q.id.size() + 4 + (q.kind == "rating" ? 3 : 2 + 6 * kMaxAnswerText);
  return n + 1;  // strictly longer than any answer
}

nlohmann::json check_answer(const std::vector<Question>& questions, const nlohmann::json& answer) {
  if (!answer.is_object())
    throw Invalid("/answers", "answers must be an object {question id: answer}");
  for (const auto& [key, _] : answer.items())
    if (std::none_of(questions.begin(), questions.end(),
                     [&](const Question& q) { return q.id == key; }))
      throw Invalid("/answers/" + key, "no question \"" + key + "\" in this questionnaire");
  nlohmann::json out = nlohmann::json::object();
  for (const auto& q : questions) {
    const auto at = "/answers/" + q.id;
    if (q.kind == "rating") {
      if (!answer.contains(q.id) || !answer[q.id].is_number_integer())
        throw Invalid(at, "a rating from " + std::to_string(q.min) + " to " +
                              std::to_string(q.max) + " is required");
      int v = answer[q.id];
      if (v < q.min || v > q.max)
        throw Invalid(at, "the rating must be from " + std::to_string(q.min) + " to " +
                              std::to_string(q.max));
      out[q.id] = v;
    } else if (answer.contains(q.id)) {
      if (!answer[q.id].is_string() || answer[q.id].get<std::string>().size() > kMaxAnswerText)
        throw Invalid(at, "a text of at most 2000 characters");
      auto t = trim(answer[q.id]);
      if (!t.empty()) out[q.id] = t;
    }
  }
  return out;
}

nlohmann::json aggregate(const std::vector<Question>& questions,
                         const std::vector<nlohmann::json>& answers) {
  auto out = nlohmann::json::array();
  for (const auto& q : questions) {
    nlohmann::json r = {{"id", q.id}, {"text", q.text}, {"kind", q.kind}};
    if (q.kind == "rating") {
      nlohmann::json dist = nlohmann::json::object();
      for (int v = q.min; v <= q.max; ++v) dist[std::to_string(v)] = 0;
      long sum = 0;
      int count = 0;
      for (const auto& a : answers)
        if (a.contains(q.id) && a[q.id].is_number_integer()) {
          int v = a[q.id];
          dist[std::to_string(v)] = dist[std::to_string(v)].get<int>() + 1;
          sum += v;
          ++count;
        }
      r["count"] = count;
      r["distribution"] = dist;
      r["mean"] = count ? nlohmann::json(static_cast<double>(sum) / count) : nlohmann::json();
    } else {
      std::vector<std::string> texts;
      for (const auto& a : answers)
        if (a.contains(q.id) && a[q.id].is_string()) texts.push_back(a[q.id]);
      std::sort(texts.begin(), texts.end());
      r["count"] = texts.size();
      r["texts"] = texts;
    }
    out.push_back(r);
  }
  return out;
}

}  // namespace membership::domain
