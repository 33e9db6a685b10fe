// The limits of staff accounts in the recommendations service, against the real stack: a
// secretariat (or city-service) account limited to one assembly changes its motions, ballots,
// recommendations and amendments, and is refused (403, nothing changed, read back) when limited to
// another assembly.
#include <gtest/gtest.h>

#include <ctime>
#include <string>

#include "assembly/core/time.h"
#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using e2e::fresh;
using nlohmann::json;

namespace {

json read(const std::string& path) {
  auto r = e2e::get("recommendations", path);
  EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  return body_of(r);
}

}  // namespace

TEST(RecommendationsLimits, ASecretariatOfOneAssemblyChangesOnlyThatAssembly) {
  const auto staff = e2e::token("secretariat", "staff-rec-limits");
  auto a = e2e::seat_six("rlim", staff);
  const auto mine = e2e::scoped_token("secretariat", {a.assembly_id});
  const auto elsewhere = e2e::scoped_token("secretariat", {fresh("rlim-other")});
  json motions;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return (motions = read("/v1/motions?assembly_id=" + a.assembly_id)["items"]).size() == 3;
      },
      std::chrono::seconds(60)));
  const std::string motion = motions[0]["id"], workshop = motions[0]["workshop_id"];

  // Motions: the text.
  const json text = {{"title", "Vœu pour un plan lecture"}, {"text", "La Ville s'engage..."}};
  auto refused = e2e::put("recommendations", "/v1/motions/" + motion, text, elsewhere);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(body_of(refused)["detail"].get<std::string>().find(a.assembly_id), std::string::npos);
  EXPECT_NE(read("/v1/motions/" + motion)["title"], text["title"]) << "the text is unchanged";
  auto set = e2e::put("recommendations", "/v1/motions/" + motion, text, mine);
  EXPECT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(body_of(set)["title"], text["title"]);
  // The public motion is cached for a moment.
  EXPECT_TRUE(
      e2e::eventually([&] { return read("/v1/motions/" + motion)["title"] == text["title"]; },
                      std::chrono::seconds(10)));

  // Ballots: opened (the assembly named in the body), then closed.
  const json ballot = {{"assembly_id", a.assembly_id},
                       {"question", "L'assemblée adopte-t-elle son règlement ?"},
                       {"rule", "simple-majority"},
                       {"quorum", 0},
                       {"secret", false},
                       {"closes_at", assembly::core::utc_time(std::time(nullptr) + 3600)}};
  const auto ballots_path = "/v1/ballots?assembly_id=" + a.assembly_id;
  EXPECT_EQ(e2e::post("recommendations", "/v1/ballots", ballot, elsewhere).status, 403);
  EXPECT_EQ(body_of(e2e::get("recommendations", ballots_path, staff))["items"].size(), 0u)
      << "no ballot was opened";
  auto opened = e2e::post("recommendations", "/v1/ballots", ballot, mine);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string ballot_id = body_of(opened)["id"];
  const auto close_path = "/v1/ballots/" + ballot_id + "/close";
  EXPECT_EQ(e2e::post("recommendations", close_path, json::object(), elsewhere).status, 403);
  EXPECT_EQ(body_of(e2e::get("recommendations", "/v1/ballots/" + ballot_id, staff))["state"],
            "open");
  auto closed = e2e::post("recommendations", close_path, json::object(), mine);
  EXPECT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(body_of(closed)["state"], "closed");

  // Recommendations answer the workshop's adopted mandate (voted in workshops by the plenary).
  const int notebook = e2e::submitted_notebook(workshop, "# Carnet\n", staff);
  e2e::name_departments(workshop, {"DAC"}, staff);
  auto mandate = e2e::post(
      "workshops", "/v1/workshops/" + workshop + "/mandates",
      {{"text", "Des recommandations pour le plan lecture."}, {"notebook_version", notebook}},
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
  const json draft = {{"workshop_id", workshop},
                      {"title", "Ouvrir le dimanche"},
                      {"text", "Ouvrir les bibliothèques le dimanche.\n"}};
  assembly::itest::HttpResponse drafted;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return (drafted = e2e::post("recommendations", "/v1/recommendations", draft, mine))
                   .status == 201;
      },
      std::chrono::seconds(60)))
      << drafted.body;
  const std::string rec = body_of(drafted)["id"];
  const auto listed = "/v1/recommendations?assembly_id=" + a.assembly_id;
  EXPECT_EQ(read(listed)["items"].size(), 1u);
  EXPECT_EQ(e2e::post("recommendations", "/v1/recommendations", draft, elsewhere).status, 403);
  EXPECT_EQ(read(listed)["items"].size(), 1u) << "nothing was drafted";

  // Amendments: proposed by the secretariat of the assembly, decided only by it.
  const json amended = {{"text", "Ouvrir les bibliothèques le dimanche et le soir.\n"}};
  EXPECT_EQ(
      e2e::post("recommendations", "/v1/recommendations/" + rec + "/amendments", amended, elsewhere)
          .status,
      403);
  auto amendment =
      e2e::post("recommendations", "/v1/recommendations/" + rec + "/amendments", amended, mine);
  ASSERT_EQ(amendment.status, 201) << amendment.body;
  const auto accept = "/v1/amendments/" + std::string(body_of(amendment)["id"]) + "/accept";
  EXPECT_EQ(e2e::post("recommendations", accept, json::object(), elsewhere).status, 403);
  EXPECT_EQ(read("/v1/recommendations/" + rec)["version"], 1) << "not accepted";
  auto accepted = e2e::post("recommendations", accept, json::object(), mine);
  EXPECT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(read("/v1/recommendations/" + rec)["version"], 2);

  // The status, and the city services' feedback.
  EXPECT_EQ(e2e::post("recommendations", "/v1/recommendations/" + rec + "/adopt", json::object(),
                      elsewhere)
                .status,
            403);
  EXPECT_EQ(read("/v1/recommendations/" + rec)["status"], "draft");
  auto adopted =
      e2e::post("recommendations", "/v1/recommendations/" + rec + "/adopt", json::object(), mine);
  EXPECT_EQ(adopted.status, 200) << adopted.body;
  const json feedback = {{"text", "Faisable en 2023."}, {"department", "DAC"}};
  const auto feedback_path = "/v1/recommendations/" + rec + "/feedback";
  EXPECT_EQ(e2e::post("recommendations", feedback_path, feedback,
                      e2e::scoped_token("city-service", {fresh("rlim-city")}, {}, "DAC"))
                .status,
            403);
  EXPECT_EQ(read(feedback_path)["items"].size(), 0u);
}
