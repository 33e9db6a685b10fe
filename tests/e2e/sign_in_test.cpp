// A member signs in as a browser does (the web client's authorization code flow with PKCE, at the
// stack's Keycloak) and, with that token, reads and changes only their own record in membership.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "assembly/testing/stack.h"
#include "e2e.h"

namespace {

using nlohmann::json;

// The access token of a sign-in through assembly-web (tools/identity/signin.py).
std::string signed_in(const std::string& member_id) {
  const std::string root = assembly::itest::env("ROOT");
  const std::string command =
      "PYTHONPATH='" + root + "/tools' python3 -m identity.signin '" + member_id + "'";
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) throw std::runtime_error("cannot run identity.signin");
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (::pclose(p) != 0) throw std::runtime_error("the sign-in of " + member_id + " failed");
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TEST(SignIn, AMemberSignedInThroughTheWebClientReadsAndChangesOnlyTheirOwnRecord) {
  const auto staff = e2e::token("secretariat", "sign-in");
  const auto assembly_id = e2e::fresh("sign-in");
  const auto members = e2e::panel_members(assembly_id, 2, staff);
  const std::string me = members[0]["id"], other = members[1]["id"];

  const auto token = signed_in(me);
  auto mine = e2e::get("membership", "/v1/members/" + me, token);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(e2e::body_of(mine)["id"], me);
  auto theirs = e2e::get("membership", "/v1/members/" + other, token);
  EXPECT_EQ(theirs.status, 403) << theirs.body;
  EXPECT_EQ(theirs.body.find(other + "\""), std::string::npos) << "nothing of the other member";

  const json prefs = {{"workshops", json::array()}};
  EXPECT_EQ(
      e2e::send("PUT", "membership", "/v1/members/" + me + "/preferences", prefs, token).status,
      200);
  EXPECT_EQ(
      e2e::send("PUT", "membership", "/v1/members/" + other + "/preferences", prefs, token).status,
      403);
  // A staff route stays closed to a member's token.
  EXPECT_EQ(e2e::get("membership", "/v1/assemblies/" + assembly_id + "/roles", token).status, 403);
}

}  // namespace
