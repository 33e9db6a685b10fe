// What the console shows the secretariat while recruiting, through the running sortition service:
// the answers to an invitation draw by criterion beside the roll's shares, and whether a quota
// set can be met by the respondents before a panel is drawn (named when not; nothing changed).
#include <gtest/gtest.h>

#include <string>

#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using e2e::pointers;
using nlohmann::json;

namespace {

// Four phone answers (women 0 and 1, man 2, a "no" 3) to the draw's first codes.
void answer_four(const std::string& draw_id, const std::vector<std::string>& codes,
                 const std::string& staff) {
  const char* genders[] = {"F", "F", "M"};
  for (int i = 0; i < 3; ++i) {
    json criteria = {{"gender", genders[i]},
                     {"age_band", i == 0 ? "35-49" : "65+"},
                     {"arrondissement", "19"},
                     {"diploma", "bac"}};
    auto r = e2e::post("sortition", "/v1/invitation-draws/" + draw_id + "/respondents",
                       {{"code", codes[i]}, {"criteria", criteria}, {"consent", true}}, staff);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  auto no = e2e::post("sortition", "/v1/invitation-draws/" + draw_id + "/respondents",
                      {{"code", codes[3]}, {"willing", false}}, staff);
  ASSERT_EQ(no.status, 201) << no.body;
}

json value_of(const json& figures, const std::string& category, const std::string& value) {
  for (const auto& c : figures["categories"])
    if (c["name"] == category)
      for (const auto& v : c["values"])
        if (v["value"] == value) return v;
  return json();
}

json quota_set(const std::string& assembly_id, const std::string& staff, const std::string& csv,
               int seats) {
  auto r = e2e::post("sortition", "/v1/quota-sets",
                     {{"assembly_id", assembly_id},
                      {"name", "quotas"},
                      {"seat_pools", {{{"pool", "roll"}, {"seats", seats}, {"quotas_csv", csv}}}}},
                     staff);
  EXPECT_EQ(r.status, 201) << r.body;
  return body_of(r);
}

}  // namespace

TEST(RecruitmentFigures, TheAnswersAreCountedByCriterionBesideTheRollsShares) {
  const auto assembly_id = e2e::fresh("figures");
  const auto staff = e2e::token("secretariat", "secretariat-" + assembly_id);
  const auto [draw_id, codes] = e2e::invitation_codes(assembly_id, 40, 10);
  answer_four(draw_id, codes, staff);

  auto r = e2e::get("sortition", "/v1/invitation-draws/" + draw_id + "/answer-figures", staff);
  ASSERT_EQ(r.status, 200) << r.body;
  auto f = body_of(r);
  EXPECT_EQ(f["invited"], 10);
  EXPECT_EQ(f["pool_size"], 40);
  EXPECT_EQ(f["interested"], 3);
  EXPECT_EQ(f["answers"]["declined"], 1);
  // The roll of the fixture: half women, everyone in the 19th (written "19").
  auto women = value_of(f, "gender", "F");
  EXPECT_EQ(women["respondents"], 2);
  EXPECT_NEAR(women["share"].get<double>(), 2.0 / 3, 1e-9);
  EXPECT_NEAR(women["pool_share"].get<double>(), 0.5, 1e-9);
  EXPECT_NEAR(value_of(f, "arrondissement", "19")["pool_share"].get<double>(), 1.0, 1e-9);
  EXPECT_EQ(value_of(f, "arrondissement", "1")["respondents"], 0);
  EXPECT_TRUE(value_of(f, "diploma", "bac")["pool_share"].is_null()) << "the roll has no diplomas";
  // Ages as of the draw from the birth years 1940..1989: some fall in 65+ and 35-49.
  EXPECT_GT(value_of(f, "age_band", "65+")["pool_share"].get<double>(), 0);
  EXPECT_GT(value_of(f, "age_band", "35-49")["pool_share"].get<double>(), 0);

  EXPECT_EQ(e2e::get("sortition", "/v1/invitation-draws/" + draw_id + "/answer-figures",
                     e2e::token("city-service", "figures", "voirie"))
                .status,
            403);
  EXPECT_EQ(
      e2e::get("sortition",
               "/v1/invitation-draws/00000000-0000-4000-8000-000000000000/answer-figures", staff)
          .status,
      404);
}

TEST(RecruitmentFigures, FeasibilityIsCheckedBeforeDrawingAndWhatFailsIsNamed) {
  const auto assembly_id = e2e::fresh("feasible");
  const auto staff = e2e::token("secretariat", "secretariat-" + assembly_id);
  const auto [draw_id, codes] = e2e::invitation_codes(assembly_id, 40, 10);
  answer_four(draw_id, codes, staff);
  const json draws = {{"invitation_draw_ids", {draw_id}}};

  auto good =
      quota_set(assembly_id, staff, "feature,value,min,max\ngender,F,1,1\ngender,M,1,1\n", 2);
  auto ok =
      e2e::post("sortition", "/v1/quota-sets/" + good["id"].get<std::string>() + "/feasibility",
                draws, staff);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(body_of(ok)["feasible"], true);
  EXPECT_EQ(body_of(ok)["seat_pools"][0]["respondents"], 3);

  // Three women wanted, two answered.
  auto bad =
      quota_set(assembly_id, staff, "feature,value,min,max\ngender,F,3,3\ngender,M,0,1\n", 3);
  const std::string bad_path = "/v1/quota-sets/" + bad["id"].get<std::string>() + "/feasibility";
  auto no = e2e::post("sortition", bad_path, draws, staff);
  ASSERT_EQ(no.status, 200) << no.body;
  auto verdict = body_of(no);
  EXPECT_EQ(verdict["feasible"], false);
  EXPECT_EQ(verdict["seat_pools"][0]["feasible"], false);
  EXPECT_NE(verdict["seat_pools"][0]["constraint"].get<std::string>().find("F"), std::string::npos)
      << no.body;
  EXPECT_FALSE(verdict["seat_pools"][0]["message"].get<std::string>().empty());

  // Refused: no draw named, a draw of another assembly, a department's token, another
  // assembly's limited account.
  EXPECT_EQ(
      pointers(e2e::post("sortition", bad_path, {{"invitation_draw_ids", json::array()}}, staff)),
      std::set<std::string>{"/invitation_draw_ids"});
  const auto other = e2e::fresh("feasible-other");
  const auto [other_draw, other_codes] = e2e::invitation_codes(other, 10, 2);
  auto foreign = e2e::post("sortition", bad_path, {{"invitation_draw_ids", {other_draw}}}, staff);
  EXPECT_EQ(foreign.status, 422) << foreign.body;
  EXPECT_EQ(pointers(foreign), std::set<std::string>{"/invitation_draw_ids/0"});
  EXPECT_EQ(
      e2e::post("sortition", bad_path, draws, e2e::token("city-service", "feasible", "voirie"))
          .status,
      403);
  EXPECT_EQ(
      e2e::post("sortition", bad_path, draws, e2e::scoped_token("secretariat", {other})).status,
      403);
}
