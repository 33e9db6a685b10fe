#include "app/respondents.h"

#include "app/response_code.h"
#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "domain/panel_draw.h"

namespace sortition::app {
namespace core = assembly::core;

namespace {

// Records an answer for an invitation.
store::Respondent respond(pqxx::work& tx, const store::Invitation& invitation,
                          const store::Criteria& criteria, const std::string& channel,
                          const std::string& actor) {
  if (auto state = store::answer_state(tx, invitation))
    throw core::conflict("this invitation was already answered (" + domain::to_string(*state) +
                         ")");
  auto id = core::new_uuid();
  store::insert_respondent(tx, id, invitation, criteria, channel, actor);
  return *store::find_respondent(tx, id);
}

// The invitation of a letter's code not answered yet; not_found alike when there is none and
// when it was answered (a guess learns nothing).
store::Invitation open_invitation(pqxx::transaction_base& tx, const assembly::pii::Keyring& keyring,
                                  const std::string& code) {
  auto invitation = store::invitation_by_code(tx, code_key(keyring, code));
  if (!invitation || store::answer_state(tx, *invitation))
    throw core::not_found("no open invitation has this code");
  return *invitation;
}

}  // namespace

store::Respondent answer_with_code(pqxx::work& tx, const assembly::pii::Keyring& keyring,
                                   const std::string& code, const store::Criteria& criteria) {
  return respond(tx, open_invitation(tx, keyring, code), criteria, "code", "invitee");
}

std::vector<domain::Question> questions_for_code(pqxx::transaction_base& tx,
                                                 const assembly::pii::Keyring& keyring,
                                                 const std::string& code) {
  auto quotas = store::quotas_of_draw(tx, open_invitation(tx, keyring, code).draw_id);
  if (!quotas) throw core::not_found("no open invitation has this code");
  if (quotas->quotas_csv) return domain::questions_of(domain::parse_quotas(*quotas->quotas_csv));
  return domain::default_questions(quotas->pool_kind);
}

store::Respondent answer_by_phone(pqxx::work& tx, const assembly::pii::Keyring& keyring,
                                  const std::string& draw_id, const std::string& code,
                                  const store::Criteria& criteria, const std::string& by) {
  auto invitation = store::invitation_of_draw_by_code(tx, draw_id, code_key(keyring, code));
  if (!invitation) throw core::invalid("no invitation of this draw has this code", "/code");
  return respond(tx, *invitation, criteria, "phone", by);
}

int rekey_legacy_codes(pqxx::work& tx, const assembly::pii::Keyring& keyring, int limit) {
  int n = 0;
  for (const auto& i :
       store::invitations_with_legacy_codes(tx, std::string(kCodeKeyPrefix), limit)) {
    store::set_code_key(
        tx, i.draw_id, i.person_id,
        code_key(keyring, normalise_code(response_code(keyring, i.draw_id, i.person_id))));
    ++n;
  }
  return n;
}

store::Respondent withdraw(pqxx::work& tx, const std::string& id) {
  if (!store::withdraw_respondent(tx, id)) {
    auto r = store::find_respondent(tx, id);
    if (!r) throw core::not_found("no respondent " + id);
    throw core::conflict("the respondent is already " + domain::to_string(r->state));
  }
  return *store::find_respondent(tx, id);
}

QuotaSetView quota_set(pqxx::transaction_base& tx, const std::string& id) {
  auto q = store::find_quota_set(tx, id);
  if (!q) throw core::not_found("no quota set " + id);
  QuotaSetView out{q->id, q->assembly_id, q->name, {}};
  for (const auto& p : q->seat_pools)
    out.seat_pools.push_back({p.pool_kind, p.seats, domain::parse_quotas(p.quotas_csv)});
  return out;
}

std::string export_quotas(pqxx::transaction_base& tx, const std::string& id,
                          const std::string& pool) {
  auto csv = store::quotas_csv(tx, id, pool);
  if (!csv) throw core::not_found("no seat pool " + pool + " in quota set " + id);
  return domain::export_quotas(domain::parse_quotas(*csv));
}

}  // namespace sortition::app
