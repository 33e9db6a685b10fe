#pragma once
// The members' evaluation of their mandate: a questionnaire of rating questions (a scale, say 1
// to 5) and free-text questions; each active member answers once, anonymously; the aggregate is
// published once the questionnaire closes. Pure domain: no HTTP, SQL or Kafka here.
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace membership::domain {

// A questionnaire or an answer that does not hold; `field` is a JSON pointer ("/questions/2/max").
class Invalid : public std::invalid_argument {
 public:
  Invalid(std::string field, const std::string& message)
      : std::invalid_argument(message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// draft -> open (answers accepted) -> closed (results published).
enum class EvaluationState { draft, open, closed };
std::string to_string(EvaluationState s);
std::optional<EvaluationState> parse_evaluation_state(const std::string& s);

struct Question {
  std::string id;  // [a-z0-9-], unique in the questionnaire
  std::string text;
  std::string kind;      // "rating" | "text"
  int min = 1, max = 5;  // rating scale
};

// From [{"id", "text", "kind", "min"?, "max"?}, ...]: 1 to 50 questions.
std::vector<Question> parse_questions(const nlohmann::json& questions);
nlohmann::json to_json(const std::vector<Question>& questions);

// An answer {"<question id>": rating or text, ...}, checked against the questions: every rating
// question needs an integer in its scale, a text is optional (at most 2000 characters), no
// unknown question. Returns the answer as stored (texts trimmed, empty ones left out).
nlohmann::json check_answer(const std::vector<Question>& questions, const nlohmann::json& answer);
// More bytes than any answer check_answer returns takes as JSON text (a text escaped at worst six
// bytes a byte): what an answer is padded to when it is held sealed, so its size tells nothing.
std::size_t answer_size_bound(const std::vector<Question>& questions);

// Per question: rating -> {count, distribution {"1": n, ...}, mean (null when no answer)};
// text -> {count, texts (sorted, so their order says nothing of who answered when)}.
nlohmann::json aggregate(const std::vector<Question>& questions,
                         const std::vector<nlohmann::json>& answers);

}  // namespace membership::domain
