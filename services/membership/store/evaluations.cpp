#include "store/evaluations.h"

#include "assembly/core/ids.h"
#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"

namespace membership::store {
namespace {

constexpr const char* kFind =
    "SELECT id, assembly_id, title, state, questions::text AS questions, "
    "coalesce(plenary_session_id, '') AS plenary_session_id FROM evaluations WHERE id = $1";
constexpr const char* kFindForUpdate =
    "SELECT id, assembly_id, title, state, questions::text AS questions, "
    "coalesce(plenary_session_id, '') AS plenary_session_id FROM evaluations WHERE id = $1 "
    "FOR UPDATE";
constexpr const char* kInsert =
    "INSERT INTO evaluations (id, assembly_id, title, questions, created_by, plenary_session_id) "
    "VALUES ($1, $2, $3, $4::jsonb, $5, NULLIF($6, ''))";
constexpr const char* kOpen = "UPDATE evaluations SET state = $2, opened_at = now() WHERE id = $1";
constexpr const char* kClose = "UPDATE evaluations SET state = $2, closed_at = now() WHERE id = $1";
constexpr const char* kRespondents =
    "SELECT count(*) AS n FROM evaluation_respondents WHERE evaluation_id = $1";
constexpr const char* kRecordRespondent =
    "INSERT INTO evaluation_respondents (evaluation_id, member_id) VALUES ($1, $2) "
    "ON CONFLICT DO NOTHING";
constexpr const char* kInsertHeld =
    "INSERT INTO evaluation_answers_held (evaluation_id, held_id, sealed) VALUES ($1, $2, $3)";
constexpr const char* kHeld =
    "SELECT held_id, sealed FROM evaluation_answers_held WHERE evaluation_id = $1";
constexpr const char* kRelease =
    "INSERT INTO evaluation_answers (evaluation_id, response_id, answers) "
    "SELECT $1, a.id, a.answers::jsonb FROM unnest($2::text[], $3::text[]) AS a(id, answers) "
    "ORDER BY a.id";
constexpr const char* kDropHeld = "DELETE FROM evaluation_answers_held WHERE evaluation_id = $1";
constexpr const char* kAnswersOf =
    "SELECT answers::text AS answers FROM evaluation_answers WHERE evaluation_id = $1";
constexpr const char* kOfAssembly =
    "SELECT id, assembly_id, title, state, questions::text AS questions, "
    "coalesce(plenary_session_id, '') AS plenary_session_id FROM evaluations "
    "WHERE assembly_id = $1 ORDER BY created_at, id";
constexpr const char* kAnswered =
    "SELECT evaluation_id FROM evaluation_respondents WHERE member_id = $1 ORDER BY evaluation_id";

Evaluation evaluation_of(const pqxx::row& r) {
  return Evaluation{
      r["id"].as<std::string>(),
      r["assembly_id"].as<std::string>(),
      r["title"].as<std::string>(),
      domain::parse_evaluation_state(r["state"].as<std::string>())
          .value_or(domain::EvaluationState::draft),
      domain::parse_questions(nlohmann::json::parse(r["questions"].as<std::string>())),
      r["plenary_session_id"].as<std::string>()};
}

}  // namespace

std::optional<Evaluation> find_evaluation(pqxx::transaction_base& tx, const std::string& id,
                                          bool for_update) {
  auto rows = assembly::db::exec(tx, for_update ? kFindForUpdate : kFind, id);
  if (rows.empty()) return std::nullopt;
  return evaluation_of(rows[0]);
}

std::vector<Evaluation> evaluations_of(pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<Evaluation> out;
  for (const auto& r : assembly::db::exec(tx, kOfAssembly, assembly_id))
    out.push_back(evaluation_of(r));
  return out;
}

void insert_evaluation(pqxx::work& tx, const Evaluation& e, const std::string& by) {
  assembly::db::exec(tx, kInsert, e.id, e.assembly_id, e.title, domain::to_json(e.questions).dump(),
                     by, e.plenary_session_id);
}

void set_evaluation_state(pqxx::work& tx, const std::string& id, domain::EvaluationState to) {
  tx.exec_params(to == domain::EvaluationState::open ? kOpen : kClose, id, domain::to_string(to));
}

long respondents(pqxx::transaction_base& tx, const std::string& evaluation_id) {
  return assembly::db::exec(tx, kRespondents, evaluation_id)[0]["n"].as<long>();
}

bool record_respondent(pqxx::work& tx, const std::string& evaluation_id,
                       const std::string& member_id) {
  return assembly::db::exec(tx, kRecordRespondent, evaluation_id, member_id).affected_rows() != 0;
}

void insert_held_answer(pqxx::work& tx, const std::string& evaluation_id, const HeldAnswer& a) {
  assembly::db::exec(tx, kInsertHeld, evaluation_id, a.held_id,
                     pqxx::binarystring(a.sealed.data(), a.sealed.size()));
}

std::vector<HeldAnswer> held_answers(pqxx::transaction_base& tx, const std::string& evaluation_id) {
  std::vector<HeldAnswer> out;
  for (const auto& r : assembly::db::exec(tx, kHeld, evaluation_id))
    out.push_back({r["held_id"].as<std::string>(), pqxx::binarystring(r["sealed"]).str()});
  return out;
}

void release_answers(pqxx::work& tx, const std::string& evaluation_id,
                     const std::vector<nlohmann::json>& answers) {
  std::vector<std::string> ids, texts;
  for (const auto& a : answers) {
    ids.push_back(assembly::core::new_uuid());
    texts.push_back(a.dump());
  }
  if (!answers.empty())
    assembly::db::exec(tx, kRelease, evaluation_id, assembly::db::text_array(ids),
                       assembly::db::text_array(texts));
  assembly::db::exec(tx, kDropHeld, evaluation_id);
}

std::vector<nlohmann::json> answers_of(pqxx::transaction_base& tx,
                                       const std::string& evaluation_id) {
  std::vector<nlohmann::json> out;
  for (const auto& r : assembly::db::exec(tx, kAnswersOf, evaluation_id))
    out.push_back(nlohmann::json::parse(r["answers"].as<std::string>()));
  return out;
}

std::vector<std::string> evaluations_answered(pqxx::transaction_base& tx,
                                              const std::string& member_id) {
  std::vector<std::string> out;
  for (const auto& r : assembly::db::exec(tx, kAnswered, member_id))
    out.push_back(r["evaluation_id"].as<std::string>());
  return out;
}

std::vector<assembly::service::SealedRow> held_answers_to_reseal(
    pqxx::work& tx, const std::vector<std::string>& after, const std::string& current, int limit) {
  std::vector<assembly::service::SealedRow> out;
  for (const auto& r : tx.exec_params(
           "SELECT evaluation_id, held_id, sealed FROM evaluation_answers_held "
           "WHERE (evaluation_id, held_id) > ($1, $2) "
           "AND substring(sealed from 1 for octet_length($3::bytea)) <> $3::bytea "
           "ORDER BY evaluation_id, held_id LIMIT $4 FOR UPDATE SKIP LOCKED",
           after.empty() ? std::string() : after[0], after.empty() ? std::string() : after[1],
           assembly::service::as_bytea(current), limit))
    out.push_back(assembly::service::sealed_row(r, 2));
  return out;
}

bool reseal_held_answer(pqxx::work& tx, const assembly::service::SealedRow& row,
                        const std::string& resealed) {
  return tx.exec_params(
               "UPDATE evaluation_answers_held SET sealed = $3 "
               "WHERE evaluation_id = $1 AND held_id = $2 AND sealed = $4",
               row.key[0], row.key[1], assembly::service::as_bytea(resealed),
               assembly::service::as_bytea(row.sealed))
             .affected_rows() == 1;
}

long held_answers_not_under(pqxx::work& tx, const std::string& current) {
  return tx
      .exec_params1(
          "SELECT count(*) FROM evaluation_answers_held "
          "WHERE substring(sealed from 1 for octet_length($1::bytea)) <> $1::bytea",
          assembly::service::as_bytea(current))[0]
      .as<long>();
}

}  // namespace membership::store
