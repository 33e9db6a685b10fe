#include "store/accounts.h"

#include "assembly/db/prepared.h"

namespace membership::store {
namespace {

constexpr const char* kEnqueue = "INSERT INTO account_tasks (member_id, action) VALUES ($1, $2)";
constexpr const char* kEnsureAccount =
    "INSERT INTO member_accounts (member_id) VALUES ($1) ON CONFLICT (member_id) DO NOTHING";
constexpr const char* kEnqueueDeletions =
    "INSERT INTO account_tasks (member_id, action) "
    "SELECT a.member_id, 'delete' FROM member_accounts a JOIN members m ON m.id = a.member_id "
    "WHERE m.assembly_id = $1 AND a.deleted_at IS NULL ORDER BY a.member_id";
constexpr const char* kEnqueueDeletion =
    "INSERT INTO account_tasks (member_id, action) "
    "SELECT member_id, 'delete' FROM member_accounts WHERE member_id = $1 AND deleted_at IS NULL";
constexpr const char* kClaim =
    "SELECT t.id, t.member_id, t.action, t.attempts FROM account_tasks t "
    "WHERE t.done_at IS NULL AND t.next_attempt_at <= now() "
    "AND NOT EXISTS (SELECT 1 FROM account_tasks e WHERE e.member_id = t.member_id "
    "AND e.done_at IS NULL AND e.id < t.id) "
    "ORDER BY t.next_attempt_at, t.id LIMIT 1 FOR UPDATE SKIP LOCKED";
constexpr const char* kDone =
    "UPDATE account_tasks SET done_at = now(), attempts = attempts + 1, last_error = NULL "
    "WHERE id = $1";
constexpr const char* kFailed =
    "UPDATE account_tasks SET attempts = attempts + 1, last_error = $2, "
    "next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1";
constexpr const char* kFindAccount =
    "SELECT member_id, coalesce(user_id, '') AS user_id, "
    "password_email_sent_at IS NOT NULL AS sent, disabled_at IS NOT NULL AS disabled, "
    "deleted_at IS NOT NULL AS deleted FROM member_accounts WHERE member_id = $1";
constexpr const char* kSetUser =
    "INSERT INTO member_accounts (member_id, user_id) VALUES ($1, $2) "
    "ON CONFLICT (member_id) DO UPDATE SET user_id = $2, disabled_at = NULL, deleted_at = NULL, "
    "updated_at = now()";
constexpr const char* kEmailSent =
    "UPDATE member_accounts SET password_email_sent_at = now(), updated_at = now() "
    "WHERE member_id = $1";
constexpr const char* kDisabled =
    "UPDATE member_accounts SET disabled_at = now(), updated_at = now() WHERE member_id = $1";
constexpr const char* kDeleted =
    "UPDATE member_accounts SET deleted_at = now(), updated_at = now() WHERE member_id = $1";
constexpr const char* kCounts =
    "SELECT action, count(*) AS pending, count(*) FILTER (WHERE attempts > 0) AS failing "
    "FROM account_tasks WHERE done_at IS NULL GROUP BY action ORDER BY action";

}  // namespace

void enqueue_account_task(pqxx::work& tx, const std::string& member_id,
                          domain::AccountAction action) {
  assembly::db::exec(tx, kEnsureAccount, member_id);
  assembly::db::exec(tx, kEnqueue, member_id, std::string(domain::to_string(action)));
}

int enqueue_account_deletions(pqxx::work& tx, const std::string& assembly_id) {
  return static_cast<int>(assembly::db::exec(tx, kEnqueueDeletions, assembly_id).affected_rows());
}

bool enqueue_account_deletion(pqxx::work& tx, const std::string& member_id) {
  return assembly::db::exec(tx, kEnqueueDeletion, member_id).affected_rows() > 0;
}

std::optional<AccountTask> claim_account_task(pqxx::work& tx) {
  auto rows = assembly::db::exec(tx, kClaim);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  auto action = domain::parse_account_action(r["action"].as<std::string>());
  return AccountTask{r["id"].as<long long>(), r["member_id"].as<std::string>(),
                     action.value_or(domain::AccountAction::provision), r["attempts"].as<int>()};
}

void account_task_done(pqxx::work& tx, const AccountTask& t) {
  assembly::db::exec(tx, kDone, t.id);
}

void account_task_failed(pqxx::work& tx, const AccountTask& t, long long delay_seconds,
                         const std::string& error) {
  assembly::db::exec(tx, kFailed, t.id, error.substr(0, 500), static_cast<double>(delay_seconds));
}

std::optional<Account> find_account(pqxx::work& tx, const std::string& member_id) {
  auto rows = assembly::db::exec(tx, kFindAccount, member_id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return Account{r["member_id"].as<std::string>(), r["user_id"].as<std::string>(),
                 r["sent"].as<bool>(), r["disabled"].as<bool>(), r["deleted"].as<bool>()};
}

void set_account_user(pqxx::work& tx, const std::string& member_id, const std::string& user_id) {
  assembly::db::exec(tx, kSetUser, member_id, user_id);
}

void account_password_email_sent(pqxx::work& tx, const std::string& member_id) {
  assembly::db::exec(tx, kEmailSent, member_id);
}

void account_disabled(pqxx::work& tx, const std::string& member_id) {
  assembly::db::exec(tx, kDisabled, member_id);
}

void account_deleted(pqxx::work& tx, const std::string& member_id) {
  assembly::db::exec(tx, kDeleted, member_id);
}

std::vector<AccountTaskCount> account_task_counts(pqxx::work& tx) {
  std::vector<AccountTaskCount> out;
  for (const auto& r : assembly::db::exec(tx, kCounts))
    out.push_back({r["action"].as<std::string>(), r["pending"].as<long long>(),
                   r["failing"].as<long long>()});
  return out;
}

}  // namespace membership::store
