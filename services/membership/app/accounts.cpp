#include "app/accounts.h"

#include <nlohmann/json.hpp>

#include "domain/accounts.h"
#include "store/accounts.h"
#include "store/members.h"

namespace membership::app {

void account_after_status(pqxx::work& tx, const std::string& member_id, domain::Status to) {
  if (auto action = domain::account_action_after(to))
    store::enqueue_account_task(tx, member_id, *action);
}

void account_after_contact(pqxx::work& tx, const std::string& member_id, domain::Status status,
                           const std::string& email_before, const std::string& email_after) {
  if (domain::contact_calls_for_provision(status, email_before, email_after))
    store::enqueue_account_task(tx, member_id, domain::AccountAction::provision);
}

int anonymise_with_accounts(pqxx::work& tx, const std::string& assembly_id) {
  store::enqueue_account_deletions(tx, assembly_id);
  return store::anonymise(tx, assembly_id);
}

assembly::service::Erased erase_member_with_account(pqxx::work& tx, const std::string& member_id) {
  const auto e = store::erase_member(tx, member_id);
  return {{"contact_details", e.contact_details},
          {"free_text_reasons", e.free_text_reasons},
          {"member_records", e.member_records},
          {"accounts", store::enqueue_account_deletion(tx, member_id) ? 1 : 0}};
}

std::string contact_context(const std::string& member_id) {
  return "membership-contact:" + member_id;
}

std::string contact_email(const assembly::pii::Keyring& keyring, const std::string& member_id,
                          const store::SealedContact& c) {
  auto plain = nlohmann::json::parse(keyring.open(
      c.sealed, assembly::pii::nonce_of(member_id, static_cast<std::uint64_t>(c.version)),
      contact_context(member_id)));
  return plain.is_object() && plain.contains("email") && plain["email"].is_string()
             ? plain["email"].get<std::string>()
             : "";
}

assembly::service::SealedColumn sealed_contacts() {
  return {"contacts.sealed", store::contacts_to_reseal, store::reseal_contact,
          store::contacts_not_under,
          [](const assembly::pii::Keyring& keyring, const assembly::service::SealedRow& row) {
            return keyring.reseal(row.sealed,
                                  assembly::pii::nonce_of(row.key[0], std::stoull(row.context[0])),
                                  contact_context(row.key[0]));
          }};
}

}  // namespace membership::app
