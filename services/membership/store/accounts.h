#pragma once
// Members' accounts: the outbox of account tasks and what is known of each account.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/accounts.h"

namespace membership::store {

struct AccountTask {
  long long id = 0;
  std::string member_id;
  domain::AccountAction action = domain::AccountAction::provision;
  int attempts = 0;
};

struct Account {
  std::string member_id, user_id;  // user_id: "" until the account is made
  bool password_email_sent = false, disabled = false, deleted = false;
};

// A task for the member, in the caller's transaction (with the account's line, once).
void enqueue_account_task(pqxx::work& tx, const std::string& member_id,
                          domain::AccountAction action);
// A delete task for every member of the assembly who has an account (or is owed one); how many.
int enqueue_account_deletions(pqxx::work& tx, const std::string& assembly_id);
// A delete task for the member's account, when they have one (or are owed one); whether written.
bool enqueue_account_deletion(pqxx::work& tx, const std::string& member_id);

// The next task due, locked (others skip it), not behind an earlier task of the same member that
// is not done yet (a member's tasks are carried out in order).
std::optional<AccountTask> claim_account_task(pqxx::work& tx);
void account_task_done(pqxx::work& tx, const AccountTask& t);
// A failed attempt: counted, the next one in `delay_seconds`, the error kept (no personal data).
void account_task_failed(pqxx::work& tx, const AccountTask& t, long long delay_seconds,
                         const std::string& error);

std::optional<Account> find_account(pqxx::work& tx, const std::string& member_id);
void set_account_user(pqxx::work& tx, const std::string& member_id, const std::string& user_id);
void account_password_email_sent(pqxx::work& tx, const std::string& member_id);
void account_disabled(pqxx::work& tx, const std::string& member_id);
void account_deleted(pqxx::work& tx, const std::string& member_id);

// For the metrics: tasks not done by action, and those of them whose last attempt failed.
struct AccountTaskCount {
  std::string action;
  long long pending = 0, failing = 0;
};
std::vector<AccountTaskCount> account_task_counts(pqxx::work& tx);

}  // namespace membership::store
