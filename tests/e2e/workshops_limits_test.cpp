// The limits of staff accounts in the workshops service, against the real stack: a secretariat (or
// city-service) account limited to some assemblies changes their workshops, sessions, mandates and
// phases and is refused (403, nothing changed) on another assembly's; a facilitator runs the
// sessions and the attendance of its own workshop and of no other, and reaches no other change.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using e2e::fresh;
using e2e::put;
using nlohmann::json;

namespace {

json working_session(const std::string& workshop_id, const std::string& day) {
  return {{"type", "working-session"},     {"workshop_id", workshop_id},
          {"title", "Séance " + day},      {"starts_at", day + "T18:00:00Z"},
          {"ends_at", day + "T20:00:00Z"}, {"place", "Hôtel de Ville"}};
}

std::size_t sessions_of(const std::string& assembly_id, const std::string& workshop_id = "") {
  auto path = "/v1/sessions?assembly_id=" + assembly_id;
  if (!workshop_id.empty()) path += "&workshop_id=" + workshop_id;
  auto r = e2e::get("workshops", path);
  EXPECT_EQ(r.status, 200) << r.body;
  return body_of(r)["items"].size();
}

std::string state_of(const std::string& session_id) {
  return body_of(e2e::get("workshops", "/v1/sessions/" + session_id))["state"];
}

// The workshop's members on its roster, read by the secretariat.
std::vector<std::string> roster(const std::string& workshop_id, const std::string& staff) {
  auto r = e2e::get("workshops", "/v1/workshops/" + workshop_id + "/roster", staff);
  EXPECT_EQ(r.status, 200) << r.body;
  return body_of(r)["member_ids"].get<std::vector<std::string>>();
}

}  // namespace

TEST(WorkshopsLimits, ASecretariatOfOneAssemblyChangesOnlyThatAssembly) {
  const auto staff = e2e::token("secretariat", "staff-limits");
  auto s = e2e::seated_in_workshops("lim", 6, staff, "2021-11-20");
  ASSERT_FALSE(s.workshop.empty());
  const std::string ws = s.workshop.begin()->second;
  const auto other = fresh("lim-other");
  const auto mine = e2e::scoped_token("secretariat", {s.assembly_id});
  const auto elsewhere = e2e::scoped_token("secretariat", {other});

  // Sessions: a creation names its workshop (checked in the handler), then the session's routes.
  auto refused =
      e2e::post("workshops", "/v1/sessions", working_session(ws, "2022-01-10"), elsewhere);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(body_of(refused)["detail"].get<std::string>().find(s.assembly_id), std::string::npos);
  EXPECT_EQ(sessions_of(s.assembly_id), 0u) << "nothing was scheduled";
  auto made = e2e::post("workshops", "/v1/sessions", working_session(ws, "2022-01-10"), mine);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string session_id = body_of(made)["id"];
  EXPECT_EQ(e2e::post("workshops", "/v1/sessions/" + session_id + "/held", {{"minutes", "Relevé"}},
                      elsewhere)
                .status,
            403);
  EXPECT_EQ(state_of(session_id), "scheduled");
  EXPECT_EQ(
      e2e::post("workshops", "/v1/sessions/" + session_id + "/held", {{"minutes", "Relevé"}}, mine)
          .status,
      200);
  EXPECT_EQ(state_of(session_id), "held");

  // A plenary names its assembly.
  json plenary = {{"type", "plenary"},
                  {"assembly_id", other},
                  {"title", "Plénière"},
                  {"starts_at", "2022-06-18T09:00:00Z"},
                  {"ends_at", "2022-06-18T17:00:00Z"},
                  {"place", "Hôtel de Ville"}};
  EXPECT_EQ(e2e::post("workshops", "/v1/sessions", plenary, mine).status, 403);
  EXPECT_EQ(sessions_of(other), 0u);
  EXPECT_EQ(e2e::post("workshops", "/v1/sessions", plenary, elsewhere).status, 201);
  EXPECT_EQ(sessions_of(other), 1u);

  // Workshops: the priority axes.
  const json axes = {{"chosen_on", "2022-01-15"}, {"axes", {{{"title", "Mobilité"}}}}};
  const auto axes_path = "/v1/workshops/" + ws + "/priority-axes";
  EXPECT_EQ(put("workshops", axes_path, axes, elsewhere).status, 403);
  EXPECT_EQ(body_of(e2e::get("workshops", axes_path))["items"].size(), 0u);
  auto set = put("workshops", axes_path, axes, mine);
  EXPECT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(body_of(e2e::get("workshops", axes_path))["items"].size(), 1u);

  // Mandates: proposed by the city's executive (limited like the secretariat), voted at a plenary
  // of the assembly.
  const int version = e2e::submitted_notebook(ws, "Carnet de synthèse", staff);
  const auto departments_path = "/v1/workshops/" + ws + "/departments";
  const json departments = {{"departments", {"DAC"}}};
  EXPECT_EQ(e2e::put("workshops", departments_path, departments, elsewhere).status, 403);
  EXPECT_EQ(body_of(e2e::get("workshops", "/v1/workshops/" + ws))["departments"], json::array());
  ASSERT_EQ(e2e::put("workshops", departments_path, departments, mine).status, 200);
  const json mandate = {{"text", "Un plan pour les cours d'école."}, {"notebook_version", version}};
  const auto mandates_path = "/v1/workshops/" + ws + "/mandates";
  EXPECT_EQ(e2e::post("workshops", mandates_path, mandate,
                      e2e::scoped_token("city-service", {other}, {}, "DAC"))
                .status,
            403);
  EXPECT_EQ(body_of(e2e::get("workshops", mandates_path))["items"].size(), 0u);
  auto proposed = e2e::post("workshops", mandates_path, mandate,
                            e2e::scoped_token("city-service", {s.assembly_id}, {}, "DAC"));
  ASSERT_EQ(proposed.status, 201) << proposed.body;
  const std::string mandate_id = body_of(proposed)["id"];
  plenary["assembly_id"] = s.assembly_id;
  auto ours = e2e::post("workshops", "/v1/sessions", plenary, mine);
  ASSERT_EQ(ours.status, 201) << ours.body;
  const json vote = {{"votes_for", 30},
                     {"votes_against", 0},
                     {"abstentions", 1},
                     {"session_id", body_of(ours)["id"]}};
  const auto vote_path = "/v1/mandates/" + mandate_id + "/vote";
  EXPECT_EQ(e2e::post("workshops", vote_path, vote, elsewhere).status, 403);
  EXPECT_EQ(body_of(e2e::get("workshops", mandates_path))["items"][0]["state"], "proposed");
  auto voted = e2e::post("workshops", vote_path, vote, mine);
  EXPECT_EQ(voted.status, 200) << voted.body;
  EXPECT_EQ(body_of(voted)["state"], "adopted");

  // Assemblies: the phases.
  const auto phases = fresh("lim-phases");
  const auto phases_staff = e2e::scoped_token("secretariat", {phases});
  const json dates = {{"starts_on", "2022-01-01"}, {"ends_on", "2022-03-31"}};
  EXPECT_EQ(
      put("workshops", "/v1/assemblies/" + other + "/phases/discovery", dates, phases_staff).status,
      403);
  EXPECT_EQ(body_of(e2e::get("workshops", "/v1/assemblies/" + other + "/phases"))["items"].size(),
            0u);
  EXPECT_EQ(put("workshops", "/v1/assemblies/" + phases + "/phases/discovery", dates, phases_staff)
                .status,
            200);
}

TEST(WorkshopsLimits, AFacilitatorRunsTheSessionsOfItsWorkshopOnly) {
  const auto staff = e2e::token("secretariat", "staff-facilitated");
  auto s = e2e::seated_in_workshops("fac", 12, staff, "2021-11-20");
  ASSERT_GE(s.workshop.size(), 2u);
  auto it = s.workshop.begin();
  const std::string w1 = (it++)->second, w2 = it->second;
  const auto facilitator = e2e::scoped_token("facilitator", {}, {w1});
  const auto members1 = roster(w1, staff), members2 = roster(w2, staff);
  ASSERT_FALSE(members1.empty());
  ASSERT_FALSE(members2.empty());

  // Its own workshop: the roster, a session scheduled, held, its attendance recorded and read.
  auto read = e2e::get("workshops", "/v1/workshops/" + w1 + "/roster", facilitator);
  EXPECT_EQ(read.status, 200) << read.body;
  auto made =
      e2e::post("workshops", "/v1/sessions", working_session(w1, "2022-01-10"), facilitator);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string own = body_of(made)["id"];
  EXPECT_FALSE(body_of(made)["checkin_code"].get<std::string>().empty())
      << "the facilitator shows the check-in code in the room";
  auto held = e2e::post("workshops", "/v1/sessions/" + own + "/held", {{"minutes", "Débat riche."}},
                        facilitator);
  EXPECT_EQ(held.status, 200) << held.body;
  EXPECT_EQ(state_of(own), "held");
  auto recorded =
      put("workshops", "/v1/sessions/" + own + "/attendance",
          {{"records", {{{"member_id", members1[0]}, {"status", "present"}}}}}, facilitator);
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  EXPECT_EQ(body_of(recorded)["changed"], 1);
  auto attendance = e2e::get("workshops", "/v1/sessions/" + own + "/attendance", facilitator);
  ASSERT_EQ(attendance.status, 200) << attendance.body;
  ASSERT_EQ(body_of(attendance)["items"].size(), 1u);
  EXPECT_EQ(body_of(attendance)["items"][0]["member_id"], members1[0]);
  EXPECT_EQ(body_of(attendance)["items"][0]["recorded_by"], e2e::subject_of(facilitator));

  // Another workshop: no session scheduled, none of its sessions changed or read, no roster.
  const auto before = sessions_of(s.assembly_id, w2);
  auto refused =
      e2e::post("workshops", "/v1/sessions", working_session(w2, "2022-01-11"), facilitator);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(sessions_of(s.assembly_id, w2), before) << "nothing was scheduled";
  auto theirs = e2e::post("workshops", "/v1/sessions", working_session(w2, "2022-01-12"), staff);
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  const std::string other = body_of(theirs)["id"];
  EXPECT_EQ(
      e2e::post("workshops", "/v1/sessions/" + other + "/held", {{"minutes", "x"}}, facilitator)
          .status,
      403);
  EXPECT_EQ(state_of(other), "scheduled");
  ASSERT_EQ(e2e::post("workshops", "/v1/sessions/" + other + "/held", json::object(), staff).status,
            200);
  EXPECT_EQ(put("workshops", "/v1/sessions/" + other + "/attendance",
                {{"records", {{{"member_id", members2[0]}, {"status", "present"}}}}}, facilitator)
                .status,
            403);
  auto untouched = e2e::get("workshops", "/v1/sessions/" + other + "/attendance", staff);
  ASSERT_EQ(untouched.status, 200) << untouched.body;
  EXPECT_EQ(body_of(untouched)["items"].size(), 0u) << "no attendance was recorded";
  EXPECT_EQ(e2e::get("workshops", "/v1/sessions/" + other + "/attendance", facilitator).status,
            403);
  EXPECT_EQ(e2e::get("workshops", "/v1/workshops/" + w2 + "/roster", facilitator).status, 403);

  // No change outside the sessions, even on its own workshop.
  const auto axes_path = "/v1/workshops/" + w1 + "/priority-axes";
  EXPECT_EQ(put("workshops", axes_path,
                {{"chosen_on", "2022-01-15"}, {"axes", {{{"title", "Mobilité"}}}}}, facilitator)
                .status,
            403);
  EXPECT_EQ(body_of(e2e::get("workshops", axes_path))["items"].size(), 0u);
}
