// Ballots in the recommendations service, with membership over the real Kafka: the electorate is
// fixed from membership's events when a ballot opens (a withdrawal reaches later ballots, not open
// ones); a secret plenary ballot with receipts adopts a motion, which reaches follow-up, and the
// motion sent to the Council reaches it with its spokespersons.
#include <gtest/gtest.h>

#include <ctime>

#include "assembly/core/time.h"
#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using nlohmann::json;

namespace {

std::string in_an_hour() {
  return assembly::core::utc_time(std::time(nullptr) + 3600);
}

}  // namespace

TEST(Ballots, ASecretPlenaryBallotWithReceiptsAdoptsTheMotionWhichReachesFollowUp) {
  const auto staff = e2e::token("secretariat", "staff-vote");
  auto a = e2e::seat_six("vote", staff);
  json motions;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return (motions = body_of(e2e::get("recommendations",
                                           "/v1/motions?assembly_id=" + a.assembly_id))["items"])
                   .size() == 3;
      },
      std::chrono::seconds(60)));
  const std::string motion = motions[0]["id"];

  // A recommendation of the motion's workshop: drafted by one of its members, amended, adopted,
  // handed over, worked on with a city service.
  json author, outsider;
  for (const auto& m : a.members)
    (m["workshop_theme"] == motions[0]["theme"] ? author : outsider) = m;
  ASSERT_FALSE(author.is_null());
  const auto author_token = e2e::token("member", author["id"]);
  EXPECT_EQ(e2e::post("recommendations", "/v1/recommendations",
                      {{"workshop_id", motions[0]["workshop_id"]}, {"title", "t"}, {"text", "x"}},
                      e2e::token("member", outsider["id"]))
                .status,
            403)
      << "members draft in their own workshop";
  const json draft_body = {
      {"workshop_id", motions[0]["workshop_id"]},
      {"title", "Renouveler le plan lecture"},
      {"text", "Ouvrir les bibliothèques le dimanche.\nCréer des clubs de lecture.\n"}};
  auto too_early = e2e::post("recommendations", "/v1/recommendations", draft_body, author_token);
  EXPECT_EQ(too_early.status, 409) << "no adopted mandate yet: " << too_early.body;
  // The June plenary adopts the workshop's mandate (in workshops); MandateAdopted reaches here.
  const int notebook =
      e2e::submitted_notebook(std::string(motions[0]["workshop_id"]), "# Carnet\n", staff);
  e2e::name_departments(std::string(motions[0]["workshop_id"]), {"DAC"}, staff);
  auto mandate = e2e::post("workshops",
                           "/v1/workshops/" + std::string(motions[0]["workshop_id"]) + "/mandates",
                           {{"text", "Des recommandations pour renouveler le Plan Paris Lecture."},
                            {"notebook_version", notebook}},
                           e2e::token("city-service", "executive", "DAC"));
  ASSERT_EQ(mandate.status, 201) << mandate.body;
  auto plenary = e2e::post("workshops", "/v1/sessions",
                           {{"type", "plenary"},
                            {"assembly_id", a.assembly_id},
                            {"title", "Plénière de juin"},
                            {"starts_at", "2022-06-18T09:00:00Z"},
                            {"ends_at", "2022-06-18T17:00:00Z"},
                            {"place", "Hôtel de Ville"}},
                           staff);
  ASSERT_EQ(plenary.status, 201) << plenary.body;
  ASSERT_EQ(e2e::post("workshops", "/v1/mandates/" + std::string(body_of(mandate)["id"]) + "/vote",
                      {{"votes_for", 6},
                       {"votes_against", 0},
                       {"abstentions", 0},
                       {"session_id", body_of(plenary)["id"]}},
                      staff)
                .status,
            200);
  assembly::itest::HttpResponse drafted;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return (drafted =
                    e2e::post("recommendations", "/v1/recommendations", draft_body, author_token))
                   .status == 201;
      },
      std::chrono::seconds(60)))
      << drafted.body;
  EXPECT_EQ(body_of(drafted)["mandate_id"], body_of(mandate)["id"])
      << "it answers the adopted mandate";
  const std::string rec = body_of(drafted)["id"];
  auto amendment = e2e::post("recommendations", "/v1/recommendations/" + rec + "/amendments",
                             {{"text",
                               "Ouvrir les bibliothèques le dimanche.\nCréer des clubs de lecture "
                               "dans chaque arrondissement.\n"},
                              {"rationale", "plus précis"}},
                             author_token);
  ASSERT_EQ(amendment.status, 201) << amendment.body;
  auto accepted = e2e::post("recommendations",
                            "/v1/amendments/" + std::string(body_of(amendment)["id"]) + "/accept",
                            json::object(), staff);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(body_of(accepted)["version"], 2);
  EXPECT_EQ(body_of(e2e::get("recommendations",
                             "/v1/recommendations/" + rec + "/diff?from=1&to=2"))["unified"],
            "  Ouvrir les bibliothèques le dimanche.\n- Créer des clubs de lecture.\n+ Créer des "
            "clubs de lecture dans chaque arrondissement.\n");
  EXPECT_EQ(e2e::post("recommendations", "/v1/recommendations/" + rec + "/co-construct",
                      json::object(), staff)
                .status,
            409);
  // The December plenary, where the recommendations are handed over and the motions voted.
  auto december = e2e::post("workshops", "/v1/sessions",
                            {{"type", "plenary"},
                             {"assembly_id", a.assembly_id},
                             {"title", "Plénière de décembre"},
                             {"starts_at", "2022-12-10T09:00:00Z"},
                             {"ends_at", "2022-12-10T17:00:00Z"},
                             {"place", "Hôtel de Ville"}},
                            staff);
  ASSERT_EQ(december.status, 201) << december.body;
  const std::string plenary_id = body_of(december)["id"];
  ASSERT_EQ(
      e2e::post("recommendations", "/v1/recommendations/" + rec + "/adopt", json::object(), staff)
          .status,
      200);
  auto unnamed = e2e::post("recommendations", "/v1/recommendations/" + rec + "/hand-over",
                           json::object(), staff);
  EXPECT_EQ(unnamed.status, 422) << "a hand-over names its plenary";
  EXPECT_NE(unnamed.body.find("/plenary_session_id"), std::string::npos) << unnamed.body;
  auto handed = e2e::post("recommendations", "/v1/recommendations/" + rec + "/hand-over",
                          {{"plenary_session_id", plenary_id}}, staff);
  ASSERT_EQ(handed.status, 200) << handed.body;
  EXPECT_EQ(body_of(handed)["status"], "handed-over");
  EXPECT_EQ(
      body_of(e2e::get("recommendations", "/v1/recommendations/" + rec))["plenary_session_id"],
      plenary_id);
  ASSERT_EQ(e2e::post("recommendations", "/v1/recommendations/" + rec + "/co-construct",
                      json::object(), staff)
                .status,
            200);
  EXPECT_EQ(e2e::post("recommendations", "/v1/recommendations/" + rec + "/amendments",
                      {{"text", "late"}}, author_token)
                .status,
            409);
  auto fb = e2e::post("recommendations", "/v1/recommendations/" + rec + "/feedback",
                      {{"text", "Faisable en 2024"},
                       {"feasibility", "oui"},
                       {"cost_estimate", "1,2 M€"},
                       {"department", "DAC"}},
                      e2e::token("city-service", "dac", "DAC"));
  ASSERT_EQ(fb.status, 201) << fb.body;
  EXPECT_EQ(e2e::post("recommendations", "/v1/recommendations/" + rec + "/feedback",
                      {{"text", "d'accord"}}, author_token)
                .status,
            422)
      << "a member answers a feedback";
  EXPECT_EQ(e2e::post("recommendations", "/v1/recommendations/" + rec + "/feedback",
                      {{"text", "d'accord"}, {"reply_to", body_of(fb)["id"]}}, author_token)
                .status,
            201);
  EXPECT_EQ(
      body_of(e2e::get("recommendations", "/v1/recommendations/" + rec + "/feedback"))["items"]
          .size(),
      2u);

  auto text = assembly::itest::http(
      "PUT", e2e::url("recommendations") + "/v1/motions/" + motion,
      json{{"title", "Vœu pour un plan lecture"},
           {"text", "La Ville s'engage..."},
           {"spokespersons", {a.members[0]["id"], a.members[1]["id"]}},
           {"recommendation_ids", {rec}}}
          .dump(),
      {{"Authorization", "Bearer " + staff}, {"Content-Type", "application/json"}});
  ASSERT_EQ(text.status, 200) << text.body;
  // The spokespersons are announced to membership, which gives them the role.
  EXPECT_TRUE(e2e::eventually(
      [&] {
        const auto roles = body_of(e2e::get(
            "membership", "/v1/members/" + std::string(a.members[0]["id"]) + "/roles", staff));
        for (const auto& r : roles["items"])
          if (r["role"] == "spokesperson" && r["motion_id"] == motion && r["ended_at"].is_null())
            return true;
        return false;
      },
      std::chrono::seconds(60)))
      << "membership made them spokespersons";

  json plenary_ballot = {{"assembly_id", a.assembly_id},
                         {"motion_id", motion},
                         {"question", "Adoptez-vous le vœu ?"},
                         {"rule", "unanimity-of-votes-cast"},
                         {"quorum", 0.5},
                         {"secret", true},
                         {"closes_at", in_an_hour()}};
  auto no_plenary = e2e::post("recommendations", "/v1/ballots", plenary_ballot, staff);
  EXPECT_EQ(no_plenary.status, 422) << "the assembly's vote on a motion names its plenary";
  EXPECT_NE(no_plenary.body.find("/plenary_session_id"), std::string::npos) << no_plenary.body;
  plenary_ballot["plenary_session_id"] = plenary_id;
  auto too_soon = e2e::post("recommendations", "/v1/ballots", plenary_ballot, staff);
  EXPECT_EQ(too_soon.status, 409) << "the plenary votes a motion its workshop approved";
  EXPECT_EQ(body_of(too_soon)["status"], "drafting") << too_soon.body;

  // The workshop approves the motion's last version unanimously (of the votes cast).
  auto approval = e2e::post("recommendations", "/v1/ballots",
                            {{"assembly_id", a.assembly_id},
                             {"workshop", motions[0]["theme"]},
                             {"motion_id", motion},
                             {"question", "L'atelier approuve-t-il le vœu ?"},
                             {"rule", "unanimity-of-votes-cast"},
                             {"quorum", 0.5},
                             {"secret", false},
                             {"closes_at", in_an_hour()}},
                            staff);
  ASSERT_EQ(approval.status, 201) << approval.body;
  EXPECT_EQ(body_of(approval)["motion_version"], 1) << "the text set by the secretariat";
  const std::string approval_id = body_of(approval)["id"];
  for (const auto& m : a.members)
    if (m["workshop_theme"] == motions[0]["theme"]) {
      ASSERT_EQ(e2e::post("recommendations", "/v1/ballots/" + approval_id + "/votes",
                          {{"choice", "for"}}, e2e::token("member", m["id"]))
                    .status,
                200);
    }
  auto approved =
      e2e::post("recommendations", "/v1/ballots/" + approval_id + "/close", json::object(), staff);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(body_of(approved)["result"]["outcome"], "adopted");
  EXPECT_EQ(body_of(e2e::get("recommendations", "/v1/motions/" + motion))["status"],
            "approved-by-workshop");

  auto opened = e2e::post("recommendations", "/v1/ballots", plenary_ballot, staff);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string ballot = body_of(opened)["id"];
  EXPECT_EQ(body_of(opened)["electorate"], 6);
  EXPECT_EQ(body_of(opened)["plenary_session_id"], plenary_id);
  auto vote = [&](int i, const std::string& choice, const std::string& receipt = "") {
    json b = {{"choice", choice}};
    if (!receipt.empty()) b["receipt"] = receipt;
    return e2e::post("recommendations", "/v1/ballots/" + ballot + "/votes", b,
                     e2e::token("member", a.members[i]["id"]));
  };
  std::vector<std::string> receipts;
  for (int i = 0; i < 5; ++i) {
    auto r = vote(i, i == 4 ? "against" : (i == 3 ? "abstain" : "for"));
    ASSERT_EQ(r.status, 200) << r.body;
    receipts.push_back(body_of(r)["receipt"]);
  }
  EXPECT_EQ(vote(4, "for").status, 409) << "a second vote needs the receipt";
  EXPECT_EQ(vote(4, "for", "00000000000000000000000000000000").status, 422)
      << "a receipt that matches nothing";
  ASSERT_EQ(vote(4, "for", receipts[4]).status, 200) << "changed until the ballot closes";
  EXPECT_EQ(e2e::post("recommendations", "/v1/ballots/" + ballot + "/votes", {{"choice", "for"}},
                      e2e::token("member", "someone-else"))
                .status,
            403);
  EXPECT_EQ(vote(0, "maybe").status, 422);
  EXPECT_EQ(e2e::get("recommendations", "/v1/ballots/" + ballot + "/results").status, 409)
      << "published when closed";

  auto closed =
      e2e::post("recommendations", "/v1/ballots/" + ballot + "/close", json::object(), staff);
  ASSERT_EQ(closed.status, 200) << closed.body;
  auto result = body_of(closed)["result"];
  EXPECT_EQ(result["for"], 4);
  EXPECT_EQ(result["against"], 0);
  EXPECT_EQ(result["abstain"], 1);
  EXPECT_TRUE(result["quorum_met"].get<bool>());
  EXPECT_DOUBLE_EQ(result["turnout"].get<double>(), 5.0 / 6.0);
  EXPECT_EQ(result["outcome"], "adopted")
      << "unanimity of the votes cast: an abstention does not break it";
  EXPECT_EQ(vote(5, "for").status, 409) << "no vote after closing";

  // Verifiable: the published votes add up to the totals; each receipt says its vote was counted.
  auto published = body_of(e2e::get("recommendations", "/v1/ballots/" + ballot + "/results"));
  int yes = 0, abstain = 0;
  for (const auto& v : published["votes"]) {
    EXPECT_FALSE(v.contains("member_id")) << "secret: how is not linked to who";
    yes += v["choice"] == "for";
    abstain += v["choice"] == "abstain";
  }
  EXPECT_EQ(yes, 4);
  EXPECT_EQ(abstain, 1);
  EXPECT_EQ(published["voters"].size(), 5u) << "who voted is recorded";
  EXPECT_EQ(published["plenary_session_id"], plenary_id) << "the results name the plenary";
  for (const auto& receipt : receipts) {
    auto mine = e2e::get("recommendations", "/v1/ballots/" + ballot + "/receipts/" + receipt);
    ASSERT_EQ(mine.status, 200) << mine.body;
    EXPECT_EQ(body_of(mine)["counted"], true);
    EXPECT_FALSE(body_of(mine).contains("choice")) << "never how: " << mine.body;
  }

  // The adopted motion reaches follow-up; sent to the Council, with its spokespersons.
  ASSERT_EQ(e2e::post("recommendations", "/v1/motions/" + motion + "/send-to-council",
                      json::object(), staff)
                .status,
            200);
  EXPECT_EQ(e2e::post("recommendations", "/v1/motions/" + motion + "/send-to-council",
                      json::object(), staff)
                .status,
            409);
  EXPECT_EQ(e2e::post("recommendations",
                      "/v1/motions/" + std::string(motions[1]["id"]) + "/send-to-council",
                      json::object(), staff)
                .status,
            409)
      << "a motion not adopted does not go";
  json dossier;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        const auto list =
            body_of(e2e::get("followup", "/v1/dossiers?assembly_id=" + a.assembly_id));
        for (const auto& d : list["items"])
          if (d["motion_id"] == motion) dossier = d;
        return !dossier.is_null() && !dossier["sent_to_council_at"].is_null();
      },
      std::chrono::seconds(60)))
      << dossier.dump();
  EXPECT_FALSE(dossier["adopted_by_assembly_at"].is_null());
  EXPECT_EQ(body_of(e2e::get("recommendations", "/v1/recommendations/" + rec))["status"], "carried")
      << "carried by the motion";
  EXPECT_TRUE(e2e::eventually(
      [&] {
        auto m = e2e::metrics("recommendations");
        return m.find("recommendations_ballot_turnout{assembly=\"" + a.assembly_id +
                      "\",ballot=\"" + ballot + "\"} 0.83") != std::string::npos &&
               m.find("recommendations_amendments{assembly=\"" + a.assembly_id +
                      "\",state=\"accepted\"} 1") != std::string::npos;
      },
      std::chrono::seconds(60)))
      << "metrics: turnout and amendments";
  EXPECT_EQ(dossier["title"], "Vœu pour un plan lecture");
  EXPECT_EQ(dossier["spokespersons"], 2);
}

TEST(Ballots, AWithdrawalReachesLaterBallotsButNotOpenOnesAndQuorumCounts) {
  const auto staff = e2e::token("secretariat", "staff-vote2");
  auto a = e2e::seat_six("vote", staff);
  const std::string theme = a.members[0]["workshop_theme"];
  int in_workshop = 0;
  for (const auto& m : a.members) in_workshop += m["workshop_theme"] == theme;
  auto open_ballot = [&](const std::string& rule, double quorum) {
    return e2e::post("recommendations", "/v1/ballots",
                     {{"assembly_id", a.assembly_id},
                      {"workshop", theme},
                      {"question", "Adoptez-vous la recommandation ?"},
                      {"rule", rule},
                      {"quorum", quorum},
                      {"secret", false},
                      {"closes_at", in_an_hour()}},
                     staff);
  };
  auto first = open_ballot("simple-majority", 1.0);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(body_of(first)["electorate"], in_workshop);
  EXPECT_EQ(open_ballot("majority", 0.5).status, 422);
  EXPECT_EQ(open_ballot("two-thirds", 1.5).status, 422);

  // Membership disables a leaver's account: their token is the one they held before leaving
  // (valid until it expires).
  const auto leaver = e2e::token("member", a.members[0]["id"]);
  ASSERT_EQ(e2e::post("membership", "/v1/members/" + std::string(a.members[0]["id"]) + "/withdraw",
                      {{"reason", "moved away"}}, staff)
                .status,
            200);
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return body_of(
                   e2e::get("recommendations",
                            "/v1/electorate?assembly_id=" + a.assembly_id + "&workshop=" + theme,
                            staff))["member_ids"]
                   .size() == static_cast<size_t>(in_workshop - 1);
      },
      std::chrono::seconds(60)));
  auto later = open_ballot("simple-majority", 0.5);
  ASSERT_EQ(later.status, 201);
  EXPECT_EQ(body_of(later)["electorate"], in_workshop - 1)
      << "the withdrawal reaches a ballot opened afterwards";
  EXPECT_EQ(body_of(e2e::get("recommendations", "/v1/ballots/" + std::string(body_of(first)["id"]),
                             staff))["electorate"],
            in_workshop)
      << "but not one already open";

  // The open ballot: one vote of a required full turnout is no quorum; the list shows who voted
  // how.
  const std::string first_id = body_of(first)["id"];
  ASSERT_EQ(e2e::post("recommendations", "/v1/ballots/" + first_id + "/votes", {{"choice", "for"}},
                      leaver)
                .status,
            200)
      << "still in the electorate of the ballot opened before they left";
  auto closed =
      e2e::post("recommendations", "/v1/ballots/" + first_id + "/close", json::object(), staff);
  ASSERT_EQ(closed.status, 200);
  ASSERT_GE(in_workshop, 2) << "six members in three workshops";
  EXPECT_EQ(body_of(closed)["result"]["outcome"], "no-quorum")
      << "one of " << in_workshop << " took part; the quorum was all";
  auto published = body_of(e2e::get("recommendations", "/v1/ballots/" + first_id + "/results"));
  ASSERT_EQ(published["votes"].size(), 1u);
  EXPECT_EQ(published["votes"][0]["member_id"], a.members[0]["id"]);
}
