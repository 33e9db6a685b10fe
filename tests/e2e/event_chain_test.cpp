// One event chain across the five services over the real broker: a panel draw in sortition
// becomes members who, once active, fill the workshops; then motions and follow-up dossiers.
#include <gtest/gtest.h>

#include "assembly/testing/stack.h"
#include "e2e.h"

namespace {
size_t items(const assembly::itest::HttpResponse& r) {
  if (r.status != 200) return 0;
  return nlohmann::json::parse(r.body)["items"].size();
}
}  // namespace

TEST(EventChain, APanelDrawReachesFollowUpThroughEveryService) {
  const auto assembly_id = e2e::fresh("e2e");
  const auto staff = e2e::token("secretariat");
  auto created =
      e2e::post("sortition", "/v1/panel-draws", e2e::panel_request(assembly_id, 300, 100), staff);
  ASSERT_EQ(created.status, 201) << created.body;
  auto draw = nlohmann::json::parse(created.body);
  EXPECT_EQ(draw["members"].size(), 100u);
  EXPECT_EQ(created.headers["location"], "/v1/panel-draws/" + draw["id"].get<std::string>());

  EXPECT_TRUE(e2e::eventually(
      [&] {
        return items(e2e::get("membership", "/v1/members?assembly_id=" + assembly_id, staff)) ==
               100;
      },
      std::chrono::seconds(60)))
      << "membership: 100 members";
  // The letters go out, everyone accepts, the opening plenary places them in the workshops.
  e2e::seat_everyone(assembly_id, staff);
  EXPECT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("workshops", "/v1/workshops?assembly_id=" + assembly_id);
        if (items(r) != 3) return false;
        int total = 0;
        auto json = nlohmann::json::parse(r.body);
        for (auto& w : json["items"]) total += w["roster_size"].get<int>();
        return total == 100;
      },
      std::chrono::seconds(60)))
      << "workshops: 3 workshops holding the 100 members";
  EXPECT_TRUE(e2e::eventually(
      [&] {
        return items(e2e::get("recommendations", "/v1/motions?assembly_id=" + assembly_id)) == 3;
      },
      std::chrono::seconds(60)))
      << "recommendations: one motion per workshop";
  EXPECT_TRUE(e2e::eventually(
      [&] { return items(e2e::get("followup", "/v1/dossiers?assembly_id=" + assembly_id)) == 3; },
      std::chrono::seconds(60)))
      << "followup: one dossier per motion";

  // A member sees their own record and no one else's.
  auto members = nlohmann::json::parse(
      e2e::get("membership", "/v1/members?assembly_id=" + assembly_id, staff).body)["items"];
  ASSERT_GE(members.size(), 2u);
  std::string me = members[0]["id"], other = members[1]["id"];
  EXPECT_EQ(e2e::get("membership", "/v1/members/" + me, e2e::token("member", me)).status, 200);
  EXPECT_EQ(e2e::get("membership", "/v1/members/" + other, e2e::token("member", me)).status, 403);
}

TEST(EventChain, BadInputIsAProblemAndChangesNothing) {
  const auto assembly_id = e2e::fresh("e2e");
  const auto staff = e2e::token("secretariat");
  auto too_many = e2e::panel_request(assembly_id, 10, 11);
  auto r = e2e::post("sortition", "/v1/panel-draws", too_many, staff);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.headers["content-type"], "application/problem+json");
  EXPECT_EQ(nlohmann::json::parse(r.body)["field"], "/seats");

  auto malformed = assembly::itest::http(
      "POST", e2e::url("sortition") + "/v1/panel-draws",
      "{\"seats\": ", {{"Authorization", "Bearer " + staff}, {"Content-Type", "application/json"}});
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(
      e2e::post("sortition", "/v1/panel-draws", e2e::panel_request(assembly_id, 10, 3), "").status,
      401);
  EXPECT_EQ(e2e::post("sortition", "/v1/panel-draws", e2e::panel_request(assembly_id, 10, 3),
                      e2e::token("member"))
                .status,
            403);
  EXPECT_EQ(e2e::get("sortition", "/v1/nothing-here", staff).status, 404);
  EXPECT_EQ(assembly::itest::http("DELETE", e2e::url("sortition") + "/v1/panel-draws").status, 405);

  auto listed = e2e::get("sortition", "/v1/panel-draws?assembly_id=" + assembly_id, staff);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(nlohmann::json::parse(listed.body)["items"].size(), 0u) << "nothing was stored";
}

TEST(EventChain, EveryServiceServesTheStandardEndpoints) {
  for (const std::string svc :
       {"sortition", "membership", "workshops", "recommendations", "followup", "notifications"}) {
    EXPECT_EQ(e2e::get(svc, "/healthz").status, 200) << svc;
    EXPECT_EQ(e2e::get(svc, "/readyz").status, 200) << svc;
    EXPECT_NE(e2e::metrics(svc).find(svc + "_http_requests_total"), std::string::npos) << svc;
    auto doc = e2e::get(svc, "/openapi.json");
    ASSERT_EQ(doc.status, 200) << svc;
    auto json = nlohmann::json::parse(doc.body);
    EXPECT_EQ(json["info"]["title"], svc);
    EXPECT_TRUE(json["paths"].contains("/readyz"));
    // A problem's `type` resolves, on the service that answered, to the page explaining it.
    auto missing = e2e::get(svc, "/v1/no-such-thing");
    EXPECT_EQ(missing.status, 404) << svc;
    std::string type = nlohmann::json::parse(missing.body)["type"];
    EXPECT_EQ(type, "/problems/not-found");
    auto page = e2e::get(svc, type);
    EXPECT_EQ(page.status, 200) << svc;
    EXPECT_NE(page.body.find("<h1>404 Not found</h1>"), std::string::npos) << page.body;
    EXPECT_EQ(e2e::get(svc, "/problems/no-such-type").status, 404) << svc;
  }
}
