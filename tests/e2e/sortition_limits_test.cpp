// The limits of staff accounts in sortition, against the running service: a secretariat limited to
// one assembly changes that assembly's draws, quota sets and selections, is refused (403) on
// another assembly's, which stay as they were, and may not change the pools, which serve every
// assembly.
#include <gtest/gtest.h>

#include "assembly/testing/http_client.h"
#include "e2e.h"

using nlohmann::json;

namespace {

// A new assembly's invitation draw, made by a secretariat of every assembly from a fresh roll,
// with respondents, a quota set and a selection drawn: the objects of "another assembly".
struct Other {
  std::string assembly_id, pool_id;
  e2e::SelectionPanel drawn;
};

Other other_assembly(const std::string& everywhere) {
  Other o;
  o.assembly_id = e2e::fresh("limits-b");
  o.drawn =
      e2e::draw_selection_panel(o.assembly_id, 40, 30, 20, 4,
                                "feature,value,min,max\ngender,F,2,2\ngender,M,2,2\n", [](int i) {
                                  return json{{"gender", i % 2 ? "F" : "M"}};
                                });
  auto draw = e2e::get("sortition", "/v1/invitation-draws/" + o.drawn.invitation_draw_id);
  o.pool_id = e2e::body_of(draw)["pool_id"];
  EXPECT_TRUE(e2e::eventually(
      [&] {
        auto s = e2e::get("sortition", "/v1/selections/" + o.drawn.selection_id, everywhere);
        return s.status == 200 && e2e::body_of(s)["state"] == "done";
      },
      std::chrono::seconds(60)))
      << "the other assembly's selection is drawn";
  return o;
}

json invitation_draw(const std::string& assembly_id, const std::string& pool_id,
                     const std::string& seed) {
  return {{"assembly_id", assembly_id},
          {"pool_id", pool_id},
          {"invited", 5},
          {"seed_commitment", e2e::sha256_hex(seed)}};
}

}  // namespace

TEST(SortitionLimits, ASecretariatOfOneAssemblyChangesItsOwnAndNotAnothers) {
  const auto everywhere = e2e::token("secretariat", "secretariat-limits");
  const auto b = other_assembly(everywhere);
  const std::string a = e2e::fresh("limits-a");
  const auto limited = e2e::scoped_token("secretariat", {a});

  // Invitation draws: committed (the assembly is in the body) and drawn.
  auto refused = e2e::post("sortition", "/v1/invitation-draws",
                           invitation_draw(b.assembly_id, b.pool_id, "seed-b-2"), limited);
  EXPECT_EQ(refused.status, 403) << refused.body;
  auto b_draws = e2e::get("sortition", "/v1/invitation-draws?assembly_id=" + b.assembly_id);
  EXPECT_EQ(e2e::body_of(b_draws)["items"].size(), 1u) << "no draw was committed for B";

  auto own = e2e::post("sortition", "/v1/invitation-draws",
                       invitation_draw(a, b.pool_id, "seed-a-1"), limited);
  ASSERT_EQ(own.status, 201) << own.body;
  const std::string own_draw = e2e::body_of(own)["id"];
  auto drawn = e2e::post("sortition", "/v1/invitation-draws/" + own_draw + "/draw",
                         {{"seed", "seed-a-1"}}, limited);
  EXPECT_EQ(drawn.status, 200) << drawn.body;

  auto b_committed = e2e::post("sortition", "/v1/invitation-draws",
                               invitation_draw(b.assembly_id, b.pool_id, "seed-b-3"), everywhere);
  ASSERT_EQ(b_committed.status, 201) << b_committed.body;
  const std::string b_draw = e2e::body_of(b_committed)["id"];
  auto not_drawn = e2e::post("sortition", "/v1/invitation-draws/" + b_draw + "/draw",
                             {{"seed", "seed-b-3"}}, limited);
  EXPECT_EQ(not_drawn.status, 403) << not_drawn.body;
  EXPECT_EQ(e2e::body_of(e2e::get("sortition", "/v1/invitation-draws/" + b_draw))["state"],
            "committed");

  // Respondents: a phone answer on B's draw, a withdrawal of one of B's respondents.
  const std::string b_respondents =
      "/v1/invitation-draws/" + b.drawn.invitation_draw_id + "/respondents";
  auto phoned = e2e::post(
      "sortition", b_respondents,
      {{"code", "AAAAAAAAAA"}, {"criteria", {{"gender", "F"}}}, {"consent", true}}, limited);
  EXPECT_EQ(phoned.status, 403) << phoned.body;
  auto listed = e2e::body_of(e2e::get("sortition", b_respondents, everywhere))["items"];
  ASSERT_EQ(listed.size(), 20u);
  const std::string respondent = listed[0]["id"];
  auto withdrawn = e2e::post("sortition", "/v1/respondents/" + respondent + "/withdraw",
                             json::object(), limited);
  EXPECT_EQ(withdrawn.status, 403) << withdrawn.body;
  listed = e2e::body_of(e2e::get("sortition", b_respondents, everywhere))["items"];
  for (const auto& r : listed) {
    if (r["id"] == respondent) {
      EXPECT_EQ(r["state"], "interested");
    }
  }

  // Quota sets and selections: created in A, refused in B.
  json quotas = {{"name", "quotas"},
                 {"seat_pools",
                  {{{"pool", "roll"},
                    {"seats", 2},
                    {"quotas_csv", "feature,value,min,max\ngender,F,0,2\ngender,M,0,2\n"}}}}};
  quotas["assembly_id"] = b.assembly_id;
  auto b_quotas = e2e::post("sortition", "/v1/quota-sets", quotas, limited);
  EXPECT_EQ(b_quotas.status, 403) << b_quotas.body;
  quotas["assembly_id"] = a;
  auto a_quotas = e2e::post("sortition", "/v1/quota-sets", quotas, limited);
  ASSERT_EQ(a_quotas.status, 201) << a_quotas.body;
  EXPECT_EQ(e2e::body_of(a_quotas)["assembly_id"], a);

  json selection = {{"quota_set_id", e2e::body_of(a_quotas)["id"]},
                    {"invitation_draw_ids", {own_draw}},
                    {"seed_commitment", e2e::sha256_hex("panel-a")}};
  selection["assembly_id"] = b.assembly_id;
  auto b_selection = e2e::post("sortition", "/v1/selections", selection, limited);
  EXPECT_EQ(b_selection.status, 403) << b_selection.body;
  selection["assembly_id"] = a;
  auto borrowed = selection;
  borrowed["invitation_draw_ids"] = {own_draw, b.drawn.invitation_draw_id};
  auto b_respondents_used = e2e::post("sortition", "/v1/selections", borrowed, limited);
  EXPECT_EQ(b_respondents_used.status, 422) << "another assembly's respondents";
  EXPECT_NE(b_respondents_used.body.find("/invitation_draw_ids/1"), std::string::npos)
      << b_respondents_used.body;
  auto a_selection = e2e::post("sortition", "/v1/selections", selection, limited);
  EXPECT_EQ(a_selection.status, 201) << a_selection.body;

  const std::string b_selection_path = "/v1/selections/" + b.drawn.selection_id;
  auto before = e2e::body_of(e2e::get("sortition", b_selection_path, everywhere));
  auto replaced =
      e2e::post("sortition", b_selection_path + "/replacements",
                {{"person_id", before["panel"][0]["person_id"]}, {"reason", "moved"}}, limited);
  EXPECT_EQ(replaced.status, 403) << replaced.body;
  auto redrawn = e2e::post("sortition", b_selection_path + "/draw",
                           {{"seed", "panel-" + b.assembly_id}}, limited);
  EXPECT_EQ(redrawn.status, 403) << redrawn.body;
  auto after = e2e::body_of(e2e::get("sortition", b_selection_path, everywhere));
  EXPECT_EQ(after["panel"], before["panel"]) << "B's panel is unchanged";

  // The inline panel draw names its assembly in the body.
  auto b_panel =
      e2e::post("sortition", "/v1/panel-draws", e2e::panel_request(b.assembly_id, 6, 3), limited);
  EXPECT_EQ(b_panel.status, 403) << b_panel.body;
  auto b_panels = e2e::get("sortition", "/v1/panel-draws?assembly_id=" + b.assembly_id, everywhere);
  EXPECT_TRUE(e2e::body_of(b_panels)["items"].empty());
  auto a_panel = e2e::post("sortition", "/v1/panel-draws", e2e::panel_request(a, 6, 3), limited);
  EXPECT_EQ(a_panel.status, 201) << a_panel.body;
}

TEST(SortitionLimits, PoolsServeEveryAssemblyAndRefuseALimitedAccount) {
  const auto everywhere = e2e::token("secretariat", "secretariat-limits");
  const auto limited = e2e::scoped_token("secretariat", {e2e::fresh("limits-a")});

  auto refused = e2e::post("sortition", "/v1/pools", {{"name", "roll"}, {"kind", "roll"}}, limited);
  EXPECT_EQ(refused.status, 403) << refused.body;

  auto created =
      e2e::post("sortition", "/v1/pools", {{"name", "roll"}, {"kind", "roll"}}, everywhere);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string import_path =
      "/v1/pool-imports/" + e2e::body_of(created)["import"]["id"].get<std::string>();
  auto part = assembly::itest::http(
      "PUT", e2e::url("sortition") + import_path + "/parts/1",
      "voter_id,last_name,first_names,birth_date,sex,address,postcode,arrondissement\n",
      {{"Authorization", "Bearer " + limited}, {"Content-Type", "text/csv"}});
  EXPECT_EQ(part.status, 403) << part.body;
  auto complete = e2e::post("sortition", import_path + "/complete", {{"parts", 1}}, limited);
  EXPECT_EQ(complete.status, 403) << complete.body;
  auto cancel = e2e::send("DELETE", "sortition", import_path, json(), limited);
  EXPECT_EQ(cancel.status, 403) << cancel.body;

  auto state = e2e::body_of(e2e::get("sortition", import_path, everywhere));
  EXPECT_EQ(state["state"], "receiving");
  EXPECT_EQ(state["parts_received"], 0);
  EXPECT_EQ(e2e::send("DELETE", "sortition", import_path, json(), everywhere).status / 100, 2);
}
