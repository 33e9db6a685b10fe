#include "store/respondents.h"

#include <nlohmann/json.hpp>

#include "assembly/db/prepared.h"
#include "assembly/db/rows.h"
#include "assembly/db/sql_time.h"

namespace sortition::store {
namespace {

// clang-format off
#define RESPONDENT_COLUMNS                                                                     \
  "SELECT id, invitation_draw_id, person_id, pool_kind, criteria::text AS criteria, channel, " \
  "state, " SQL_UTC("responded_at") " AS responded_at, "                                      \
  SQL_UTC("withdrawn_at") " AS withdrawn_at, "                                                \
  SQL_UTC("consent_at") " AS consent_at, contact "                                            \
  "FROM respondents "
// clang-format on

constexpr const char* kFindRespondent = RESPONDENT_COLUMNS "WHERE id = $1";
constexpr const char* kListRespondents =
    RESPONDENT_COLUMNS "WHERE invitation_draw_id = $1 ORDER BY responded_at, id";
#undef RESPONDENT_COLUMNS
constexpr const char* kLegacyCodes =
    "SELECT draw_id, person_id, pool_id, position FROM invitations "
    "WHERE left(code_sha256, length($1)) <> $1 LIMIT $2";
constexpr const char* kSetCodeKey =
    "UPDATE invitations SET code_sha256 = $3 WHERE draw_id = $1 AND person_id = $2";
constexpr const char* kInvitationByCode =
    "SELECT draw_id, person_id, pool_id, position FROM invitations WHERE code_sha256 = $1";
constexpr const char* kInvitationOfDrawByCode =
    "SELECT draw_id, person_id, pool_id, position FROM invitations WHERE draw_id = $1 "
    "AND code_sha256 = $2";
constexpr const char* kAnswerState =
    "SELECT state FROM respondents WHERE invitation_draw_id = $1 AND person_id = $2";
constexpr const char* kAnswersClosed =
    "SELECT answers_closed_at IS NOT NULL AND answers_closed_at <= now() AS closed "
    "FROM invitation_draws WHERE id = $1";
constexpr const char* kInsertRespondent =
    "INSERT INTO respondents (id, invitation_draw_id, person_id, pool_id, pool_kind, household, "
    "criteria, consent_at, channel, state, recorded_by, contact) "
    "SELECT $1, $2, $3, p.pool_id, pl.kind, p.household, $4::jsonb, "
    "CASE WHEN $9 = 'interested' THEN now() END, $5, $9, $6, NULLIF($10::bytea, ''::bytea) "
    "FROM pool_people p JOIN pools pl ON pl.id = p.pool_id WHERE p.pool_id = $7 "
    "AND p.position = $8";
constexpr const char* kWithdraw =
    "UPDATE respondents SET state = 'withdrawn', withdrawn_at = now() "
    "WHERE id = $1 AND state = 'interested' RETURNING id";

Respondent respondent_of(const pqxx::row& r) {
  Respondent p;
  p.id = r["id"].as<std::string>();
  p.invitation_draw_id = r["invitation_draw_id"].as<std::string>();
  p.person_id = r["person_id"].as<std::string>();
  p.pool_kind = r["pool_kind"].as<std::string>();
  p.criteria = nlohmann::json::parse(r["criteria"].as<std::string>()).get<Criteria>();
  p.channel = r["channel"].as<std::string>();
  p.state = *domain::parse_respondent_state(r["state"].as<std::string>());
  p.responded_at = r["responded_at"].as<std::string>();
  p.withdrawn_at = assembly::db::nullable(r["withdrawn_at"]);
  p.consent_at = assembly::db::nullable(r["consent_at"]);
  if (!r["contact"].is_null()) p.contact = pqxx::binarystring(r["contact"]).str();
  return p;
}

std::optional<Invitation> invitation_of(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  return Invitation{rows[0]["draw_id"].as<std::string>(), rows[0]["person_id"].as<std::string>(),
                    rows[0]["pool_id"].as<std::string>(), rows[0]["position"].as<long long>()};
}

}  // namespace

std::vector<Invitation> invitations_with_legacy_codes(pqxx::transaction_base& tx,
                                                      const std::string& prefix, int limit) {
  std::vector<Invitation> out;
  for (const auto& r : assembly::db::exec(tx, kLegacyCodes, prefix, limit))
    out.push_back({r["draw_id"].as<std::string>(), r["person_id"].as<std::string>(),
                   r["pool_id"].as<std::string>(), r["position"].as<long long>()});
  return out;
}

void set_code_key(pqxx::work& tx, const std::string& draw_id, const std::string& person_id,
                  const std::string& key) {
  assembly::db::exec(tx, kSetCodeKey, draw_id, person_id, key);
}

std::optional<Invitation> invitation_by_code(pqxx::transaction_base& tx,
                                             const std::string& code_sha256) {
  return invitation_of(assembly::db::exec(tx, kInvitationByCode, code_sha256));
}

std::optional<Invitation> invitation_of_draw_by_code(pqxx::transaction_base& tx,
                                                     const std::string& draw_id,
                                                     const std::string& code_sha256) {
  return invitation_of(assembly::db::exec(tx, kInvitationOfDrawByCode, draw_id, code_sha256));
}

std::optional<domain::RespondentState> answer_state(pqxx::transaction_base& tx,
                                                    const Invitation& invitation) {
  auto rows = assembly::db::exec(tx, kAnswerState, invitation.draw_id, invitation.person_id);
  if (rows.empty()) return std::nullopt;
  return domain::parse_respondent_state(rows[0]["state"].as<std::string>());
}

bool answers_closed(pqxx::transaction_base& tx, const Invitation& invitation) {
  auto rows = assembly::db::exec(tx, kAnswersClosed, invitation.draw_id);
  return !rows.empty() && rows[0]["closed"].as<bool>();
}

void insert_respondent(pqxx::work& tx, const Invitation& invitation, const NewRespondent& r) {
  const std::string sealed = r.contact.value_or("");  // '' is written as NULL
  assembly::db::exec(tx, kInsertRespondent, r.id, invitation.draw_id, invitation.person_id,
                     nlohmann::json(r.criteria).dump(), r.channel, r.recorded_by,
                     invitation.pool_id, invitation.position, domain::to_string(r.state),
                     assembly::service::as_bytea(sealed));
}

std::optional<Respondent> find_respondent(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kFindRespondent, id);
  if (rows.empty()) return std::nullopt;
  return respondent_of(rows[0]);
}

std::vector<Respondent> list_respondents(pqxx::transaction_base& tx, const std::string& draw_id) {
  std::vector<Respondent> out;
  for (const auto& r : assembly::db::exec(tx, kListRespondents, draw_id))
    out.push_back(respondent_of(r));
  return out;
}

bool withdraw_respondent(pqxx::work& tx, const std::string& id) {
  return !assembly::db::exec(tx, kWithdraw, id).empty();
}

std::vector<assembly::service::SealedRow> contacts_to_reseal(pqxx::work& tx,
                                                             const std::vector<std::string>& after,
                                                             const std::string& current,
                                                             int limit) {
  std::vector<assembly::service::SealedRow> out;
  for (const auto& r : tx.exec_params(
           "SELECT id, contact FROM respondents WHERE id > $1 AND contact IS NOT NULL "
           "AND substring(contact from 1 for octet_length($2::bytea)) <> $2::bytea "
           "ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED",
           after.empty() ? std::string() : after[0], assembly::service::as_bytea(current), limit))
    out.push_back(assembly::service::sealed_row(r, 1));
  return out;
}

bool reseal_contact(pqxx::work& tx, const assembly::service::SealedRow& row,
                    const std::string& resealed) {
  return tx.exec_params("UPDATE respondents SET contact = $2 WHERE id = $1 AND contact = $3",
                        row.key[0], assembly::service::as_bytea(resealed),
                        assembly::service::as_bytea(row.sealed))
             .affected_rows() == 1;
}

long contacts_not_under(pqxx::work& tx, const std::string& current) {
  return tx
      .exec_params1(
          "SELECT count(*) FROM respondents WHERE contact IS NOT NULL "
          "AND substring(contact from 1 for octet_length($1::bytea)) <> $1::bytea",
          assembly::service::as_bytea(current))[0]
      .as<long>();
}

}  // namespace sortition::store
