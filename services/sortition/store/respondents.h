#pragma once
// SQL for respondents: invitees who answered (with their letter's code, or by phone through the
// secretariat), and their withdrawals. Each query is a named constant; rows are read by column
// name.
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/states.h"

namespace sortition::store {

using Criteria = std::map<std::string, std::string>;  // self-declared, category -> value

struct Respondent {
  std::string id, invitation_draw_id, person_id, pool_kind;
  Criteria criteria;
  std::string channel;  // code or phone
  domain::RespondentState state = domain::RespondentState::interested;
  std::string responded_at, consent_at;
  std::optional<std::string> withdrawn_at;
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
// Interested, consent given now; pool kind and household from the pool.
void insert_respondent(pqxx::work& tx, const std::string& id, const Invitation& invitation,
                       const Criteria& criteria, const std::string& channel,
                       const std::string& recorded_by);
std::optional<Respondent> find_respondent(pqxx::transaction_base& tx, const std::string& id);
std::vector<Respondent> list_respondents(pqxx::transaction_base& tx, const std::string& draw_id);
// false when the respondent is not interested (or does not exist).
bool withdraw_respondent(pqxx::work& tx, const std::string& id);

}  // namespace sortition::store
