// The Council follow-up over the real services and Kafka: a motion voted by the plenary and sent
// to the Council (recommendations) lands on a Council session's agenda (followup), is debated and
// adopted; the city's department makes and updates its commitments; the secretariat schedules,
// compiles and publishes a report (FollowUpReportPublished on the topic), frozen from then on;
// overdue reports and milestones are flagged once; the public page and the open data show it all,
// and the page passes an accessibility check in a real headless Chromium.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "../integration/support.h"
#include "assembly/core/time.h"
#include "assembly/testing/http_client.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using e2e::body_of;
using nlohmann::json;

namespace {

std::string day(int offset) {
  return assembly::core::utc_date(std::time(nullptr) + offset * 86400L);
}

}  // namespace

TEST(FollowUp, FromAMotionSentToTheCouncilToAPublishedReportAndThePublicPage) {
  const auto staff = e2e::token("secretariat", "staff-followup");
  const auto clerk = e2e::token("council-clerk", "clerk");
  const auto dac = e2e::token("city-service", "dac-agent", "DAC");
  auto m = e2e::motion_sent_to_council(staff, "Vœu pour un plan lecture");

  // The Council's next session. A motion sent to the Council goes by itself on the agenda of the
  // first session to come (this one, or one an earlier run made); the clerk may move it.
  auto session = e2e::post("followup", "/v1/council-sessions",
                           {{"name", "Conseil de Paris"}, {"held_on", day(7)}}, clerk);
  ASSERT_EQ(session.status, 201) << session.body;
  EXPECT_EQ(
      e2e::post("followup", "/v1/council-sessions", {{"name", "x"}, {"held_on", day(7)}}, staff)
          .status,
      403)
      << "clerks only";
  EXPECT_EQ(e2e::post("followup", "/v1/council-sessions",
                      {{"name", "x"}, {"held_on", "2023-02-30"}}, clerk)
                .status,
            422);
  const auto sessions = body_of(e2e::get("followup", "/v1/council-sessions"));
  EXPECT_NE(sessions.dump().find(m.dossier_id), std::string::npos)
      << "placed on an agenda by itself";
  auto placed = e2e::post(
      "followup", "/v1/council-sessions/" + std::string(body_of(session)["id"]) + "/agenda-items",
      {{"dossier_id", m.dossier_id}}, clerk);
  ASSERT_EQ(placed.status, 200) << "moved here: " << placed.body;
  const json item = body_of(placed);
  EXPECT_EQ(item["session_id"], body_of(session)["id"]);
  EXPECT_EQ(
      e2e::post("followup",
                "/v1/council-sessions/" + std::string(body_of(session)["id"]) + "/agenda-items",
                {{"dossier_id", "no-such-dossier"}}, clerk)
          .status,
      422);
  ASSERT_EQ(item["recommendations"].size(), 1u);
  EXPECT_EQ(item["recommendations"][0]["id"], m.recommendation_id);
  EXPECT_TRUE(e2e::eventually(
      [&] {
        return body_of(e2e::get("followup", "/v1/council-sessions/" +
                                                std::string(body_of(session)["id"])))["agenda"]
                   .dump()
                   .find("Recommandation : Vœu pour un plan lecture") != std::string::npos;
      },
      std::chrono::seconds(30)))
      << "the recommendation's title, from RecommendationSubmitted";
  const std::string item_path = "/v1/agenda-items/" + std::string(item["id"]);

  // No commitment before the Council adopts the motion.
  const json commitment_body = {
      {"recommendation_id", m.recommendation_id},
      {"title", "Ouvrir dix bibliothèques le dimanche"},
      {"department", "DAC"},
      {"elected_official", "Adjointe chargée de la culture"},
      {"deliverables", {"Plan d'ouverture", "Recrutements"}},
      {"milestones",
       {{{"title", "Étude des horaires"}, {"due_on", day(-2)}},
        {{"title", "Cinq bibliothèques ouvertes"}, {"due_on", day(90)}}}}};
  EXPECT_EQ(e2e::post("followup", "/v1/commitments", commitment_body, dac).status, 409);

  // The debate and the decision.
  auto debate =
      e2e::send("PUT", "followup", item_path + "/debate",
                {{"presentation", "Deux porte-parole présentent le vœu."},
                 {"summary", "Large soutien."},
                 {"positions",
                  {{{"group", "Groupe A"}, {"position", "for"}},
                   {{"group", "Groupe B"}, {"position", "abstention"}, {"summary", "réserves"}}}}},
                clerk);
  ASSERT_EQ(debate.status, 200) << debate.body;
  EXPECT_EQ(e2e::send("PUT", "followup", item_path + "/debate",
                      {{"positions", {{{"group", "G"}, {"position", "maybe"}}}}}, clerk)
                .status,
            422);
  auto bad = e2e::post(
      "followup", item_path + "/decision",
      {{"decision", "adopted"}, {"votes_for", 10}, {"votes_against", 90}, {"abstentions", 0}},
      clerk);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("votes_for"), std::string::npos) << bad.body;
  EXPECT_EQ(e2e::post("followup", item_path + "/decision",
                      {{"decision", "adopted-with-amendments"},
                       {"votes_for", 100},
                       {"votes_against", 50},
                       {"abstentions", 13}},
                      clerk)
                .status,
            422)
      << "which amendments";
  auto decided = e2e::post("followup", item_path + "/decision",
                           {{"decision", "adopted-with-amendments"},
                            {"votes_for", 120},
                            {"votes_against", 20},
                            {"abstentions", 23},
                            {"amendments", "Calendrier resserré"}},
                           clerk);
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(
      e2e::post(
          "followup", item_path + "/decision",
          {{"decision", "rejected"}, {"votes_for", 0}, {"votes_against", 1}, {"abstentions", 0}},
          clerk)
          .status,
      409)
      << "decided once";
  EXPECT_EQ(body_of(e2e::get("followup", "/v1/dossiers/" + m.dossier_id))["stage"], "decided");

  // Commitments: the owning department only.
  EXPECT_EQ(e2e::post("followup", "/v1/commitments", commitment_body,
                      e2e::token("city-service", "nobody"))
                .status,
            403)
      << "no department";
  EXPECT_EQ(e2e::post("followup", "/v1/commitments", commitment_body,
                      e2e::token("city-service", "dvd", "DVD"))
                .status,
            403);
  EXPECT_EQ(e2e::post("followup", "/v1/commitments", commitment_body, staff).status, 403);
  auto bad_milestone = commitment_body;
  bad_milestone["milestones"][1]["due_on"] = "tomorrow";
  auto refused = e2e::post("followup", "/v1/commitments", bad_milestone, dac);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("/milestones/1"), std::string::npos) << refused.body;
  // Wrong in three places at once: the three are named together.
  auto three = commitment_body;
  three["title"] = "";
  three["deliverables"] = {"a report", ""};
  three["milestones"][0].erase("due_on");
  const auto problem = body_of(e2e::post("followup", "/v1/commitments", three, dac));
  std::vector<std::string> pointers;
  for (const auto& e : problem["errors"]) pointers.push_back(e["pointer"]);
  EXPECT_EQ(pointers,
            (std::vector<std::string>{"/title", "/deliverables/1", "/milestones/0/due_on"}))
      << problem.dump();
  auto made = e2e::post("followup", "/v1/commitments", commitment_body, dac);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string commitment = body_of(made)["id"];
  const std::string c_path = "/v1/commitments/" + commitment;
  EXPECT_EQ(body_of(made)["status"], "planned");
  EXPECT_EQ(body_of(made)["milestones_overdue"], 1);
  auto progressed = e2e::send("PATCH", "followup", c_path, {{"progress", 40}}, dac);
  ASSERT_EQ(progressed.status, 200) << progressed.body;
  EXPECT_EQ(body_of(progressed)["status"], "in-progress")
      << "progress puts a planned commitment in progress";
  EXPECT_EQ(e2e::send("PATCH", "followup", c_path, {{"progress", 30}}, dac).status, 422)
      << "going down needs a reason";
  EXPECT_EQ(
      e2e::send("PATCH", "followup", c_path, {{"status", "done"}, {"progress", 50}}, dac).status,
      422);
  EXPECT_EQ(e2e::send("PATCH", "followup", c_path, {{"progress", 50}},
                      e2e::token("city-service", "dvd", "DVD"))
                .status,
            403);
  EXPECT_EQ(e2e::post("followup", c_path + "/evidence",
                      {{"url", "javascript:alert(1)"}, {"label", "x"}}, dac)
                .status,
            422);
  ASSERT_EQ(
      e2e::post("followup", c_path + "/evidence",
                {{"url", "https://www.paris.fr/deliberation-2023"}, {"label", "Délibération"}}, dac)
          .status,
      201);

  // The droit de suite: a report due yesterday, so overdue; flagged once, like the milestone.
  auto schedule =
      e2e::send("PUT", "followup", "/v1/assemblies/" + m.assembly_id + "/report-schedule",
                {{"first_due_on", day(-1)}, {"every_months", 6}}, staff);
  ASSERT_EQ(schedule.status, 200) << schedule.body;
  EXPECT_EQ(e2e::send("PUT", "followup", "/v1/assemblies/" + m.assembly_id + "/report-schedule",
                      {{"first_due_on", day(-1)}}, dac)
                .status,
            403);
  const std::string report = body_of(schedule)["reports"][0]["id"];
  EXPECT_TRUE(body_of(schedule)["reports"][0]["overdue"].get<bool>());
  // The service flags it by itself (every OVERDUE_CHECK_SECONDS: 5 s on the local stack), once.
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return !body_of(e2e::get("followup", "/v1/reports/" + report))["overdue_flagged_at"]
                    .is_null();
      },
      std::chrono::seconds(60)))
      << "FollowUpReportOverdue";
  EXPECT_TRUE(e2e::eventually(
      [&] {
        auto flagged = e2e::post("followup", "/v1/overdue-checks", json::object(), staff);
        return flagged.status == 200 &&
               flagged.body.find(std::string(body_of(made)["milestones"][0]["id"])) ==
                   std::string::npos;
      },
      std::chrono::seconds(30)))
      << "the milestone flagged by the service too";
  auto again = e2e::post("followup", "/v1/overdue-checks", json::object(), staff);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.body.find(report), std::string::npos) << "flagged once: " << again.body;
  EXPECT_EQ(e2e::post("followup", "/v1/overdue-checks", json::object(), dac).status, 403);
  EXPECT_TRUE(e2e::eventually(
      [&] {
        auto metrics = e2e::metrics("followup");
        return metrics.find("followup_reports_overdue{assembly=\"" + m.assembly_id + "\"} 1") !=
                   std::string::npos &&
               metrics.find("followup_milestones_overdue{assembly=\"" + m.assembly_id + "\"} 1") !=
                   std::string::npos &&
               metrics.find("followup_commitments{assembly=\"" + m.assembly_id +
                            "\",status=\"in-progress\"} 1") != std::string::npos;
      },
      std::chrono::seconds(60)))
      << "overdue figures for alerting";
  // The console's dashboard reads the same figures, for one assembly, at the time of the call.
  auto figures = e2e::get("followup", "/v1/assemblies/" + m.assembly_id + "/follow-up-figures");
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(body_of(figures), json({{"assembly_id", m.assembly_id},
                                    {"commitments", {{"in-progress", 1}}},
                                    {"milestones_overdue", 1},
                                    {"reports_published", 0},
                                    {"reports_overdue", 1},
                                    {"last_report_published_timestamp_seconds", nullptr},
                                    {"council_decisions", {{"adopted-with-amendments", 1}}}}));
  EXPECT_EQ(e2e::get("followup", "/v1/assemblies/not%20one/follow-up-figures").status, 404);

  EXPECT_EQ(
      e2e::post("followup", "/v1/reports/" + report + "/publish", json::object(), staff).status,
      409)
      << "compiled first";
  EXPECT_EQ(e2e::post("followup", "/v1/reports/" + report + "/compile", {{"as_of", day(1)}}, staff)
                .status,
            422)
      << "not a future date";
  auto compiled = e2e::post("followup", "/v1/reports/" + report + "/compile",
                            {{"summary", "Premier rapport"}}, staff);
  ASSERT_EQ(compiled.status, 200) << compiled.body;
  // The draft, read again (a preview after a reload), by the secretariat only; the public sees
  // no snapshot before it is published.
  auto draft = e2e::get("followup", "/v1/reports/" + report + "/draft", staff);
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(body_of(draft)["snapshot"], body_of(compiled)["snapshot"]);
  EXPECT_EQ(e2e::get("followup", "/v1/reports/" + report + "/draft", dac).status, 403);
  EXPECT_TRUE(body_of(e2e::get("followup", "/v1/reports/" + report))["snapshot"].is_null());
  auto published =
      e2e::post("followup", "/v1/reports/" + report + "/publish", json::object(), staff);
  ASSERT_EQ(published.status, 200) << published.body;
  ASSERT_TRUE(body_of(published)["next_due_on"].is_string())
      << "commitments are open: the follow-up goes on";
  const std::string next = body_of(published)["next_due_on"];
  EXPECT_TRUE(next > day(170) && next < day(190))
      << next << ": six months after the first due date";
  const auto frozen = body_of(e2e::get("followup", "/v1/reports/" + report))["snapshot"];
  ASSERT_EQ(frozen["commitments"].size(), 1u);
  EXPECT_EQ(frozen["commitments"][0]["progress"], 40);
  EXPECT_EQ(frozen["milestones_overdue"], 1);

  // Later changes do not alter the published report.
  ASSERT_EQ(e2e::send("PATCH", "followup", c_path, {{"progress", 70}}, dac).status, 200);
  ASSERT_EQ(e2e::post("followup",
                      c_path + "/milestones/" + std::string(body_of(made)["milestones"][0]["id"]) +
                          "/done",
                      json::object(), dac)
                .status,
            200);
  EXPECT_EQ(body_of(e2e::get("followup", "/v1/reports/" + report))["snapshot"], frozen);
  EXPECT_EQ(
      e2e::post("followup", "/v1/reports/" + report + "/compile", json::object(), staff).status,
      409);
  auto timeline = body_of(e2e::get("followup", c_path))["timeline"];
  ASSERT_EQ(timeline.size(), 5u)
      << timeline.dump();  // created, progress, evidence, progress, milestone-done
  EXPECT_EQ(timeline[4]["change"], "milestone-done");

  // FollowUpReportPublished is on the topic, keyed by the assembly. The outbox relay publishes
  // after the answer: the topic is read again until the event is there.
  const auto brokers = assembly::itest::kafka_brokers();
  auto on_the_topic = [&] {
    const auto size = itest_support::topic_size(brokers, "assembly.followup.v1", 6);
    for (const auto& r :
         itest_support::read_topic(brokers, "assembly.followup.v1", static_cast<std::size_t>(size),
                                   std::chrono::seconds(30)))
      if (r.key == m.assembly_id && r.value.find(report) != std::string::npos &&
          (r.value.find("FollowUpReportPublished") != std::string::npos ||
           (r.headers.count("type") &&
            r.headers.at("type").find("FollowUpReportPublished") != std::string::npos)))
        return true;
    return false;
  };
  EXPECT_TRUE(e2e::eventually(on_the_topic, std::chrono::seconds(30)))
      << "FollowUpReportPublished on assembly.followup.v1";

  // The public page (French, English) and the open data.
  auto page = e2e::get("followup", "/transparence/" + m.assembly_id);
  ASSERT_EQ(page.status, 200);
  for (const char* text : {"<html lang=\"fr\"", "Vœu pour un plan lecture",
                           "Adopté avec amendements", "Ouvrir dix bibliothèques le dimanche",
                           "value=\"70\"", "Délibération", "Rapport 1", "Groupe B"})
    EXPECT_NE(page.body.find(text), std::string::npos) << text;
  EXPECT_NE(
      e2e::get("followup", "/transparency/" + m.assembly_id).body.find("Adopted with amendments"),
      std::string::npos);
  EXPECT_NE(e2e::get("followup", "/en/transparency/" + m.assembly_id)
                .body.find("Adopted with amendments"),
            std::string::npos)
      << "at its address on the site";
  auto csv =
      e2e::get("followup", "/open-data/assemblies/" + m.assembly_id + "/commitments.csv").body;
  EXPECT_NE(csv.find(commitment + ",Ouvrir dix bibliothèques le dimanche,DAC,Adjointe chargée de "
                                  "la culture,in-progress,70,2,1,0,"),
            std::string::npos)
      << csv;
  auto data =
      body_of(e2e::get("followup", "/open-data/assemblies/" + m.assembly_id + "/follow-up.json"));
  ASSERT_EQ(data["motions"].size(), 3u);
  EXPECT_EQ(data["reports"][0]["status"], "published");

#ifdef A11Y_CHECKER
  const std::string cmd = "node " A11Y_CHECKER " '" + e2e::url("followup") + "/transparence/" +
                          m.assembly_id +
                          "' --lang fr --expect 'Vœu pour un plan lecture' --expect 'Ouvrir dix "
                          "bibliothèques le dimanche' 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
#endif
}
