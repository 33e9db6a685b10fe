#pragma once
// Answers to invitations (with the letter's code, or entered by the secretariat after a phone
// call), withdrawals, and quota sets as the secretariat reads them back.
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/pii/pii.h"
#include "assembly/service/reseal.h"
#include "domain/answers.h"
#include "domain/contact.h"
#include "domain/quotas.h"
#include "store/invitations.h"
#include "store/quota_sets.h"
#include "store/respondents.h"

namespace sortition::app {

// An answer as the invitee gives it (or the secretariat, after a phone call): yes, with the
// criteria, consent and contact details; or no, with nothing else.
struct Answer {
  bool willing = true;
  store::Criteria criteria;                // when willing
  std::optional<domain::Contact> contact;  // when willing; sealed at rest
};

// An invitee answers with the code on their letter (already normalised): not_found, the same
// refusal, when no invitation has it, when it was answered already or when the draw's answer
// period is closed (a guess learns nothing). A "no" is recorded (declined): the code is used.
store::Respondent answer_with_code(pqxx::work& tx, const assembly::pii::Keyring& keyring,
                                   const std::string& code, const Answer& answer);
// What the invitee with this code (already normalised) is asked: the categories of the newest
// quota set of the draw's assembly for the pool's kind, else the pool kind's usual ones;
// not_found, the same refusal as an answer's, when no open invitation has the code.
std::vector<domain::Question> questions_for_code(pqxx::transaction_base& tx,
                                                 const assembly::pii::Keyring& keyring,
                                                 const std::string& code);
// The secretariat enters an answer given by phone: invalid (/code) when no invitation of the draw
// has the code, conflict when it was answered already or the answer period is closed.
store::Respondent answer_by_phone(pqxx::work& tx, const assembly::pii::Keyring& keyring,
                                  const std::string& draw_id, const std::string& code,
                                  const Answer& answer, const std::string& by);

// A respondent with their contact details opened, as the secretariat reads them.
struct RespondentView {
  store::Respondent respondent;
  std::optional<domain::Contact> contact;
};
// The draw's respondents (not_found when there is no such draw), contact details opened.
std::vector<RespondentView> respondents(pqxx::transaction_base& tx,
                                        const assembly::pii::Keyring& keyring,
                                        const std::string& draw_id);
// The respondents' contact details as a sealed column (`sortition --reseal` after a key rotation).
assembly::service::SealedColumn sealed_contacts();
// Re-keys up to `limit` codes stored by an earlier version (their plain SHA-256) with code_key;
// returns how many. The codes are derived from the draw and the person, so no one re-sends them.
int rekey_legacy_codes(pqxx::work& tx, const assembly::pii::Keyring& keyring, int limit);
// Kept, marked withdrawn: not_found, or conflict when not interested.
store::Respondent withdraw(pqxx::work& tx, const std::string& id);

// The answers to an invitation draw so far, counted by criterion (the questions its invitees are
// asked) against its pool's shares: not_found when there is no such draw. No one's answer alone.
struct AnswerFiguresView {
  store::InvitationDraw draw;
  long long pool_size = 0;
  long long interested = 0;
  std::vector<domain::CategoryFigures> categories;
};
AnswerFiguresView answer_figures(pqxx::transaction_base& tx, const std::string& draw_id);

struct QuotaSetView {
  std::string id, assembly_id, name;
  std::vector<domain::SeatPool> seat_pools;  // by pool kind, quotas parsed
};
QuotaSetView quota_set(pqxx::transaction_base& tx, const std::string& id);
// One seat pool's quotas in the Sortition Foundation's layout.
std::string export_quotas(pqxx::transaction_base& tx, const std::string& id,
                          const std::string& pool);

}  // namespace sortition::app
