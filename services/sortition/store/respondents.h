#pragma once
// SQL for respondents: invitees who answered (with their letter's code, or by phone through the
// secretariat), and their withdrawals. Each query is a named constant; rows are read by column
// name.
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/service/reseal.h"
#include "domain/states.h"

namespace sortition::store {

using Criteria = std::map<std::string, std::string>;  // self-declared, category -> value

struct Respondent {
  std::string id, invitation_draw_id, person_id, pool_kind;
  Criteria criteria;
  std::string channel;  // code or phone
  domain::RespondentState state = domain::RespondentState::interested;
  std::string responded_at;
  std::optional<std::string> consent_at;  // none for a "no"
  std::optional<std::string> withdrawn_at;
  std::optional<std::string> contact;  // sealed (app/respondents), none for a "no" or once erased
};

// An answer to record: interested (with criteria, consent given now, and perhaps contact details,
// sealed) or declined (nothing but the answer).
struct NewRespondent {
  std::string id;
  domain::RespondentState state = domain::RespondentState::interested;
  Criteria criteria;
  std::optional<std::string> contact;  // sealed
  std::string channel, recorded_by;
};

// The invitation an answer is for.
struct Invitation {
  std::string draw_id, person_id, pool_id;
  long long position = 0;
};

// Invitations whose stored code does not start with `prefix` (an earlier hash), at most `limit`.
std::vector<Invitation> invitations_with_legacy_codes(pqxx::transaction_base& tx,
                                                      const std::string& prefix, int limit);
void set_code_key(pqxx::work& tx, const std::string& draw_id, const std::string& person_id,
                  const std::string& key);
std::optional<Invitation> invitation_by_code(pqxx::transaction_base& tx,
                                             const std::string& code_sha256);
std::optional<Invitation> invitation_of_draw_by_code(pqxx::transaction_base& tx,
                                                     const std::string& draw_id,
                                                     const std::string& code_sha256);
// The state of the answer to this invitation, if it was answered.
std::optional<domain::RespondentState> answer_state(pqxx::transaction_base& tx,
                                                    const Invitation& invitation);
// The invitation's draw has its answer period closed.
bool answers_closed(pqxx::transaction_base& tx, const Invitation& invitation);
// Consent given now when interested; pool kind and household from the pool.
void insert_respondent(pqxx::work& tx, const Invitation& invitation, const NewRespondent& r);
std::optional<Respondent> find_respondent(pqxx::transaction_base& tx, const std::string& id);
std::vector<Respondent> list_respondents(pqxx::transaction_base& tx, const std::string& draw_id);
// false when the respondent is not interested (or does not exist).
bool withdraw_respondent(pqxx::work& tx, const std::string& id);

// Re-sealing (assembly/service/reseal.h): respondents whose contact details do not begin with
// `current`, by id, after `after`.
std::vector<assembly::service::SealedRow> contacts_to_reseal(pqxx::work& tx,
                                                             const std::vector<std::string>& after,
                                                             const std::string& current, int limit);
bool reseal_contact(pqxx::work& tx, const assembly::service::SealedRow& row,
                    const std::string& resealed);
long contacts_not_under(pqxx::work& tx, const std::string& current);

}  // namespace sortition::store
