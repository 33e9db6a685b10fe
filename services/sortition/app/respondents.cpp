#include "app/respondents.h"

#include <nlohmann/json.hpp>

#include "app/response_code.h"
#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "assembly/pii/padded.h"
#include "domain/panel_draw.h"
#include "store/invitations.h"
#include "store/pools.h"

namespace sortition::app {
namespace core = assembly::core;

namespace {

// Contact details are sealed padded to one size (their length at rest says nothing), bound to
// the respondent.
constexpr std::size_t kContactSealedSize = 512;

std::string contact_context(const std::string& respondent_id) {
  return "sortition-respondent-contact:" + respondent_id;
}

std::string seal_contact(const assembly::pii::Keyring& keyring, const std::string& respondent_id,
                         const domain::Contact& c) {
  nlohmann::json plain = nlohmann::json::object();
  if (!c.email.empty()) plain["email"] = c.email;
  if (!c.phone.empty()) plain["phone"] = c.phone;
  return assembly::pii::seal_padded(keyring, plain.dump(), kContactSealedSize,
                                    contact_context(respondent_id));
}

domain::Contact open_contact(const assembly::pii::Keyring& keyring,
                             const std::string& respondent_id, const std::string& sealed) {
  auto plain = nlohmann::json::parse(
      assembly::pii::open_padded(keyring, sealed, contact_context(respondent_id)));
  return {plain.value("email", ""), plain.value("phone", "")};
}

// Records an answer for an invitation.
store::Respondent respond(pqxx::work& tx, const assembly::pii::Keyring& keyring,
                          const store::Invitation& invitation, const Answer& answer,
                          const std::string& channel, const std::string& actor) {
  if (auto state = store::answer_state(tx, invitation))
    throw core::conflict("this invitation was already answered (" + domain::to_string(*state) +
                         ")");
  store::NewRespondent r;
  r.id = core::new_uuid();
  r.channel = channel;
  r.recorded_by = actor;
  r.state =
      answer.willing ? domain::RespondentState::interested : domain::RespondentState::declined;
  if (answer.willing) {
    r.criteria = answer.criteria;
    if (answer.contact) r.contact = seal_contact(keyring, r.id, *answer.contact);
  }
  store::insert_respondent(tx, invitation, r);
  return *store::find_respondent(tx, r.id);
}

// The invitation of a letter's code not answered yet, of a draw still taking answers; not_found
// alike when there is none, when it was answered and when the answer period is closed (a guess
// learns nothing).
store::Invitation open_invitation(pqxx::transaction_base& tx, const assembly::pii::Keyring& keyring,
                                  const std::string& code) {
  auto invitation = store::invitation_by_code(tx, code_key(keyring, code));
  if (!invitation || store::answer_state(tx, *invitation) || store::answers_closed(tx, *invitation))
    throw core::not_found("no open invitation has this code");
  return *invitation;
}

}  // namespace

store::Respondent answer_with_code(pqxx::work& tx, const assembly::pii::Keyring& keyring,
                                   const std::string& code, const Answer& answer) {
  return respond(tx, keyring, open_invitation(tx, keyring, code), answer, "code", "invitee");
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
                                  const Answer& answer, const std::string& by) {
  auto invitation = store::invitation_of_draw_by_code(tx, draw_id, code_key(keyring, code));
  if (!invitation) throw core::invalid("no invitation of this draw has this code", "/code");
  if (store::answers_closed(tx, *invitation))
    throw core::conflict("the answer period of this invitation draw is closed");
  return respond(tx, keyring, *invitation, answer, "phone", by);
}

AnswerFiguresView answer_figures(pqxx::transaction_base& tx, const std::string& draw_id) {
  auto draw = store::find_invitation_draw(tx, draw_id);
  if (!draw) throw core::not_found("no invitation draw " + draw_id);
  auto quotas = store::quotas_of_draw(tx, draw_id);
  auto questions = quotas && quotas->quotas_csv
                       ? domain::questions_of(domain::parse_quotas(*quotas->quotas_csv))
                       : domain::default_questions(quotas ? quotas->pool_kind : "");
  std::vector<std::map<std::string, std::string>> interested;
  for (auto& r : store::list_respondents(tx, draw_id))
    if (r.state == domain::RespondentState::interested) interested.push_back(std::move(r.criteria));
  const auto pool = store::pool_counts(tx, draw->pool_id);
  // Ages as of the draw (the letters' year), from the birth years the pool keeps in clear.
  const auto& when = draw->drawn_at ? *draw->drawn_at : draw->committed_at;
  const int year = when.size() >= 4 ? std::stoi(when.substr(0, 4)) : 1970;
  AnswerFiguresView out{*draw, pool.total, static_cast<long long>(interested.size()), {}};
  out.categories = domain::answer_figures(questions, interested, pool, year);
  return out;
}

std::vector<RespondentView> respondents(pqxx::transaction_base& tx,
                                        const assembly::pii::Keyring& keyring,
                                        const std::string& draw_id) {
  if (!store::find_invitation_draw(tx, draw_id))
    throw core::not_found("no invitation draw " + draw_id);
  std::vector<RespondentView> out;
  for (auto& r : store::list_respondents(tx, draw_id)) {
    std::optional<domain::Contact> contact;
    if (r.contact) contact = open_contact(keyring, r.id, *r.contact);
    out.push_back({std::move(r), std::move(contact)});
  }
  return out;
}

assembly::service::SealedColumn sealed_contacts() {
  return {"respondents.contact", store::contacts_to_reseal, store::reseal_contact,
          store::contacts_not_under,
          [](const assembly::pii::Keyring& keyring, const assembly::service::SealedRow& row) {
            return assembly::pii::reseal_padded(keyring, row.sealed, contact_context(row.key[0]));
          }};
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
