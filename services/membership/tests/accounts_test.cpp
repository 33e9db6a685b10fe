#include "domain/accounts.h"

#include <gtest/gtest.h>

#include "identity/keycloak.h"

using namespace membership::domain;
using std::chrono::seconds;

TEST(Accounts, AnInvitationProvisionsAndALeaverIsDisabled) {
  EXPECT_EQ(account_action_after(Status::invited), AccountAction::provision);
  EXPECT_EQ(account_action_after(Status::declined), AccountAction::disable);
  EXPECT_EQ(account_action_after(Status::withdrawn), AccountAction::disable);
}

TEST(Accounts, OtherChangesLeaveTheAccountAlone) {
  for (auto s : {Status::selected, Status::confirmed, Status::active, Status::completed})
    EXPECT_FALSE(account_action_after(s).has_value()) << to_string(s);
}

TEST(Accounts, AMemberHoldsAnAccountFromTheInvitationUntilTheyLeave) {
  EXPECT_FALSE(holds_account(Status::selected));
  for (auto s : {Status::invited, Status::confirmed, Status::active, Status::completed})
    EXPECT_TRUE(holds_account(s)) << to_string(s);
  EXPECT_FALSE(holds_account(Status::declined));
  EXPECT_FALSE(holds_account(Status::withdrawn));
}

TEST(Accounts, ANewEMailOfAnAccountHolderCallsForAProvision) {
  EXPECT_TRUE(contact_calls_for_provision(Status::invited, "", "a@example.org"));
  EXPECT_TRUE(contact_calls_for_provision(Status::active, "a@example.org", "b@example.org"));
  // The same e-mail again, none at all, or a member without an account: nothing.
  EXPECT_FALSE(contact_calls_for_provision(Status::invited, "a@example.org", "a@example.org"));
  EXPECT_FALSE(contact_calls_for_provision(Status::invited, "a@example.org", ""));
  EXPECT_FALSE(contact_calls_for_provision(Status::selected, "", "a@example.org"));
  EXPECT_FALSE(contact_calls_for_provision(Status::withdrawn, "", "a@example.org"));
}

TEST(Accounts, ActionNamesReadBothWays) {
  for (auto a : {AccountAction::provision, AccountAction::disable, AccountAction::remove})
    EXPECT_EQ(parse_account_action(to_string(a)), a);
  EXPECT_EQ(to_string(AccountAction::remove), "delete");
  EXPECT_FALSE(parse_account_action("enable").has_value());
}

TEST(Accounts, RetriesBackOffExponentiallyUpToAMinute) {
  EXPECT_EQ(retry_delay(0), seconds(0));
  EXPECT_EQ(retry_delay(1), seconds(1));
  EXPECT_EQ(retry_delay(2), seconds(2));
  EXPECT_EQ(retry_delay(3), seconds(4));
  EXPECT_EQ(retry_delay(6), seconds(32));
  EXPECT_EQ(retry_delay(7), seconds(60));
  EXPECT_EQ(retry_delay(1000), seconds(60));
  EXPECT_EQ(retry_delay(5, seconds(10)), seconds(10));
  for (int n = 1; n < 40; ++n) EXPECT_LE(retry_delay(n), retry_delay(n + 1)) << n;
}

TEST(Accounts, UrlEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(membership::identity::url_encode("a-b_c.d~9"), "a-b_c.d~9");
  EXPECT_EQ(membership::identity::url_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
}
