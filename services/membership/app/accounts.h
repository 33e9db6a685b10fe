#pragma once
// The account work a change of a member calls for, written as a task in the change's own
// transaction (workers/accounts carries it out): so an invitation, a departure or an
// anonymisation that commits always has its task, and one that rolls back has none.
#include <pqxx/pqxx>
#include <string>

#include "assembly/pii/pii.h"
#include "assembly/service/erasure.h"
#include "assembly/service/reseal.h"
#include "domain/lifecycle.h"
#include "store/engagement.h"

namespace membership::app {

// After a member's status changed to `to`: the task it calls for, if any.
void account_after_status(pqxx::work& tx, const std::string& member_id, domain::Status to);

// After new contact details: a provision when the member holds an account and the e-mail is new.
void account_after_contact(pqxx::work& tx, const std::string& member_id, domain::Status status,
                           const std::string& email_before, const std::string& email_after);

// Anonymises the assembly (store::anonymise) and writes a delete task for each member's account,
// in the same transaction. How many members were anonymised.
int anonymise_with_accounts(pqxx::work& tx, const std::string& assembly_id);

// Erases one member (store::erase_member) and writes the delete task of their account, in the
// same transaction: what went, by kind, for the erasure's report.
assembly::service::Erased erase_member_with_account(pqxx::work& tx, const std::string& member_id);

// The associated data of a member's sealed contact details.
std::string contact_context(const std::string& member_id);
// The e-mail in the member's sealed contact details; "" when none.
std::string contact_email(const assembly::pii::Keyring& keyring, const std::string& member_id,
                          const store::SealedContact& contact);

// The contact details as a sealed column, re-sealed by `membership --reseal` after a key rotation.
assembly::service::SealedColumn sealed_contacts();

}  // namespace membership::app
