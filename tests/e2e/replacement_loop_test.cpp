// The replacement loop across two running services over the real broker: sortition draws a panel
// under quotas, membership makes members of it; one declines in membership (MemberDeclined),
// sortition draws the replacement by itself (ReplacementDrawn), and it appears in membership as a
// new member linked to the one it replaces. Nobody does anything by hand between the two.
#include <gtest/gtest.h>

#include "assembly/testing/http_client.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using assembly::itest::http;
using nlohmann::json;

TEST(ReplacementLoop, ADeclineInMembershipIsReplacedBySortitionAndComesBackAsAMember) {
  const auto staff = e2e::token("secretariat", "secretariat-loop");
  const auto sortition = e2e::url("sortition");
  const std::map<std::string, std::string> json_headers = {{"Authorization", "Bearer " + staff},
                                                           {"Content-Type", "application/json"}};
  const std::string assembly_id = e2e::fresh("loop");

  // A panel of 10 with parity, from 40 respondents of a roll of 80.
  auto drawn =
      e2e::draw_selection_panel(assembly_id, 80, 60, 40, 10,
                                "feature,value,min,max\ngender,F,5,5\ngender,M,5,5\n", [](int i) {
                                  return json{{"gender", i % 2 ? "F" : "M"}};
                                });
  const std::string selection_id = drawn.selection_id;

  json members;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("membership", "/v1/members?assembly_id=" + assembly_id, staff);
        if (r.status != 200) return false;
        members = json::parse(r.body)["items"];
        return members.size() == 10;
      },
      std::chrono::seconds(60)))
      << "membership made the 10 selected people members";

  // The letters go out (every selected member is invited); one of them declines, in membership.
  auto invited = e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                           {{"action", "invite"}}, staff);
  ASSERT_EQ(invited.status, 200) << invited.body;
  EXPECT_EQ(json::parse(invited.body)["changed"], 10);
  json leaver = members[0];
  auto declined = e2e::post("membership", "/v1/members/" + std::string(leaver["id"]) + "/decline",
                            {{"reason", "no time this year"}}, staff);
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(json::parse(declined.body)["status"], "declined");
  EXPECT_EQ(e2e::post("membership", "/v1/members/" + std::string(leaver["id"]) + "/decline",
                      {{"reason", "again"}}, staff)
                .status,
            409);

  json replacement;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("membership", "/v1/members?assembly_id=" + assembly_id, staff);
        if (r.status != 200) return false;
        const auto list =
            json::parse(r.body);  // named: a range-for over parse(...)["items"] dangles
        for (const auto& m : list["items"])
          if (m["replaces"] == leaver["id"]) replacement = m;
        return !replacement.is_null();
      },
      std::chrono::seconds(60)))
      << "the replacement came back to membership by itself";
  EXPECT_EQ(replacement["status"], "invited") << "a replacement is invited by itself";
  EXPECT_EQ(replacement["draw_id"], selection_id);

  // Sortition's side: the leaver left the panel, the replacement keeps parity.
  auto panel = json::parse(
      http("GET", sortition + "/v1/selections/" + selection_id, {}, json_headers).body)["panel"];
  int seated = 0, women = 0;
  std::map<std::string, std::string> gender;
  for (const auto& [person, criteria] : drawn.criteria) gender[person] = criteria["gender"];
  for (const auto& p : panel) {
    if (!p["seated"].get<bool>()) {
      EXPECT_EQ(p["person_id"], leaver["person_id"]);
      continue;
    }
    ++seated;
    women += gender[p["person_id"]] == "F";
  }
  EXPECT_EQ(seated, 10);
  EXPECT_EQ(women, 5);
}
