// Members' accounts in the identity provider, made by membership against the local stack's real
// Keycloak and Mailpit: an invitation makes one account (username and member_id attribute = the
// member id, realm role member, enabled) and one set-password e-mail leading to the realm; an
// e-mail set later sends it then, once; Keycloak stopped while members are invited and a
// replacement event is delivered twice, nothing is lost and nothing made twice once it is back; a
// departure disables the account and the anonymisation deletes it. Runs alone (RUN_SERIAL): it
// stops and starts Keycloak.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "assembly/events/envelope.h"
#include "assembly/events/producer.h"
#include "assembly/http/client.h"
#include "assembly/sortition/v1/events.pb.h"
#include "assembly/testing/http_client.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using assembly::itest::env;
using assembly::itest::http;
using e2e::body_of;
using e2e::fresh;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::string encode(const std::string& s) {
  std::ostringstream out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out << c;
    else
      out << '%' << std::uppercase << std::hex << (c >> 4) << (c & 15) << std::dec;
  }
  return out.str();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// The realm's users as the tests' own confidential client sees them (it may view users).
class Realm {
 public:
  Realm() : url_(env("KEYCLOAK_URL")), realm_(env("KEYCLOAK_REALM")) {}

  // The users of exactly this username (at most one; Keycloak keeps them unique).
  json users_named(const std::string& username) {
    auto r =
        admin("GET", "/users?exact=true&briefRepresentation=false&username=" + encode(username));
    return r.status == 200 ? json::parse(r.body) : json();
  }
  std::vector<std::string> realm_roles(const std::string& user_id) {
    std::vector<std::string> out;
    auto r = admin("GET", "/users/" + user_id + "/role-mappings/realm");
    if (r.status == 200)
      for (const auto& role : json::parse(r.body)) out.push_back(role["name"]);
    return out;
  }
  bool up() {
    return http("GET", url_ + "/realms/" + realm_ + "/.well-known/openid-configuration", {}, {}, 5)
               .status == 200;
  }
  const std::string& realm() const { return realm_; }
  const std::string& url() const { return url_; }

 private:
  assembly::itest::HttpResponse admin(const std::string& method, const std::string& path) {
    if (token_.empty() || std::chrono::steady_clock::now() > token_until_) {
      auto t = http("POST", url_ + "/realms/" + realm_ + "/protocol/openid-connect/token",
                    "grant_type=client_credentials&client_id=assembly-tests&client_secret=" +
                        encode(read_file(env("KEYCLOAK_ASSEMBLY_TESTS_SECRET_FILE"))),
                    {{"Content-Type", "application/x-www-form-urlencoded"}});
      if (t.status != 200) return t;
      token_ = json::parse(t.body)["access_token"];
      token_until_ = std::chrono::steady_clock::now() + 60s;
    }
    return http(method, url_ + "/admin/realms/" + realm_ + path, {},
                {{"Authorization", "Bearer " + token_}});
  }
  std::string url_, realm_, token_;
  std::chrono::steady_clock::time_point token_until_{};
};

// The mails sent to this address but those of the notifications service (its own messages to
// the member, from its sender): Keycloak's set-password mail is what these tests count.
json mails_to(const std::string& address) {
  json out = json::array();
  for (const auto& m : e2e::mails_to(address))
    if (m["From"]["Address"] != "assemblee-citoyenne@paris.example") out.push_back(m);
  return out;
}

// A message's text, through the suite's outbound client.
std::string mail_text(const json& message) {
  auto r = assembly::http::client::send(
      {"GET", env("MAILPIT_URL") + "/api/v1/message/" + std::string(message["ID"])});
  return r.status == 200 ? std::string(json::parse(r.body)["Text"]) : std::string();
}

// The member's account, once it is as an invitation makes it.
json member_account(Realm& kc, const std::string& member_id) {
  auto users = kc.users_named(member_id);
  return users.is_array() && users.size() == 1 ? users[0] : json();
}

// A figure of membership's /metrics (the series of these labels), -1 when absent.
double metric(const std::string& series) {
  std::istringstream in(e2e::metrics("membership"));
  for (std::string line; std::getline(in, line);)
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  return -1;
}

double pending_tasks() {
  double sum = 0;
  for (const char* a : {"provision", "disable", "delete"}) {
    auto v = metric(std::string("membership_account_tasks_pending{action=\"") + a + "\"}");
    if (v < 0) return -1;
    sum += v;
  }
  return sum;
}

void put_email(const std::string& member_id, const std::string& email, const std::string& staff,
               const std::string& phone = "0600000000") {
  auto r = e2e::put(
      "membership", "/v1/members/" + member_id + "/contact",
      {{"name", "Camille"}, {"email", email}, {"phone", phone}, {"preferred_channel", "email"}},
      staff);
  ASSERT_EQ(r.status, 200) << r.body;
}

void act(const std::string& member_id, const std::string& action, const std::string& staff) {
  auto r = e2e::post("membership", "/v1/members/" + member_id + "/" + action,
                     {{"reason", "test " + action}}, staff);
  ASSERT_EQ(r.status, 200) << action << ": " << r.body;
}

}  // namespace

TEST(MemberAccounts, AnInvitationMakesOneAccountAndOneSetPasswordEmail) {
  Realm kc;
  ASSERT_TRUE(kc.up()) << "Keycloak of the local stack";
  const auto staff = e2e::token("secretariat", "staff-accounts");
  const auto assembly_id = fresh("acc");
  auto members = e2e::panel_members(assembly_id, 3, staff);
  const std::string m0 = members[0]["id"], m1 = members[1]["id"], m2 = members[2]["id"];
  const auto addr0 = assembly_id + ".m0@example.org", addr1 = assembly_id + ".m1@example.org";

  // Selected only: no account yet, even with an e-mail.
  put_email(m0, addr0, staff);
  std::this_thread::sleep_for(3s);
  EXPECT_TRUE(kc.users_named(m0).empty()) << "no account before the invitation";

  act(m0, "invite", staff);
  json account;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        account = member_account(kc, m0);
        return !account.is_null() && account.value("email", "") == addr0 &&
               mails_to(addr0).size() == 1;
      },
      60s))
      << "the account and its set-password e-mail: " << account.dump();
  EXPECT_EQ(account["username"], m0);
  EXPECT_EQ(account["attributes"]["member_id"], json::array({m0}));
  EXPECT_TRUE(account["enabled"].get<bool>());
  auto roles = kc.realm_roles(account["id"]);
  EXPECT_NE(std::find(roles.begin(), roles.end(), "member"), roles.end());
  const auto text = mail_text(mails_to(addr0)[0]);
  // The realm as the browser reaches it: through the gateway, the issuer's URL (docs/gateway.md).
  EXPECT_NE(text.find(env("OIDC_ISSUER") + "/login-actions/action-token?"), std::string::npos)
      << "the link leads to the realm through the gateway: " << text;

  // The assembly-wide invitation: accounts for the two others, without e-mail (none was given).
  auto bulk = e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                        {{"action", "invite"}}, staff);
  ASSERT_EQ(bulk.status, 200) << bulk.body;
  ASSERT_TRUE(e2e::eventually(
      [&] { return !member_account(kc, m1).is_null() && !member_account(kc, m2).is_null(); }, 60s));
  EXPECT_FALSE(member_account(kc, m1).contains("email"));

  // An e-mail first set: it reaches the account and the set-password e-mail goes out then.
  put_email(m1, addr1, staff);
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return member_account(kc, m1).value("email", "") == addr1 && mails_to(addr1).size() == 1;
      },
      60s));
  // The same e-mail again (the phone changed): nothing to do. A new e-mail: a provision again,
  // which finds the account, sets the new e-mail on it and sends no second set-password e-mail.
  put_email(m1, addr1, staff, "0611111111");
  const auto addr0b = assembly_id + ".m0b@example.org";
  put_email(m0, addr0b, staff, "0622222222");
  ASSERT_TRUE(
      e2e::eventually([&] { return member_account(kc, m0).value("email", "") == addr0b; }, 60s));
  std::this_thread::sleep_for(3s);
  EXPECT_EQ(mails_to(addr1).size(), 1u);
  EXPECT_EQ(mails_to(addr0).size(), 1u);
  EXPECT_EQ(mails_to(addr0b).size(), 0u) << "one set-password e-mail per account";
  EXPECT_EQ(kc.users_named(m0).size(), 1u);
  EXPECT_EQ(member_account(kc, m0)["id"], account["id"]) << "the same account";
}

TEST(MemberAccounts, AnEMailAnotherAccountHoldsIsLeftOffAndSendsNothing) {
  Realm kc;
  const auto staff = e2e::token("secretariat", "staff-accounts");
  const auto assembly_id = fresh("accsame");
  auto members = e2e::panel_members(assembly_id, 2, staff);
  const std::string m0 = members[0]["id"], m1 = members[1]["id"];
  const auto shared = assembly_id + ".household@example.org";
  put_email(m0, shared, staff);
  put_email(m1, shared, staff);
  act(m0, "invite", staff);
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto a = member_account(kc, m0);
        return !a.is_null() && a.value("email", "") == shared && mails_to(shared).size() == 1;
      },
      60s));
  act(m1, "invite", staff);
  ASSERT_TRUE(e2e::eventually([&] { return !member_account(kc, m1).is_null(); }, 60s));
  // The realm keeps e-mails unique: the second account is made without it, and the task is done
  // rather than retried for ever.
  EXPECT_TRUE(e2e::eventually([&] { return pending_tasks() == 0; }, 60s));
  EXPECT_FALSE(member_account(kc, m1).contains("email"));
  EXPECT_TRUE(member_account(kc, m1).value("enabled", false));
  EXPECT_EQ(mails_to(shared).size(), 1u);
}

TEST(MemberAccounts, ADepartureDisablesTheAccountAndTheAnonymisationDeletesIt) {
  Realm kc;
  const auto staff = e2e::token("secretariat", "staff-accounts");
  const auto assembly_id = fresh("accgone");
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies",
                      {{"id", assembly_id},
                       {"name", "Past cohort"},
                       {"mandate_start", "2020-01-01"},
                       {"mandate_end", "2020-12-31"},
                       {"retention_days", 30}},
                      staff)
                .status,
            201);
  auto members = e2e::panel_members(assembly_id, 3, staff);
  const std::string m0 = members[0]["id"], m1 = members[1]["id"], m2 = members[2]["id"];
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                      {{"action", "invite"}}, staff)
                .status,
            200);
  ASSERT_TRUE(e2e::eventually(
      [&] {
        for (const auto& m : {m0, m1, m2})
          if (member_account(kc, m).is_null()) return false;
        return true;
      },
      60s));

  act(m0, "decline", staff);
  act(m1, "confirm", staff);
  act(m1, "withdraw", staff);
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return !member_account(kc, m0).value("enabled", true) &&
               !member_account(kc, m1).value("enabled", true);
      },
      60s))
      << "declined and withdrawn: disabled";
  EXPECT_TRUE(member_account(kc, m2).value("enabled", false)) << "the invited one keeps hers";
  EXPECT_EQ(member_account(kc, m0)["attributes"]["member_id"], json::array({m0}))
      << "disabling keeps the account as it was";

  auto anonymised =
      e2e::post("membership", "/v1/assemblies/" + assembly_id + "/anonymisation", json(), staff);
  ASSERT_EQ(anonymised.status, 200) << anonymised.body;
  EXPECT_TRUE(e2e::eventually(
      [&] {
        for (const auto& m : {m0, m1, m2}) {
          auto u = kc.users_named(m);
          if (!u.is_array() || !u.empty()) return false;
        }
        return true;
      },
      60s))
      << "every account of the assembly deleted with its personal data";
}

TEST(MemberAccounts, KeycloakDownNothingIsLostAndNothingIsMadeTwice) {
  Realm kc;
  const auto stack = env("ROOT") + "/ops/stack";
  const auto staff = e2e::token("secretariat", "staff-accounts");
  const auto assembly_id = fresh("accdown");
  auto members = e2e::panel_members(assembly_id, 2, staff);
  const std::string m0 = members[0]["id"];
  const auto addr0 = assembly_id + ".m0@example.org", addr1 = assembly_id + ".r@example.org";
  put_email(m0, addr0, staff);
  const double failures_before =
      metric("membership_account_task_failures_total{action=\"provision\"}");

  ASSERT_EQ(assembly::itest::shell(stack + " stop keycloak >/dev/null"), 0);
  ASSERT_FALSE(kc.up());
  act(m0, "invite", staff);

  // A replacement drawn by sortition, delivered twice (the same event) and replayed (a new id).
  assembly::sortition::v1::ReplacementDrawn r;
  r.set_draw_id("draw-" + assembly_id);
  r.set_assembly_id(assembly_id);
  r.set_replaced_person_id(assembly_id + "-gone");
  r.set_reason("declined");
  r.set_quotas_met(true);
  r.mutable_replacement()->set_person_id(assembly_id + "-replacement");
  r.mutable_replacement()->set_pool("roll");
  assembly::events::Producer producer(assembly::itest::producer_options("member-accounts-test"));
  auto event = assembly::events::wrap(r, r.draw_id(), "sortition");
  for (const auto& e : {event, event, assembly::events::wrap(r, r.draw_id(), "sortition")})
    ASSERT_EQ(
        producer.produce_sync("assembly.sortition.v1", r.draw_id(), e.SerializeAsString(), {}), "");
  json replacement;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto got = body_of(e2e::get("membership", "/v1/members?assembly_id=" + assembly_id, staff));
        int n = 0;
        for (const auto& m : got["items"])
          if (m["person_id"] == assembly_id + "-replacement") {
            replacement = m;
            ++n;
          }
        return n == 1;
      },
      60s));
  EXPECT_EQ(replacement["status"], "invited");
  const std::string rid = replacement["id"];
  put_email(rid, addr1, staff);

  // The tasks are tried, fail and wait (the failures counted).
  EXPECT_TRUE(e2e::eventually(
      [&] {
        return metric("membership_account_task_failures_total{action=\"provision\"}") >
               std::max(0.0, failures_before);
      },
      30s))
      << "the provision was tried while Keycloak was down";
  EXPECT_TRUE(e2e::eventually(
      [&] { return metric("membership_account_tasks_failing{action=\"provision\"}") >= 1; }, 60s))
      << "the pending tasks show as failing";

  ASSERT_EQ(assembly::itest::shell(stack + " start keycloak >/dev/null"), 0);
  ASSERT_TRUE(e2e::eventually([&] { return kc.up(); }, 240s));
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return !member_account(kc, m0).is_null() && !member_account(kc, rid).is_null() &&
               mails_to(addr0).size() == 1 && mails_to(addr1).size() == 1;
      },
      180s))
      << "the accounts and their e-mails once Keycloak is back";
  EXPECT_TRUE(e2e::eventually([&] { return pending_tasks() == 0; }, 120s))
      << "every account task done";
  EXPECT_EQ(kc.users_named(m0).size(), 1u);
  EXPECT_EQ(kc.users_named(rid).size(), 1u);
  EXPECT_EQ(member_account(kc, rid)["attributes"]["member_id"], json::array({rid}));
  EXPECT_EQ(mails_to(addr0).size(), 1u);
  EXPECT_EQ(mails_to(addr1).size(), 1u);
  // Nothing personal in what membership logs of its failures.
  std::ifstream log(env("ROOT") + "/var/log/membership.log");
  std::stringstream all;
  all << log.rdbuf();
  EXPECT_EQ(all.str().find(addr0), std::string::npos);
  EXPECT_EQ(all.str().find(addr1), std::string::npos);
}
