#include "app/evaluations.h"

#include <algorithm>

#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "assembly/pii/padded.h"
#include "domain/lifecycle.h"
#include "events/publish.h"
#include "store/members.h"

namespace membership::app {
namespace core = assembly::core;
using domain::EvaluationState;

namespace {

store::Evaluation must_find(pqxx::transaction_base& tx, const std::string& id,
                            bool for_update = false) {
  auto e = store::find_evaluation(tx, id, for_update);
  if (!e) throw core::not_found("no evaluation " + id);
  return *e;
}

std::string held_context(const std::string& evaluation_id, const std::string& held_id) {
  return "evaluation-answer:" + evaluation_id + ":" + held_id;
}

// Opens every held answer of the evaluation and writes them all at once.
void release_held_answers(pqxx::work& tx, const assembly::pii::Keyring& keyring,
                          const std::string& id) {
  std::vector<nlohmann::json> answers;
  for (const auto& h : store::held_answers(tx, id))
    answers.push_back(nlohmann::json::parse(
        assembly::pii::open_padded(keyring, h.sealed, held_context(id, h.held_id))));
  store::release_answers(tx, id, answers);
}

}  // namespace

EvaluationView evaluation_view(pqxx::transaction_base& tx, const std::string& id) {
  auto e = must_find(tx, id);
  return {e, store::respondents(tx, id)};
}

std::vector<ListedEvaluation> assembly_evaluations(pqxx::transaction_base& tx,
                                                   const std::string& assembly_id,
                                                   const std::string& member_id) {
  if (!store::find_assembly(tx, assembly_id)) throw core::not_found("no assembly " + assembly_id);
  const auto answered =
      member_id.empty() ? std::vector<std::string>{} : store::evaluations_answered(tx, member_id);
  std::vector<ListedEvaluation> out;
  for (auto& e : store::evaluations_of(tx, assembly_id)) {
    const bool mine = std::find(answered.begin(), answered.end(), e.id) != answered.end();
    auto n = store::respondents(tx, e.id);
    out.push_back({{std::move(e), n}, mine});
  }
  return out;
}

EvaluationView create_evaluation(pqxx::work& tx, const std::string& assembly_id,
                                 const std::string& title,
                                 const std::vector<domain::Question>& questions,
                                 const std::string& by, const std::string& plenary_session_id) {
  if (!store::find_assembly(tx, assembly_id)) throw core::not_found("no assembly " + assembly_id);
  store::Evaluation e{assembly::core::new_uuid(), assembly_id, title,
                      EvaluationState::draft,     questions,   plenary_session_id};
  store::insert_evaluation(tx, e, by);
  return {e, 0};
}

EvaluationView move_evaluation(pqxx::work& tx, const assembly::events::Outbox& outbox,
                               const assembly::pii::Keyring& keyring, const std::string& id,
                               const std::string& action, EvaluationState from,
                               EvaluationState to) {
  auto e = must_find(tx, id, true);
  if (e.state != from)
    throw core::conflict("the evaluation is " + domain::to_string(e.state) + "; " + action +
                         " needs it " + domain::to_string(from));
  store::set_evaluation_state(tx, id, to);
  if (to == EvaluationState::closed) release_held_answers(tx, keyring, id);
  e.state = to;
  EvaluationView v{e, store::respondents(tx, id)};
  if (to == EvaluationState::closed) events::evaluation_closed(tx, outbox, e, v.responses);
  return v;
}

void answer_evaluation(pqxx::work& tx, const assembly::pii::Keyring& keyring, const std::string& id,
                       const std::string& member_id, const nlohmann::json& answers) {
  auto e = must_find(tx, id);
  if (e.state != EvaluationState::open)
    throw core::conflict("the evaluation is " + domain::to_string(e.state) +
                         "; answers are taken while it is open");
  auto m = store::find(tx, member_id);
  if (!m || m->assembly_id != e.assembly_id || m->status != domain::Status::active)
    throw core::forbidden("only the assembly's active members answer its evaluation");
  nlohmann::json answer;
  try {
    answer = domain::check_answer(e.questions, answers);
  } catch (const domain::Invalid& x) {
    throw core::invalid(x.what(), x.field());
  }
  if (!store::record_respondent(tx, id, member_id))
    throw core::conflict("you have answered this evaluation already");
  const auto held_id = core::new_uuid();
  store::insert_held_answer(
      tx, id,
      {held_id,
       assembly::pii::seal_padded(keyring, answer.dump(), domain::answer_size_bound(e.questions),
                                  held_context(id, held_id))});
}

Results evaluation_results(pqxx::transaction_base& tx, const std::string& id) {
  auto e = must_find(tx, id);
  if (e.state != EvaluationState::closed)
    throw core::conflict("the evaluation is " + domain::to_string(e.state) +
                         "; results are published once it closes");
  auto answers = store::answers_of(tx, id);
  auto questions = domain::aggregate(e.questions, answers);
  return {std::move(e), answers.size(), std::move(questions)};
}

assembly::service::SealedColumn sealed_held_answers() {
  return {"evaluation_answers_held.sealed", store::held_answers_to_reseal,
          store::reseal_held_answer, store::held_answers_not_under,
          [](const assembly::pii::Keyring& keyring, const assembly::service::SealedRow& row) {
            return assembly::pii::reseal_padded(keyring, row.sealed,
                                                held_context(row.key[0], row.key[1]));
          }};
}

}  // namespace membership::app
