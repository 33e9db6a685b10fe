// The workshops service with membership over the real Kafka and PostgreSQL: members placed at the
// opening plenary fill the rosters (moves and withdrawals too); sessions are scheduled,
// rescheduled, cancelled and held; attendance (bulk, corrections, check-in) follows the roster
// rules and reaches membership's participation figures; notebooks are versioned and compared;
// the plenary adopts a mandate; calendars are served.
#include <gtest/gtest.h>

#include <ctime>
#include <set>

#include "assembly/core/time.h"
#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using e2e::fresh;
using e2e::put;
using nlohmann::json;

namespace {}  // namespace

TEST(Workshops, AssignmentsMovesAndWithdrawalsShapeTheRosters) {
  const auto staff = e2e::token("secretariat", "staff-ws");
  auto s = e2e::seated_in_workshops("ws", 12, staff, "2021-11-20");
  std::map<std::string, std::set<std::string>> roster;
  for (const auto& [theme, id] : s.workshop) {
    auto r = e2e::get("workshops", "/v1/workshops/" + id + "/roster", staff);
    ASSERT_EQ(r.status, 200);
    const auto ids = body_of(r);
    for (const auto& m : ids["member_ids"]) roster[theme].insert(m);
    EXPECT_EQ(roster[theme].size(), 4u) << theme;
  }
  for (const auto& m : s.members)
    EXPECT_TRUE(roster[m["workshop_theme"]].count(m["id"]))
        << "each member on their workshop's roster";

  // A member reads their own workshop's roster, not another's.
  const json me = s.members[0];
  const std::string mine = s.workshop[me["workshop_theme"]];
  std::string other;
  for (const auto& [theme, id] : s.workshop)
    if (id != mine) other = id;
  EXPECT_EQ(
      e2e::get("workshops", "/v1/workshops/" + mine + "/roster", e2e::token("member", me["id"]))
          .status,
      200);
  EXPECT_EQ(
      e2e::get("workshops", "/v1/workshops/" + other + "/roster", e2e::token("member", me["id"]))
          .status,
      403);

  // A move (staff override in membership) and a withdrawal change the rosters by themselves.
  std::string target_theme;
  for (const auto& [theme, id] : s.workshop)
    if (id == other) target_theme = theme;
  ASSERT_EQ(put("membership", "/v1/members/" + std::string(me["id"]) + "/workshop",
                {{"workshop", target_theme},
                 {"reason", "asked to change"},
                 {"effective_on", "2022-01-15"}},
                staff)
                .status,
            200);
  const json leaver = s.members[1];
  ASSERT_EQ(e2e::post("membership", "/v1/members/" + std::string(leaver["id"]) + "/withdraw",
                      {{"reason", "moved away"}, {"effective_on", "2022-02-01"}}, staff)
                .status,
            200);
  EXPECT_TRUE(e2e::eventually(
      [&] {
        auto a = body_of(
            e2e::get("workshops", "/v1/workshops/" + other + "/roster", staff))["member_ids"];
        auto b = body_of(
            e2e::get("workshops", "/v1/workshops/" + mine + "/roster", staff))["member_ids"];
        auto l = body_of(e2e::get(
            "workshops", "/v1/workshops/" + s.workshop[leaver["workshop_theme"]] + "/roster",
            staff))["member_ids"];
        auto has = [](const json& list, const json& id) {
          return std::find(list.begin(), list.end(), id) != list.end();
        };
        return has(a, me["id"]) && !has(b, me["id"]) && !has(l, leaver["id"]);
      },
      std::chrono::seconds(60)))
      << "moved to the other workshop, and the leaver is off their roster";

  // Attendance follows the roster that day: before the move, the member counts in their first
  // workshop; after it, only in the new one; the leaver is not on any roster after leaving.
  auto session = [&](const std::string& workshop_id, const std::string& day) {
    auto r = e2e::post("workshops", "/v1/sessions",
                       {{"type", "working-session"},
                        {"workshop_id", workshop_id},
                        {"title", "Séance " + day},
                        {"starts_at", day + "T18:00:00Z"},
                        {"ends_at", day + "T20:00:00Z"},
                        {"place", "Hôtel de Ville"}},
                       staff);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(body_of(r)["id"]);
  };
  auto attend = [&](const std::string& session_id, const json& member) {
    return put("workshops", "/v1/sessions/" + session_id + "/attendance",
               {{"records", {{{"member_id", member["id"]}, {"status", "present"}}}}}, staff);
  };
  EXPECT_EQ(attend(session(mine, "2022-01-10"), me).status, 200) << "on their first roster then";
  auto refused = attend(session(mine, "2022-01-20"), me);
  EXPECT_EQ(refused.status, 422) << "moved away on 2022-01-15";
  EXPECT_EQ(body_of(refused)["detail"], "the member was not on the roster on 2022-01-20");
  EXPECT_EQ(body_of(refused)["field"], "/records/0/status");
  EXPECT_EQ(attend(session(other, "2022-01-20"), me).status, 200);
  EXPECT_EQ(attend(session(s.workshop[leaver["workshop_theme"]], "2022-02-10"), leaver).status, 422)
      << "withdrew on 2022-02-01";
}

TEST(Workshops, SessionsAttendanceReachMembershipAndTheRulesHold) {
  const auto staff = e2e::token("secretariat", "staff-ws2");
  auto s = e2e::seated_in_workshops("ws", 12, staff, "2021-11-20");
  const std::string env = s.workshop["environment"];
  json env_members = json::array();
  for (const auto& m : s.members)
    if (m["workshop_theme"] == "environment") env_members.push_back(m);
  ASSERT_EQ(env_members.size(), 4u);

  // Phases, and sessions of each kind with their particulars.
  EXPECT_EQ(put("workshops", "/v1/assemblies/" + s.assembly_id + "/phases/discovery",
                {{"starts_on", "2021-11-20"}, {"ends_on", "2022-06-30"}}, staff)
                .status,
            200);
  EXPECT_EQ(put("workshops", "/v1/assemblies/" + s.assembly_id + "/phases/discovery",
                {{"starts_on", "2022-07-01"}, {"ends_on", "2022-06-30"}}, staff)
                .status,
            422);
  EXPECT_EQ(put("workshops", "/v1/assemblies/" + s.assembly_id + "/phases/party",
                {{"starts_on", "2022-07-01"}, {"ends_on", "2022-08-30"}}, staff)
                .status,
            404);
  auto schedule = [&](const json& b) { return e2e::post("workshops", "/v1/sessions", b, staff); };
  json hearing = {{"type", "hearing"},
                  {"workshop_id", env},
                  {"title", "Audition : rénovation énergétique"},
                  {"starts_at", "2022-01-10T18:00:00Z"},
                  {"ends_at", "2022-01-10T20:00:00Z"},
                  {"place", "Hôtel de Ville, salle 1"}};
  auto no_speakers = schedule(hearing);
  EXPECT_EQ(no_speakers.status, 422);
  EXPECT_EQ(body_of(no_speakers)["field"], "/speakers");
  // Everything wrong at once is named at once, each field by its JSON pointer.
  auto all_wrong = schedule({{"type", "hearing"},
                             {"workshop_id", env},
                             {"starts_at", "2022-01-10T20:00:00Z"},
                             {"ends_at", "2022-01-10T18:00:00Z"},
                             {"speakers", {{{"organisation", "APC"}}}}});
  EXPECT_EQ(all_wrong.status, 422);
  std::vector<std::string> pointers;
  const auto problem = body_of(all_wrong);
  for (const auto& e : problem["errors"]) pointers.push_back(e["pointer"]);
  EXPECT_EQ(pointers,
            (std::vector<std::string>{"/title", "/ends_at", "/place", "/speakers/0/name"}))
      << all_wrong.body;
  hearing["speakers"] = {{{"name", "Agence parisienne du climat"},
                          {"organisation", "APC"},
                          {"topic", "aides à la rénovation"}}};
  auto h = schedule(hearing);
  ASSERT_EQ(h.status, 201) << h.body;
  const std::string hearing_id = body_of(h)["id"];
  EXPECT_EQ(body_of(h)["checkin_code"].get<std::string>().size(), 6u);
  EXPECT_EQ(schedule({{"type", "site-visit"},
                      {"workshop_id", env},
                      {"title", "Visite"},
                      {"starts_at", "2022-01-24T09:00:00Z"},
                      {"ends_at", "2022-01-24T12:00:00Z"},
                      {"place", "Paris 19e"}})
                .status,
            422)
      << "a visit names its site";
  auto visit = schedule({{"type", "site-visit"},
                         {"workshop_id", env},
                         {"title", "Visite d'une copropriété rénovée"},
                         {"site", "Copropriété rue de la Loire"},
                         {"starts_at", "2022-01-24T09:00:00Z"},
                         {"ends_at", "2022-01-24T12:00:00Z"},
                         {"place", "Paris 19e"}});
  ASSERT_EQ(visit.status, 201);
  auto cancelled = schedule({{"type", "working-session"},
                             {"workshop_id", env},
                             {"title", "Séance annulée"},
                             {"starts_at", "2022-02-01T18:00:00Z"},
                             {"ends_at", "2022-02-01T20:00:00Z"},
                             {"online_link", "https://visio.example.org/ws"}});
  ASSERT_EQ(cancelled.status, 201);
  auto plenary = schedule({{"type", "plenary"},
                           {"assembly_id", s.assembly_id},
                           {"title", "Plénière de juin"},
                           {"starts_at", "2022-06-18T09:00:00Z"},
                           {"ends_at", "2022-06-18T17:00:00Z"},
                           {"place", "Hôtel de Ville"}});
  ASSERT_EQ(plenary.status, 201) << plenary.body;
  EXPECT_EQ(schedule({{"type", "plenary"},
                      {"assembly_id", s.assembly_id},
                      {"workshop_id", env},
                      {"title", "x"},
                      {"starts_at", "2022-06-18T09:00:00Z"},
                      {"ends_at", "2022-06-18T17:00:00Z"},
                      {"place", "x"}})
                .status,
            422);
  EXPECT_EQ(schedule({{"type", "hearing"},
                      {"workshop_id", env},
                      {"title", "x"},
                      {"starts_at", "2022-02-30T09:00:00Z"},
                      {"ends_at", "2022-02-30T10:00:00Z"},
                      {"place", "x"},
                      {"speakers", {{{"name", "y"}}}}})
                .status,
            422)
      << "a day that does not exist";

  // Reschedule (kept), cancel (kept, with its reason); a cancelled session cannot move or take
  // attendance.
  const std::string cancelled_id = body_of(cancelled)["id"];
  auto moved = e2e::post("workshops", "/v1/sessions/" + cancelled_id + "/reschedule",
                         {{"starts_at", "2022-02-02T18:00:00Z"},
                          {"ends_at", "2022-02-02T20:00:00Z"},
                          {"reason", "room taken"}},
                         staff);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(body_of(moved)["sequence"], 1);
  ASSERT_EQ(e2e::post("workshops", "/v1/sessions/" + cancelled_id + "/cancel",
                      {{"reason", "strike"}}, staff)
                .status,
            200);
  auto again = e2e::post(
      "workshops", "/v1/sessions/" + cancelled_id + "/reschedule",
      {{"starts_at", "2022-02-03T18:00:00Z"}, {"ends_at", "2022-02-03T20:00:00Z"}, {"reason", "x"}},
      staff);
  EXPECT_EQ(again.status, 409);
  auto details = body_of(e2e::get("workshops", "/v1/sessions/" + cancelled_id + "/details", staff));
  EXPECT_EQ(details["state"], "cancelled");
  EXPECT_EQ(details["state_reason"], "strike");
  EXPECT_EQ(details["changes"].size(), 3u) << "scheduled, rescheduled, cancelled";
  auto none =
      put("workshops", "/v1/sessions/" + cancelled_id + "/attendance",
          {{"records", {{{"member_id", env_members[0]["id"]}, {"status", "absent"}}}}}, staff);
  EXPECT_EQ(none.status, 422);
  EXPECT_EQ(body_of(none)["detail"], "the session was cancelled: it takes no attendance");

  // Public fields only for the public: no check-in code, no minutes.
  auto pub = body_of(e2e::get("workshops", "/v1/sessions/" + hearing_id));
  EXPECT_FALSE(pub.contains("checkin_code"));
  EXPECT_FALSE(pub.contains("minutes"));
  EXPECT_EQ(pub["speakers"][0]["organisation"], "APC");
  EXPECT_FALSE(body_of(e2e::get("workshops", "/v1/sessions/" + hearing_id + "/details",
                                e2e::token("member", env_members[0]["id"])))
                   .contains("checkin_code"));

  // The hearing is held; attendance in bulk, one correction; someone of another workshop is
  // refused.
  ASSERT_EQ(e2e::post("workshops", "/v1/sessions/" + hearing_id + "/held",
                      {{"minutes", "# Compte rendu\nDébat riche."}}, staff)
                .status,
            200);
  json records = json::array();
  for (int i = 0; i < 4; ++i)
    records.push_back(
        {{"member_id", env_members[i]["id"]}, {"status", i == 3 ? "absent" : "present"}});
  auto bulk =
      put("workshops", "/v1/sessions/" + hearing_id + "/attendance", {{"records", records}}, staff);
  ASSERT_EQ(bulk.status, 200) << bulk.body;
  EXPECT_EQ(body_of(bulk)["changed"], 4);
  // A correction (a status recorded already, changed) needs its reason: refused without one,
  // naming the record's reason, and nothing is written.
  auto unexplained =
      put("workshops", "/v1/sessions/" + hearing_id + "/attendance",
          {{"records",
            {{{"member_id", env_members[0]["id"]}, {"status", "present"}},
             {{"member_id", env_members[3]["id"]}, {"status", "excused"}, {"reason", "  "}}}}},
          staff);
  ASSERT_EQ(unexplained.status, 422) << unexplained.body;
  EXPECT_EQ(e2e::pointers(unexplained), (std::set<std::string>{"/records/1/reason"}))
      << unexplained.body;
  for (const auto& a :
       body_of(e2e::get("workshops", "/v1/sessions/" + hearing_id + "/attendance", staff))["items"])
    if (a["member_id"] == env_members[3]["id"]) {
      EXPECT_EQ(a["status"], "absent");
    }
  auto corrected = put("workshops", "/v1/sessions/" + hearing_id + "/attendance",
                       {{"records",
                         {{{"member_id", env_members[3]["id"]},
                           {"status", "excused"},
                           {"reason", "Prévenu la veille par courriel"}}}}},
                       e2e::token("secretariat", "staff-corrector"));
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  const auto after_correction = body_of(corrected);
  for (const auto& a : after_correction["items"])
    if (a["member_id"] == env_members[3]["id"]) {
      EXPECT_EQ(a["status"], "excused");
      EXPECT_EQ(a["revision"], 2);
      ASSERT_EQ(a["changes"].size(), 2u) << "the correction is kept with the first record";
      EXPECT_EQ(a["changes"][1]["recorded_by"],
                e2e::subject_of(e2e::token("secretariat", "staff-corrector")));
      EXPECT_EQ(a["changes"][1]["reason"], "Prévenu la veille par courriel");
      EXPECT_FALSE(a["changes"][0].contains("reason")) << "a first record needs none";
    }
  std::string outsider;
  for (const auto& m : s.members)
    if (m["workshop_theme"] != "environment") outsider = m["id"];
  EXPECT_EQ(put("workshops", "/v1/sessions/" + hearing_id + "/attendance",
                {{"records", {{{"member_id", outsider}, {"status", "present"}}}}}, staff)
                .status,
            422);
  EXPECT_EQ(put("workshops", "/v1/sessions/" + hearing_id + "/attendance",
                {{"records", {{{"member_id", env_members[0]["id"]}, {"status", "late"}}}}}, staff)
                .status,
            422);

  // The attendance reaches membership's participation figures over Kafka.
  json p;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto r =
            e2e::get("membership", "/v1/assemblies/" + s.assembly_id + "/participation", staff);
        if (r.status != 200) return false;
        p = body_of(r);
        int n = 0, excused = 0;
        for (const auto& i : p["items"]) {
          n += i["overall"]["sessions"].get<int>();
          excused += i["overall"]["excused"].get<int>();
        }
        return n == 4 && excused == 1;
      },
      std::chrono::seconds(60)))
      << p.dump();
  EXPECT_DOUBLE_EQ(p["by_workshop"]["environment"]["rate"].get<double>(), 0.75);

  // Check-in with the code: wrong code, outside the window, then a session happening now.
  const auto member = e2e::token("member", env_members[0]["id"]);
  auto early = e2e::post("workshops", "/v1/sessions/" + hearing_id + "/check-in",
                         {{"code", body_of(h)["checkin_code"]}}, member);
  EXPECT_EQ(early.status, 409) << "check-in closed an hour after the end";
  auto now = std::time(nullptr);
  auto live = schedule({{"type", "working-session"},
                        {"workshop_id", env},
                        {"title", "En ce moment"},
                        {"starts_at", assembly::core::utc_time(now - 1800)},
                        {"ends_at", assembly::core::utc_time(now + 3600)},
                        {"place", "Salle 2"}});
  ASSERT_EQ(live.status, 201);
  const std::string live_id = body_of(live)["id"];
  EXPECT_EQ(
      e2e::post("workshops", "/v1/sessions/" + live_id + "/check-in", {{"code", "WRONG1"}}, member)
          .status,
      422);
  auto in = e2e::post("workshops", "/v1/sessions/" + live_id + "/check-in",
                      {{"code", body_of(live)["checkin_code"]}}, member);
  ASSERT_EQ(in.status, 200) << in.body;
  EXPECT_EQ(body_of(in)["status"], "present");
  EXPECT_EQ(e2e::post("workshops", "/v1/sessions/" + live_id + "/check-in",
                      {{"code", body_of(live)["checkin_code"]}}, e2e::token("member", outsider))
                .status,
            422)
      << "not on this workshop's roster";

  // Calendars: the workshop's feed is public; a member's through their signed link.
  auto cal = e2e::get("workshops", "/v1/workshops/" + env + "/calendar.ics");
  ASSERT_EQ(cal.status, 200);
  EXPECT_EQ(cal.headers["content-type"], "text/calendar; charset=utf-8");
  EXPECT_NE(cal.body.find("UID:" + hearing_id + "@workshops.assembly"), std::string::npos);
  EXPECT_NE(cal.body.find("STATUS:CANCELLED"), std::string::npos);
  EXPECT_NE(cal.body.find("Plénière de juin"), std::string::npos) << "the plenaries too";
  auto link = e2e::get(
      "workshops", "/v1/members/" + std::string(env_members[0]["id"]) + "/calendar-link", member);
  ASSERT_EQ(link.status, 200);
  EXPECT_EQ(e2e::get("workshops",
                     "/v1/members/" + std::string(env_members[1]["id"]) + "/calendar-link", member)
                .status,
            403);
  std::string path = body_of(link)["path"];
  auto feed = e2e::get("workshops", path);
  ASSERT_EQ(feed.status, 200);
  EXPECT_NE(feed.body.find("UID:" + live_id + "@"), std::string::npos);
  std::string forged = path;
  forged[forged.size() - 5] = forged[forged.size() - 5] == 'a' ? 'b' : 'a';
  EXPECT_EQ(e2e::get("workshops", forged).status, 404);

  // Metrics for the dashboards.
  EXPECT_TRUE(e2e::eventually(
      [&] {
        auto m = e2e::metrics("workshops");
        return m.find("workshops_sessions{assembly=\"" + s.assembly_id +
                      "\",state=\"held\",type=\"hearing\",workshop=\"environment\"} 1") !=
               std::string::npos;
      },
      std::chrono::seconds(60)));
}

TEST(Workshops, NotebooksAreVersionedAndComparedAndThePlenaryAdoptsTheMandate) {
  const auto staff = e2e::token("secretariat", "staff-nb");
  auto s = e2e::seated_in_workshops("ws", 12, staff, "2021-11-20");
  const std::string pub = s.workshop["public-space"];
  json member;
  for (const auto& m : s.members)
    if (m["workshop_theme"] == "public-space") member = m;

  // Priority axes chosen in the discovery phase.
  ASSERT_EQ(put("workshops", "/v1/assemblies/" + s.assembly_id + "/phases/discovery",
                {{"starts_on", "2021-11-20"}, {"ends_on", "2022-06-30"}}, staff)
                .status,
            200);
  auto late =
      put("workshops", "/v1/workshops/" + pub + "/priority-axes",
          {{"chosen_on", "2022-09-01"}, {"axes", {{{"title", "Partage de la rue"}}}}}, staff);
  EXPECT_EQ(late.status, 422);
  EXPECT_EQ(body_of(late)["field"], "/chosen_on");
  ASSERT_EQ(
      put("workshops", "/v1/workshops/" + pub + "/priority-axes",
          {{"chosen_on", "2022-02-15"},
           {"axes",
            {{{"title", "Partage de la rue"}}, {{"title", "Propreté"}, {"description", "..."}}}}},
          staff)
          .status,
      200);
  EXPECT_EQ(body_of(e2e::get("workshops",
                             "/v1/workshops/" + pub + "/priority-axes"))["items"][1]["title"],
            "Propreté");

  // The notebook: two versions (one by a member of the workshop), compared, the second submitted.
  auto v1 = e2e::post("workshops", "/v1/workshops/" + pub + "/notebook/versions",
                      {{"text", "# Carnet\nAxe 1\nAxe 2\n"}}, staff);
  ASSERT_EQ(v1.status, 201) << v1.body;
  EXPECT_EQ(body_of(v1)["version"], 1);
  auto v2 =
      e2e::post("workshops", "/v1/workshops/" + pub + "/notebook/versions",
                {{"text", "# Carnet\nAxe 1\nAxe 3\nConclusion\n"}, {"note", "après l'audition"}},
                e2e::token("member", member["id"]));
  ASSERT_EQ(v2.status, 201) << v2.body;
  EXPECT_EQ(body_of(v2)["version"], 2);
  std::string outsider;
  for (const auto& m : s.members)
    if (m["workshop_theme"] != "public-space") outsider = m["id"];
  EXPECT_EQ(e2e::post("workshops", "/v1/workshops/" + pub + "/notebook/versions", {{"text", "x"}},
                      e2e::token("member", outsider))
                .status,
            403);
  auto diff = e2e::get("workshops", "/v1/workshops/" + pub + "/notebook/diff?from=1&to=2", staff);
  ASSERT_EQ(diff.status, 200) << diff.body;
  EXPECT_EQ(body_of(diff)["unified"], "  # Carnet\n  Axe 1\n- Axe 2\n+ Axe 3\n+ Conclusion\n");
  EXPECT_EQ(body_of(diff)["added"], 2);
  EXPECT_EQ(
      e2e::get("workshops", "/v1/workshops/" + pub + "/notebook/diff?from=1&to=9", staff).status,
      404);
  EXPECT_EQ(
      e2e::get("workshops", "/v1/workshops/" + pub + "/notebook/diff?from=x&to=2", staff).status,
      400);
  ASSERT_EQ(e2e::post("workshops", "/v1/workshops/" + pub + "/notebook/versions/2/submit",
                      json::object(), staff)
                .status,
            200);
  EXPECT_EQ(e2e::post("workshops", "/v1/workshops/" + pub + "/notebook/versions/2/submit",
                      json::object(), staff)
                .status,
            409);
  EXPECT_EQ(body_of(e2e::get("workshops", "/v1/workshops/" + pub + "/notebook/versions/1",
                             staff))["text"],
            "# Carnet\nAxe 1\nAxe 2\n")
      << "an older version is kept as it was";

  // The executive proposes the mandate (the DAC, a department the workshop concerns); the June
  // plenary adopts it unanimously.
  e2e::name_departments(pub, {"DAC"}, staff);
  auto mandate = e2e::post(
      "workshops", "/v1/workshops/" + pub + "/mandates",
      {{"text",
        "Hiérarchiser les conflits d'usage pour la première feuille de route du Code de la rue."},
       {"notebook_version", 2}},
      e2e::token("city-service", "executive", "DAC"));
  ASSERT_EQ(mandate.status, 201) << mandate.body;
  const std::string mandate_id = body_of(mandate)["id"];
  auto plenary = e2e::post("workshops", "/v1/sessions",
                           {{"type", "plenary"},
                            {"assembly_id", s.assembly_id},
                            {"title", "Plénière de juin"},
                            {"starts_at", "2022-06-18T09:00:00Z"},
                            {"ends_at", "2022-06-18T17:00:00Z"},
                            {"place", "Hôtel de Ville"}},
                           staff);
  ASSERT_EQ(plenary.status, 201);
  EXPECT_EQ(e2e::post("workshops", "/v1/mandates/" + mandate_id + "/vote",
                      {{"votes_for", 90},
                       {"votes_against", 0},
                       {"abstentions", 0},
                       {"session_id", body_of(plenary)["id"]}},
                      e2e::token("member", member["id"]))
                .status,
            403);
  auto voted = e2e::post("workshops", "/v1/mandates/" + mandate_id + "/vote",
                         {{"votes_for", 90},
                          {"votes_against", 0},
                          {"abstentions", 0},
                          {"session_id", body_of(plenary)["id"]}},
                         staff);
  ASSERT_EQ(voted.status, 200) << voted.body;
  EXPECT_EQ(body_of(voted)["state"], "adopted");
  EXPECT_TRUE(body_of(voted)["unanimous"].get<bool>());
  {
    const auto listed = body_of(e2e::get(
        "workshops", "/v1/workshops/" + std::string(body_of(voted)["workshop_id"]) + "/mandates"));
    bool seen = false;
    for (const auto& m : listed["items"])
      if (m["id"] == mandate_id) seen = m["unanimous"].is_boolean() && m["unanimous"].get<bool>();
    EXPECT_TRUE(seen) << "the list says it too: " << listed.dump();
  }
  EXPECT_EQ(e2e::post("workshops", "/v1/mandates/" + mandate_id + "/vote",
                      {{"votes_for", 1},
                       {"votes_against", 0},
                       {"abstentions", 0},
                       {"session_id", body_of(plenary)["id"]}},
                      staff)
                .status,
            409);
  auto listed = body_of(e2e::get("workshops", "/v1/workshops/" + pub + "/mandates"));
  EXPECT_EQ(listed["items"][0]["state"], "adopted");
  EXPECT_EQ(listed["items"][0]["votes_for"], 90);
}
