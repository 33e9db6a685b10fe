// The replacement loop across two running services over the real broker: sortition draws a panel
// under quotas, membership makes members of it; one declines in membership (MemberDeclined),
// sortition draws the replacement by itself (ReplacementDrawn), and it appears in membership as a
// new member linked to the one it replaces. Nobody does anything by hand between the two.
#include <gtest/gtest.h>
#include <sodium.h>

#include "assembly/testing/http_client.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using assembly::itest::http;
using nlohmann::json;

namespace {

using e2e::sha256_hex;

}  // namespace

TEST(ReplacementLoop, ADeclineInMembershipIsReplacedBySortitionAndComesBackAsAMember) {
  const auto staff = e2e::token("secretariat", "secretariat-loop");
  const auto sortition = e2e::url("sortition");
  const std::map<std::string, std::string> json_headers = {{"Authorization", "Bearer " + staff},
                                                           {"Content-Type", "application/json"}};
  auto call = [&](const std::string& method, const std::string& path, const json& body) {
    return http(method, sortition + path, body.dump(), json_headers);
  };
  const std::string assembly_id =
      "loop-" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000000);

  // A small roll, imported in one part.
  std::string csv = "voter_id,last_name,first_names,birth_date,sex,address,postcode,arrondissement\n";
  for (int i = 0; i < 80; ++i)
    csv += assembly_id + "-" + std::to_string(i) + ",Nom" + std::to_string(i) + ",Prénom,19" +
           std::to_string(40 + i % 50) + "-05-0" + std::to_string(1 + i % 9) + "," + (i % 2 ? "F" : "M") + "," +
           std::to_string(i) + " rue de la Loire,75019,19\n";
  auto pool = call("POST", "/v1/pools", {{"name", assembly_id}, {"kind", "roll"}});
  ASSERT_EQ(pool.status, 201) << pool.body;
  std::string import_id = json::parse(pool.body)["import"]["id"];
  ASSERT_EQ(http("PUT", sortition + "/v1/pool-imports/" + import_id + "/parts/1", csv,
                 {{"Authorization", "Bearer " + staff}, {"Content-Type", "text/csv"}})
                .status,
            200);
  auto done = call("POST", "/v1/pool-imports/" + import_id + "/complete", {{"parts", 1}});
  ASSERT_EQ(done.status, 200) << done.body;
  std::string pool_id = json::parse(done.body)["pool_id"];

  // Invitations, and 40 answers taken by phone by the secretariat.
  const std::string seed = "loop-invitations-" + assembly_id;
  auto draw = call("POST", "/v1/invitation-draws",
                   {{"assembly_id", assembly_id}, {"pool_id", pool_id}, {"invited", 60}, {"seed_commitment", sha256_hex(seed)}});
  ASSERT_EQ(draw.status, 201) << draw.body;
  std::string draw_id = json::parse(draw.body)["id"];
  ASSERT_EQ(call("POST", "/v1/invitation-draws/" + draw_id + "/draw", {{"seed", seed}}).status, 200);
  auto mail = http("GET", sortition + "/v1/invitation-draws/" + draw_id + "/mailing-list", {}, json_headers).body;
  std::vector<std::string> codes;
  for (auto at = mail.find("\n\""); at != std::string::npos; at = mail.find("\n\"", at + 1))
    codes.push_back(mail.substr(at + 2, 11));
  ASSERT_EQ(codes.size(), 60u);
  for (int i = 0; i < 40; ++i) {
    auto r = call("POST", "/v1/invitation-draws/" + draw_id + "/respondents",
                  {{"code", codes[i]}, {"criteria", {{"gender", i % 2 ? "F" : "M"}}}, {"consent", true}});
    ASSERT_EQ(r.status, 201) << r.body;
  }

  // A panel of 10 with parity.
  auto qs = call("POST", "/v1/quota-sets",
                 {{"assembly_id", assembly_id}, {"name", "parity"},
                  {"seat_pools", {{{"pool", "roll"}, {"seats", 10}, {"quotas_csv", "feature,value,min,max\ngender,F,5,5\ngender,M,5,5\n"}}}}});
  ASSERT_EQ(qs.status, 201) << qs.body;
  const std::string panel_seed = "loop-panel-" + assembly_id;
  auto sel = call("POST", "/v1/selections",
                  {{"assembly_id", assembly_id}, {"quota_set_id", json::parse(qs.body)["id"]},
                   {"invitation_draw_ids", {draw_id}}, {"seed_commitment", sha256_hex(panel_seed)}});
  ASSERT_EQ(sel.status, 201) << sel.body;
  std::string selection_id = json::parse(sel.body)["id"];
  ASSERT_EQ(call("POST", "/v1/selections/" + selection_id + "/draw", {{"seed", panel_seed}}).status, 202);

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

  // One of them declines, in membership.
  json leaver = members[0];
  auto declined = e2e::post("membership", "/v1/members/" + std::string(leaver["id"]) + "/decline",
                            {{"reason", "no time this year"}}, staff);
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(json::parse(declined.body)["status"], "declined");
  EXPECT_EQ(e2e::post("membership", "/v1/members/" + std::string(leaver["id"]) + "/decline", {{"reason", "again"}}, staff)
                .status,
            409);

  json replacement;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("membership", "/v1/members?assembly_id=" + assembly_id, staff);
        if (r.status != 200) return false;
        const auto list = json::parse(r.body);  // named: a range-for over parse(...)["items"] dangles
        for (const auto& m : list["items"])
          if (m["replaces"] == leaver["id"]) replacement = m;
        return !replacement.is_null();
      },
      std::chrono::seconds(60)))
      << "the replacement came back to membership by itself";
  EXPECT_EQ(replacement["status"], "selected");
  EXPECT_EQ(replacement["workshop_theme"], leaver["workshop_theme"]) << "it takes the leaver's workshop";
  EXPECT_EQ(replacement["draw_id"], selection_id);

  // Sortition's side: the leaver left the panel, the replacement keeps parity.
  auto panel = json::parse(http("GET", sortition + "/v1/selections/" + selection_id, {}, json_headers).body)["panel"];
  int seated = 0, women = 0;
  std::map<std::string, std::string> gender;
  const auto respondents =
      json::parse(http("GET", sortition + "/v1/invitation-draws/" + draw_id + "/respondents", {}, json_headers).body);
  for (const auto& r : respondents["items"]) gender[r["person_id"]] = r["criteria"]["gender"];
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
