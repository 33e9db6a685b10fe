// The limits of staff accounts in followup, against the running services: a council clerk, a
// city-service agent and a secretariat limited to one assembly change that assembly's agenda
// items, commitments and reports and are refused (403) on another assembly's, which stay as they
// were; the city-service agent still acts only for its department; what belongs to no single
// assembly (a Council session, the overdue check) refuses a limited account.
#include <gtest/gtest.h>

#include <ctime>

#include "assembly/auth/auth.h"
#include "assembly/core/time.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using e2e::body_of;
using nlohmann::json;

namespace {

std::string day(int offset) {
  return assembly::core::utc_date(std::time(nullptr) + offset * 86400L);
}

// A staff token limited to one assembly, with a department (city-service staff).
std::string limited_token(const std::string& role, const std::string& assembly_id,
                          const std::string& department = "") {
  return e2e::scoped_token(role, {assembly_id}, {}, department);
}

json commitment_body(const std::string& recommendation_id) {
  return {{"recommendation_id", recommendation_id},
          {"title", "Ouvrir les bibliothèques le dimanche"},
          {"department", "DAC"},
          {"milestones", {{{"title", "Étude"}, {"due_on", day(30)}}}}};
}

const json kAdopted = {
    {"decision", "adopted"}, {"votes_for", 100}, {"votes_against", 10}, {"abstentions", 3}};

}  // namespace

TEST(FollowUpLimits, StaffOfOneAssemblyChangeItsOwnAndNotAnothers) {
  const auto staff = e2e::token("secretariat", "staff-followup-limits");
  const auto clerk = e2e::token("council-clerk", "clerk");
  const auto dac = e2e::token("city-service", "dac-agent", "DAC");
  auto a = e2e::motion_sent_to_council(staff, "Vœu A pour les bibliothèques");
  auto b = e2e::motion_sent_to_council(staff, "Vœu B pour les bibliothèques");
  const auto clerk_a = limited_token("council-clerk", a.assembly_id);

  // A Council session serves every assembly.
  const json session_body = {{"name", "Conseil de Paris"}, {"held_on", day(7)}};
  EXPECT_EQ(e2e::post("followup", "/v1/council-sessions", session_body, clerk_a).status, 403);
  auto first = e2e::post("followup", "/v1/council-sessions", session_body, clerk);
  ASSERT_EQ(first.status, 201) << first.body;
  // The waiting motions went on the first session to come; the clerk moves them to a later one.
  auto session = e2e::post("followup", "/v1/council-sessions",
                           {{"name", "Conseil de Paris"}, {"held_on", day(8)}}, clerk);
  ASSERT_EQ(session.status, 201) << session.body;
  const std::string agenda = "/v1/council-sessions/" + body_of(session)["id"].get<std::string>();

  // Placing a motion: the dossier named in the body gives the assembly.
  auto b_placed =
      e2e::post("followup", agenda + "/agenda-items", {{"dossier_id", b.dossier_id}}, clerk_a);
  EXPECT_EQ(b_placed.status, 403) << b_placed.body;
  EXPECT_EQ(body_of(e2e::get("followup", agenda))["agenda"].dump().find(b.dossier_id),
            std::string::npos)
      << "B's motion was not moved here";
  auto a_placed =
      e2e::post("followup", agenda + "/agenda-items", {{"dossier_id", a.dossier_id}}, clerk_a);
  ASSERT_EQ(a_placed.status / 100, 2) << a_placed.body;
  b_placed = e2e::post("followup", agenda + "/agenda-items", {{"dossier_id", b.dossier_id}}, clerk);
  ASSERT_EQ(b_placed.status / 100, 2) << b_placed.body;

  // The debate and the decision on an agenda item.
  const std::string b_item = "/v1/agenda-items/" + body_of(b_placed)["id"].get<std::string>();
  const std::string a_item = "/v1/agenda-items/" + body_of(a_placed)["id"].get<std::string>();
  EXPECT_EQ(
      e2e::send("PUT", "followup", b_item + "/debate", {{"summary", "Débat."}}, clerk_a).status,
      403);
  auto b_decided = e2e::post("followup", b_item + "/decision", kAdopted, clerk_a);
  EXPECT_EQ(b_decided.status, 403) << b_decided.body;
  EXPECT_NE(body_of(e2e::get("followup", "/v1/dossiers/" + b.dossier_id))["stage"], "decided");
  auto a_decided = e2e::post("followup", a_item + "/decision", kAdopted, clerk_a);
  EXPECT_EQ(a_decided.status, 200) << a_decided.body;
  ASSERT_EQ(e2e::post("followup", b_item + "/decision", kAdopted, clerk).status, 200);

  // Commitments: the assembly on top of the department.
  const auto dac_a = limited_token("city-service", a.assembly_id, "DAC");
  auto b_made =
      e2e::post("followup", "/v1/commitments", commitment_body(b.recommendation_id), dac_a);
  EXPECT_EQ(b_made.status, 403) << b_made.body;
  EXPECT_TRUE(body_of(e2e::get("followup", "/v1/commitments?assembly_id=" + b.assembly_id))["items"]
                  .empty());
  EXPECT_EQ(e2e::post("followup", "/v1/commitments", commitment_body(a.recommendation_id),
                      limited_token("city-service", a.assembly_id, "DVD"))
                .status,
            403)
      << "still the department's own";
  auto a_made =
      e2e::post("followup", "/v1/commitments", commitment_body(a.recommendation_id), dac_a);
  ASSERT_EQ(a_made.status, 201) << a_made.body;
  const std::string a_path = "/v1/commitments/" + body_of(a_made)["id"].get<std::string>();
  EXPECT_EQ(e2e::send("PATCH", "followup", a_path, {{"progress", 20}}, dac_a).status, 200);
  EXPECT_EQ(e2e::send("PATCH", "followup", a_path, {{"progress", 30}},
                      limited_token("city-service", a.assembly_id, "DVD"))
                .status,
            403)
      << "another department, in the right assembly";

  b_made = e2e::post("followup", "/v1/commitments", commitment_body(b.recommendation_id), dac);
  ASSERT_EQ(b_made.status, 201) << b_made.body;
  const std::string b_path = "/v1/commitments/" + body_of(b_made)["id"].get<std::string>();
  EXPECT_EQ(e2e::send("PATCH", "followup", b_path, {{"progress", 50}}, dac_a).status, 403);
  const std::string milestone = body_of(b_made)["milestones"][0]["id"];
  EXPECT_EQ(
      e2e::post("followup", b_path + "/milestones/" + milestone + "/done", json::object(), dac_a)
          .status,
      403);
  EXPECT_EQ(e2e::post("followup", b_path + "/evidence",
                      {{"url", "https://example.org/b"}, {"label", "B"}}, dac_a)
                .status,
            403);
  auto b_now = body_of(e2e::get("followup", b_path));
  EXPECT_EQ(b_now["progress"], 0);
  EXPECT_EQ(b_now["evidence"].size(), 0u);
  EXPECT_TRUE(b_now["milestones"][0]["done_on"].is_null());

  // Reports: the schedule of the assembly in the path, then a report's compilation.
  const auto staff_a = limited_token("secretariat", a.assembly_id);
  const json schedule = {{"first_due_on", day(30)}, {"every_months", 6}};
  EXPECT_EQ(e2e::send("PUT", "followup", "/v1/assemblies/" + b.assembly_id + "/report-schedule",
                      schedule, staff_a)
                .status,
            403);
  EXPECT_EQ(e2e::send("PUT", "followup", "/v1/assemblies/" + a.assembly_id + "/report-schedule",
                      schedule, staff_a)
                .status,
            200);
  auto b_schedule = e2e::send(
      "PUT", "followup", "/v1/assemblies/" + b.assembly_id + "/report-schedule", schedule, staff);
  ASSERT_EQ(b_schedule.status, 200) << b_schedule.body;
  const std::string b_report =
      "/v1/reports/" + body_of(b_schedule)["reports"][0]["id"].get<std::string>();
  EXPECT_EQ(e2e::post("followup", b_report + "/compile", {{"summary", "Rapport"}}, staff_a).status,
            403);
  EXPECT_EQ(body_of(e2e::get("followup", b_report))["status"], "scheduled");

  // The overdue check looks at every assembly.
  EXPECT_EQ(e2e::post("followup", "/v1/overdue-checks", json::object(), staff_a).status, 403);
}
