// The audit trail against the running stack (docs/audit.md): the secretariat reads a member's
// contact details, then the auditor finds the entry in membership's GET /v1/audit (actor the
// secretariat's account, subject the member), beside the change that set them; the filters and
// the pages; every other role is refused, and so is a call without a token.
#include <gtest/gtest.h>

#include <string>

#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using nlohmann::json;

TEST(Audit, TheAuditorFindsWhoReadAMembersContactDetails) {
  const auto staff = e2e::token("secretariat", "audit-staff");
  const auto auditor = e2e::token("auditor", "audit-auditor");
  auto members = e2e::panel_members(e2e::fresh("audit"), 2, staff);
  ASSERT_GE(members.size(), 2u);
  const std::string me = members[0]["id"], other = members[1]["id"];
  ASSERT_EQ(e2e::put("membership", "/v1/members/" + me + "/contact",
                     {{"name", "Camille Martin"},
                      {"email", "camille@example.org"},
                      {"preferred_channel", "email"}},
                     e2e::token("member", me))
                .status,
            200);
  auto read = e2e::get("membership", "/v1/members/" + me + "/contact", staff);
  ASSERT_EQ(read.status, 200) << read.body;

  auto page = e2e::get("membership", "/v1/audit?subject=" + me, auditor);
  ASSERT_EQ(page.status, 200) << page.body;
  const auto items = body_of(page)["items"];
  json found, changed;
  for (const auto& e : items) {
    EXPECT_EQ(e["subject_member_id"], me) << "filtered by subject: " << e.dump();
    if (e["action"] == "GET /v1/members/:id/contact") found = e;
    if (e["action"] == "PUT /v1/members/:id/contact") changed = e;
  }
  ASSERT_FALSE(found.is_null()) << "the read is on the trail: " << page.body;
  EXPECT_EQ(found["actor"], e2e::subject_of(staff)) << "the token's sub";
  EXPECT_EQ(found["role"], "secretariat");
  EXPECT_EQ(found["object_type"], "members");
  EXPECT_EQ(found["object_id"], me);
  EXPECT_EQ(found["status"], 200);
  EXPECT_FALSE(found["at"].get<std::string>().empty());
  ASSERT_FALSE(changed.is_null()) << "the change is on the trail: " << page.body;
  EXPECT_EQ(changed["actor"], me) << "a member acts as their member id";
  EXPECT_EQ(changed["role"], "member");

  // The other member's reads are not in this member's trail; the actor filter and the pages.
  auto theirs = body_of(e2e::get("membership", "/v1/audit?subject=" + other, auditor))["items"];
  for (const auto& e : theirs) EXPECT_NE(e["action"], "GET /v1/members/:id/contact") << e.dump();
  ASSERT_EQ(e2e::get("membership", "/v1/members/" + me + "/export", staff).status, 200);
  const auto by_staff =
      "/v1/audit?limit=1&actor=" + e2e::subject_of(staff) + "&since=" + std::string(found["at"]);
  auto first = e2e::get("membership", by_staff, auditor);
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(body_of(first)["items"].size(), 1u);
  EXPECT_EQ(body_of(first)["items"][0]["actor"], e2e::subject_of(staff));
  ASSERT_TRUE(body_of(first)["next_cursor"].is_string()) << "the export follows: " << first.body;
  auto second = e2e::get(
      "membership", by_staff + "&cursor=" + std::string(body_of(first)["next_cursor"]), auditor);
  ASSERT_EQ(second.status, 200) << second.body;
  ASSERT_FALSE(body_of(second)["items"].empty());
  EXPECT_GT(body_of(second)["items"][0]["id"], body_of(first)["items"][0]["id"]);
  EXPECT_EQ(e2e::get("membership", "/v1/audit?since=yesterday", auditor).status, 400);

  // Only the auditor reads the trail.
  for (const auto& token :
       {staff, e2e::token("member", me), e2e::token("city-service", "audit-city", "DAC")})
    EXPECT_EQ(e2e::get("membership", "/v1/audit?subject=" + me, token).status, 403);
  EXPECT_EQ(e2e::get("membership", "/v1/audit").status, 401);
  // Every service keeps its own.
  for (const auto& service : e2e::services()) {
    if (service == "membership") continue;
    EXPECT_EQ(e2e::get(service, "/v1/audit?limit=1", auditor).status, 200) << service;
  }
}
