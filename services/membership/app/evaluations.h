#pragma once
// The evaluation's use cases: make a questionnaire, open and close it, answer once, the results.
// They throw core::Refused; no HTTP here.
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/events/outbox.h"
#include "assembly/pii/pii.h"
#include "assembly/service/reseal.h"
#include "store/evaluations.h"

namespace membership::app {

struct EvaluationView {
  store::Evaluation evaluation;
  long responses = 0;
};

// Refused: not_found.
EvaluationView evaluation_view(pqxx::transaction_base& tx, const std::string& id);
// The assembly's questionnaires, oldest first, each with how many answered and whether
// `member_id` ("": nobody) has. Refused: not_found.
struct ListedEvaluation {
  EvaluationView view;
  bool answered = false;
};
std::vector<ListedEvaluation> assembly_evaluations(pqxx::transaction_base& tx,
                                                   const std::string& assembly_id,
                                                   const std::string& member_id);
// A draft questionnaire for an existing assembly, naming the plenary session it is presented at
// (a workshops session id; "" for none). Refused: not_found.
EvaluationView create_evaluation(pqxx::work& tx, const std::string& assembly_id,
                                 const std::string& title,
                                 const std::vector<domain::Question>& questions,
                                 const std::string& by, const std::string& plenary_session_id = "");
// draft -> open, open -> closed (the held answers released, all at once); `action` ("open",
// "close") names it in the refusal.
EvaluationView move_evaluation(pqxx::work& tx, const assembly::events::Outbox& outbox,
                               const assembly::pii::Keyring& keyring, const std::string& id,
                               const std::string& action, domain::EvaluationState from,
                               domain::EvaluationState to);
// An active member of the assembly answers once, anonymously: who answered is recorded at once,
// the answer held sealed under `keyring` until the close. Refused: not_found, conflict,
// forbidden, invalid (the answer).
void answer_evaluation(pqxx::work& tx, const assembly::pii::Keyring& keyring, const std::string& id,
                       const std::string& member_id, const nlohmann::json& answers);
struct Results {
  store::Evaluation evaluation;
  std::size_t responses = 0;
  nlohmann::json questions;  // domain::aggregate
};
// Once closed. Refused: not_found, conflict.
Results evaluation_results(pqxx::transaction_base& tx, const std::string& id);

// The answers held until an evaluation closes, as a sealed column (`membership --reseal`).
assembly::service::SealedColumn sealed_held_answers();

}  // namespace membership::app
