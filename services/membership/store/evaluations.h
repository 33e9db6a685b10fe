#pragma once
// SQL for the members' evaluation of their mandate: the questionnaires, who answered (to answer
// once) and the answers, kept apart so that nothing joins an answer to a member.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/service/reseal.h"
#include "domain/evaluation.h"

namespace membership::store {

struct Evaluation {
  std::string id, assembly_id, title;
  domain::EvaluationState state = domain::EvaluationState::draft;
  std::vector<domain::Question> questions;
  std::string plenary_session_id;  // the plenary session it is presented at; "" when not named
};

// FOR UPDATE when `for_update`.
std::optional<Evaluation> find_evaluation(pqxx::transaction_base& tx, const std::string& id,
                                          bool for_update = false);
// The assembly's questionnaires, oldest first.
std::vector<Evaluation> evaluations_of(pqxx::transaction_base& tx, const std::string& assembly_id);
void insert_evaluation(pqxx::work& tx, const Evaluation& e, const std::string& by);
// Moves it to `to`, stamping opened_at or closed_at.
void set_evaluation_state(pqxx::work& tx, const std::string& id, domain::EvaluationState to);
long respondents(pqxx::transaction_base& tx, const std::string& evaluation_id);
// The member answered (false when they had already); the answer goes apart, under its own id.
bool record_respondent(pqxx::work& tx, const std::string& evaluation_id,
                       const std::string& member_id);
// While the evaluation is open an answer is held sealed, under a random id of its own; at the close
// every held answer is released at once.
struct HeldAnswer {
  std::string held_id, sealed;
};
void insert_held_answer(pqxx::work& tx, const std::string& evaluation_id, const HeldAnswer& a);
std::vector<HeldAnswer> held_answers(pqxx::transaction_base& tx, const std::string& evaluation_id);
// Writes the released answers in one statement, under fresh random response ids and in their
// order (nothing of the answering order), and deletes the held ones.
void release_answers(pqxx::work& tx, const std::string& evaluation_id,
                     const std::vector<nlohmann::json>& answers);
std::vector<nlohmann::json> answers_of(pqxx::transaction_base& tx,
                                       const std::string& evaluation_id);
// The evaluations a member answered, by id.
std::vector<std::string> evaluations_answered(pqxx::transaction_base& tx,
                                              const std::string& member_id);

// Re-sealing (assembly/service/reseal.h): held answers whose value does not begin with `current`,
// after the key `after` (evaluation id, held id), locked; written back if unchanged; how many
// remain.
std::vector<assembly::service::SealedRow> held_answers_to_reseal(
    pqxx::work& tx, const std::vector<std::string>& after, const std::string& current, int limit);
bool reseal_held_answer(pqxx::work& tx, const assembly::service::SealedRow& row,
                        const std::string& resealed);
long held_answers_not_under(pqxx::work& tx, const std::string& current);

}  // namespace membership::store
