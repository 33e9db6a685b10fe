#include "workers/accounts.h"

#include <fstream>

#include "app/accounts.h"
#include "assembly/logging/log.h"
#include "assembly/metrics/metrics.h"
#include "domain/accounts.h"
#include "identity/keycloak.h"
#include "store/accounts.h"
#include "store/members.h"

namespace membership::workers {

namespace {

using domain::AccountAction;

constexpr const char* kMemberRole = "member";
constexpr const char* kMemberIdAttribute = "member_id";

// What a task needs to know, read in its transaction.
struct Subject {
  store::Account account;
  std::string email;  // "" when the member left none
};

// The account of the member: the one recorded (if it still exists), else the one of that username.
std::optional<identity::User> existing_user(identity::Keycloak& kc, const store::Account& a,
                                            const std::string& member_id) {
  if (!a.user_id.empty())
    if (auto u = kc.find(a.user_id)) return u;
  return kc.find_by_username(member_id);
}

// Idempotent: looks the account up before making it (and after a 409), sets what differs, sends
// the set-password e-mail once per account (recorded in the same transaction).
void provision(pqxx::work& tx, identity::Keycloak& kc, const std::string& member_id,
               const Subject& s) {
  auto user = existing_user(kc, s.account, member_id);
  if (!user) {
    nlohmann::json attributes = {{kMemberIdAttribute, nlohmann::json::array({member_id})}};
    auto id = kc.create(member_id, attributes);
    user = id ? kc.find(*id) : kc.find_by_username(member_id);  // 409: made meanwhile
    if (!user) throw identity::Failure("the account was made but cannot be read back", false);
  }
  if (user->id != s.account.user_id) store::set_account_user(tx, member_id, user->id);
  auto& rep = user->representation;
  bool changed = false;
  if (!user->enabled()) {
    rep["enabled"] = true;
    changed = true;
  }
  if (user->attribute(kMemberIdAttribute) != member_id) {
    if (!rep.contains("attributes") || !rep["attributes"].is_object())
      rep["attributes"] = nlohmann::json::object();
    rep["attributes"][kMemberIdAttribute] = nlohmann::json::array({member_id});
    changed = true;
  }
  const bool new_email = !s.email.empty() && user->email() != s.email;
  const auto email_before = rep.value("email", nlohmann::json());
  if (new_email) {
    rep["email"] = s.email;
    rep["emailVerified"] = false;
  }
  bool email_taken = false;
  if (changed || new_email) {
    try {
      kc.update(*user);
    } catch (const identity::Failure& e) {
      // 409: another account has that e-mail (the realm keeps e-mails unique). The account is
      // kept without it, and no set-password e-mail goes out: a later e-mail of the member's
      // contact details tries again. Retrying would not help.
      if (!new_email || e.status() != 409) throw;
      email_taken = true;
      if (email_before.is_null())
        rep.erase("email");
      else
        rep["email"] = email_before;
      if (changed) kc.update(*user);
      assembly::log::warn("member account: the e-mail is another account's; the account has none",
                          {{"member_id", member_id}});
    }
  }
  kc.ensure_realm_role(user->id, kMemberRole);
  if (!s.email.empty() && !email_taken && !s.account.password_email_sent) {
    kc.send_actions_email(user->id, {"UPDATE_PASSWORD"});
    store::account_password_email_sent(tx, member_id);
  }
}

void disable(pqxx::work& tx, identity::Keycloak& kc, const std::string& member_id,
             const Subject& s) {
  auto user = existing_user(kc, s.account, member_id);
  if (user && user->enabled()) {
    user->representation["enabled"] = false;
    kc.update(*user);
  }
  store::account_disabled(tx, member_id);
}

void remove(pqxx::work& tx, identity::Keycloak& kc, const std::string& member_id,
            const Subject& s) {
  if (auto user = existing_user(kc, s.account, member_id)) kc.remove(user->id);
  store::account_deleted(tx, member_id);
}

class Worker {
 public:
  Worker(assembly::db::Pool& db, std::shared_ptr<assembly::pii::Keyring> keyring,
         identity::Settings settings, int batch, std::shared_ptr<std::atomic<bool>> stopping)
      : db_(db),
        keyring_(std::move(keyring)),
        kc_(std::move(settings)),
        batch_(batch),
        stopping_(std::move(stopping)),
        failures_(assembly::metrics::counter_family(
            "account_task_failures_total",
            "Failed attempts at members' account tasks in the identity provider, by action")) {}

  // Up to `batch` tasks; stops at the first one that found the identity provider unreachable, and
  // when the process is asked to stop.
  void run() {
    for (int i = 0; i < batch_ && !*stopping_; ++i)
      if (!one()) return;
  }

 private:
  // One task in one transaction; false when there was none or the provider did not answer.
  bool one() {
    return db_.transact([&](pqxx::work& tx) {
      auto task = store::claim_account_task(tx);
      if (!task) return false;
      Subject s;
      s.account = store::find_account(tx, task->member_id)
                      .value_or(store::Account{task->member_id, "", false, false, false});
      if (task->action == AccountAction::provision)
        if (auto c = store::find_contact(tx, task->member_id))
          s.email = app::contact_email(*keyring_, task->member_id, *c);
      try {
        switch (task->action) {
          case AccountAction::provision:
            provision(tx, kc_, task->member_id, s);
            break;
          case AccountAction::disable:
            disable(tx, kc_, task->member_id, s);
            break;
          case AccountAction::remove:
            remove(tx, kc_, task->member_id, s);
            break;
        }
        store::account_task_done(tx, *task);
        assembly::log::info("member account task done",
                            {{"member_id", task->member_id},
                             {"action", domain::to_string(task->action)},
                             {"attempts", task->attempts + 1}});
        return true;
      } catch (const identity::Failure& e) {
        auto delay = domain::retry_delay(task->attempts + 1);
        store::account_task_failed(tx, *task, delay.count(), e.what());
        failures_.Add({{"action", std::string(domain::to_string(task->action))}}).Increment();
        assembly::log::warn("member account task failed; tried again later",
                            {{"member_id", task->member_id},
                             {"action", domain::to_string(task->action)},
                             {"attempts", task->attempts + 1},
                             {"retry_in_seconds", delay.count()},
                             {"error", e.what()}});
        return !e.unreachable();
      }
    });
  }

  assembly::db::Pool& db_;
  std::shared_ptr<assembly::pii::Keyring> keyring_;
  identity::Keycloak kc_;
  int batch_;
  std::shared_ptr<std::atomic<bool>> stopping_;
  prometheus::Family<prometheus::Counter>& failures_;
};

}  // namespace

void add_account_worker(assembly::service::Context& ctx,
                        std::shared_ptr<assembly::pii::Keyring> keyring) {
  auto& env = ctx.env;
  identity::Settings s;
  s.admin_url = env.str("KEYCLOAK_ADMIN_URL", "",
                        "base URL of the identity provider (Keycloak) whose admin API makes the "
                        "members' accounts, e.g. http://127.0.0.1:8180; empty: no accounts made");
  s.realm = env.str("KEYCLOAK_REALM", "assembly", "the realm of the members' accounts");
  s.client_id = env.str("KEYCLOAK_CLIENT_ID", "membership-provisioner",
                        "the confidential client (client credentials) that manages the accounts");
  s.secret_file = env.str("KEYCLOAK_CLIENT_SECRET_FILE", "",
                          "file holding that client's secret (the value is never in the "
                          "environment); required with KEYCLOAK_ADMIN_URL");
  s.email_client_id = env.str("KEYCLOAK_EMAIL_CLIENT_ID", "assembly-web",
                              "the client the set-password e-mail leads back to (empty: none)");
  s.email_redirect_uri =
      env.str("KEYCLOAK_EMAIL_REDIRECT_URI", "",
              "where the set-password page sends the member afterwards (one of that client's "
              "redirect URIs; empty: Keycloak's default)");
  s.email_lifespan = std::chrono::seconds(
      env.integer("KEYCLOAK_EMAIL_LIFESPAN_SECONDS", 7 * 24 * 3600, 300, 30 * 24 * 3600,
                  "how long the link of the set-password e-mail stays valid"));
  s.timeout = std::chrono::milliseconds(
      env.integer("KEYCLOAK_TIMEOUT_MS", 5000, 100, 60000, "timeout of one admin API call"));
  const auto period = env.integer("ACCOUNT_TASK_SECONDS", 1, 1, 3600,
                                  "how often pending account tasks are looked for");
  const int batch = static_cast<int>(env.integer("ACCOUNT_TASK_BATCH", 50, 1, 1000,
                                                 "account tasks carried out at most in one round"));
  if (s.admin_url.empty()) {
    assembly::log::info(
        "members' accounts: provisioning is off (KEYCLOAK_ADMIN_URL is empty); account tasks "
        "are kept until it is set");
    return;
  }
  if (s.secret_file.empty() || !std::ifstream(s.secret_file))
    throw assembly::config::ConfigError(
        "KEYCLOAK_CLIENT_SECRET_FILE must name a readable file when KEYCLOAK_ADMIN_URL is set");
  assembly::log::info("members' accounts: provisioning on",
                      {{"admin_url", s.admin_url}, {"realm", s.realm}, {"client_id", s.client_id}});
  auto worker =
      std::make_shared<Worker>(ctx.db, std::move(keyring), std::move(s), batch, ctx.stopping);
  ctx.every(std::chrono::seconds(period), "member account tasks", [worker] { worker->run(); });
}

}  // namespace membership::workers
