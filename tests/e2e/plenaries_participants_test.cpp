// Phases and plenaries, and the participants beside the members, through the workshops service's
// HTTP API with membership over the real Kafka and PostgreSQL: phases neither overlap nor change
// their order; sessions fall within their phase (named or found), plenaries within the assembly's
// span; a co-construction session takes the city departments' staff and representatives of
// elected officials, the public sees their kinds and organisations only, their attendance is
// recorded and counted apart from the members'; a plenary's page lists the mandates voted there.
#include <gtest/gtest.h>

#include <ctime>
#include <set>

#include "assembly/core/time.h"
#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using e2e::post;
using e2e::put;
using nlohmann::json;

namespace {

// Six members seated, and the workshops they were placed in (theme -> id).
struct Assembly {
  std::string id;
  json members;
  std::map<std::string, std::string> workshop;
};

Assembly seated(const std::string& prefix, const std::string& staff) {
  auto six = e2e::seat_six(prefix, staff);
  Assembly a{six.assembly_id, six.members, {}};
  if (!e2e::eventually(
          [&] {
            auto w = e2e::get("workshops", "/v1/workshops?assembly_id=" + a.id);
            if (w.status != 200) return false;
            int total = 0;
            const auto listed = body_of(w);
            for (const auto& x : listed["items"]) {
              total += x["roster_size"].get<int>();
              a.workshop[x["theme"]] = x["id"];
            }
            return total == 6;
          },
          std::chrono::seconds(60)))
    throw std::runtime_error("the rosters did not fill");
  return a;
}

json session_body(const std::string& type, const std::string& day, const Assembly& a,
                  const std::string& workshop_id) {
  json b = {{"type", type},
            {"title", type + " " + day},
            {"starts_at", day + "T18:00:00Z"},
            {"ends_at", day + "T20:30:00Z"},
            {"place", "Hôtel de Ville"}};
  if (type == "plenary")
    b["assembly_id"] = a.id;
  else
    b["workshop_id"] = workshop_id;
  return b;
}

}  // namespace

TEST(PlenariesParticipants, PhasesDoNotOverlapAndSessionsFallWithinThem) {
  const auto staff = e2e::token("secretariat", "staff-phases");
  auto a = seated("phases", staff);
  const std::string w = a.workshop.begin()->second;
  const std::string phases = "/v1/assemblies/" + a.id + "/phases/";
  auto set = [&](const std::string& kind, const std::string& from, const std::string& to) {
    return put("workshops", phases + kind, {{"starts_on", from}, {"ends_on", to}}, staff);
  };

  ASSERT_EQ(set("discovery", "2021-11-20", "2022-03-31").status, 200);
  auto overlap = set("recommendations", "2022-03-15", "2022-09-30");
  EXPECT_EQ(overlap.status, 422);
  EXPECT_EQ(body_of(overlap)["field"], "/starts_on");
  EXPECT_EQ(body_of(overlap)["detail"],
            "the recommendations phase overlaps the discovery phase (2021-11-20 to 2022-03-31)");
  ASSERT_EQ(set("recommendations", "2022-04-01", "2022-09-30").status, 200);
  auto order = set("co-construction-and-vote", "2021-01-01", "2021-03-01");
  EXPECT_EQ(order.status, 422) << "before the other phases";
  EXPECT_EQ(body_of(order)["field"], "/starts_on");
  EXPECT_NE(std::string(body_of(order)["detail"]).find("comes after"), std::string::npos);
  auto enclosing = set("co-construction-and-vote", "2022-09-01", "2022-12-15");
  EXPECT_EQ(enclosing.status, 422);
  EXPECT_NE(std::string(body_of(enclosing)["detail"])
                .find("the recommendations phase (2022-04-01 to 2022-09-30)"),
            std::string::npos);
  ASSERT_EQ(set("co-construction-and-vote", "2022-10-15", "2022-12-15").status, 200);
  EXPECT_EQ(body_of(e2e::get("workshops", "/v1/assemblies/" + a.id + "/phases"))["items"].size(),
            3u);

  auto schedule = [&](json b) { return post("workshops", "/v1/sessions", b, staff); };
  // A session naming its phase falls inside it.
  auto named = session_body("co-construction", "2022-10-05", a, w);
  named["phase"] = "co-construction-and-vote";
  auto early = schedule(named);
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(body_of(early)["field"], "/starts_at");
  EXPECT_EQ(body_of(early)["detail"],
            "the session falls outside the co-construction-and-vote phase (2022-10-15 to "
            "2022-12-15)");
  named["starts_at"] = "2022-11-02T18:00:00Z";
  named["ends_at"] = "2022-11-02T20:30:00Z";
  auto cc = schedule(named);
  ASSERT_EQ(cc.status, 201) << cc.body;
  EXPECT_EQ(body_of(cc)["phase"], "co-construction-and-vote");
  auto bad = session_body("working-session", "2022-05-10", a, w);
  bad["phase"] = "vote";
  auto wrong_phase = schedule(bad);
  EXPECT_EQ(wrong_phase.status, 422);
  EXPECT_EQ(body_of(wrong_phase)["field"], "/phase");

  // One naming none takes the phase containing it; none contains it: refused, phases listed.
  auto gap = schedule(session_body("working-session", "2022-10-05", a, w));
  EXPECT_EQ(gap.status, 422);
  EXPECT_NE(std::string(body_of(gap)["detail"]).find("falls outside every phase"),
            std::string::npos);
  EXPECT_NE(std::string(body_of(gap)["detail"]).find("the discovery phase (2021-11-20"),
            std::string::npos);
  auto ws = schedule(session_body("working-session", "2022-05-10", a, w));
  ASSERT_EQ(ws.status, 201) << ws.body;
  EXPECT_EQ(body_of(ws)["phase"], "recommendations");
  const std::string ws_id = body_of(ws)["id"];
  EXPECT_EQ(body_of(e2e::get("workshops", "/v1/sessions/" + ws_id))["phase"], "recommendations")
      << "stored and shown";

  // Plenaries: between two phases (a hinge), not outside the assembly's span.
  auto hinge = schedule(session_body("plenary", "2022-10-08", a, ""));
  ASSERT_EQ(hinge.status, 201) << hinge.body;
  EXPECT_TRUE(body_of(hinge)["phase"].is_null());
  auto after = schedule(session_body("plenary", "2023-01-20", a, ""));
  EXPECT_EQ(after.status, 422);
  EXPECT_NE(std::string(body_of(after)["detail"]).find("from 2021-11-20 to 2022-12-15"),
            std::string::npos);

  // The same rules on reschedule: the phase follows the session.
  auto move = [&](const std::string& id, const std::string& day) {
    return post("workshops", "/v1/sessions/" + id + "/reschedule",
                {{"starts_at", day + "T18:00:00Z"},
                 {"ends_at", day + "T20:00:00Z"},
                 {"reason", "salle indisponible"}},
                staff);
  };
  EXPECT_EQ(move(ws_id, "2022-10-06").status, 422) << "between two phases";
  auto moved = move(ws_id, "2022-11-10");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(body_of(moved)["phase"], "co-construction-and-vote");
  auto out_of_named = move(body_of(cc)["id"], "2022-09-01");
  EXPECT_EQ(out_of_named.status, 422);
  EXPECT_NE(std::string(body_of(out_of_named)["detail"]).find("co-construction-and-vote phase"),
            std::string::npos);
}

TEST(PlenariesParticipants, ParticipantsBesideTheMembersAndThePlenarysDecisions) {
  const auto staff = e2e::token("secretariat", "staff-participants");
  auto a = seated("participants", staff);
  const auto theme = a.workshop.begin()->first;
  const std::string w = a.workshop.begin()->second;
  json insider, outsider;
  for (const auto& m : a.members) (m["workshop_theme"] == theme ? insider : outsider) = m;
  ASSERT_FALSE(insider.is_null());
  ASSERT_FALSE(outsider.is_null());

  // A month ahead: the members were placed today, so they are on the rosters that day.
  const auto day = assembly::core::utc_time(std::time(nullptr) + 30 * 86400).substr(0, 10);
  auto cc = post("workshops", "/v1/sessions", session_body("co-construction", day, a, w), staff);
  ASSERT_EQ(cc.status, 201) << cc.body;
  const std::string cc_id = body_of(cc)["id"];
  const std::string participants = "/v1/sessions/" + cc_id + "/participants";

  // The secretariat adds a department's staff and a representative of elected officials.
  auto dept = post("workshops", participants,
                   {{"kind", "department"},
                    {"name", "Claire Martin"},
                    {"organisation", "Direction de la voirie et des déplacements"},
                    {"title", "cheffe de projet"}},
                   staff);
  ASSERT_EQ(dept.status, 201) << dept.body;
  EXPECT_EQ(body_of(dept)["name"], "Claire Martin");
  const std::string dept_id = body_of(dept)["id"];
  auto rep = post("workshops", participants,
                  {{"kind", "elected-representative"},
                   {"name", "Paul Durand"},
                   {"organisation", "l'adjointe à la Maire chargée de la démocratie locale"}},
                  staff);
  ASSERT_EQ(rep.status, 201) << rep.body;
  const std::string rep_id = body_of(rep)["id"];
  EXPECT_EQ(post("workshops", participants,
                 {{"kind", "department"},
                  {"name", "claire martin "},
                  {"organisation", "Direction de la voirie et des déplacements"}},
                 staff)
                .status,
            409)
      << "no one twice";
  auto all_wrong = post("workshops", participants, {{"kind", "mayor"}}, staff);
  EXPECT_EQ(all_wrong.status, 422);
  std::set<std::string> pointers;
  const auto problem = body_of(all_wrong);  // named: a range-for over a temporary's member dangles
  for (const auto& e : problem["errors"]) pointers.insert(e["pointer"]);
  EXPECT_EQ(pointers, (std::set<std::string>{"/kind", "/name", "/organisation"}));
  EXPECT_EQ(
      post("workshops", participants, body_of(dept), e2e::token("member", insider["id"])).status,
      403);
  auto ws = post("workshops", "/v1/sessions", session_body("working-session", day, a, w), staff);
  ASSERT_EQ(ws.status, 201);
  EXPECT_EQ(post("workshops", "/v1/sessions/" + std::string(body_of(ws)["id"]) + "/participants",
                 {{"kind", "department"}, {"name", "X"}, {"organisation", "DAC"}}, staff)
                .status,
            409)
      << "a working session takes members only";

  std::set<std::string> changes;
  const auto details = body_of(e2e::get("workshops", "/v1/sessions/" + cc_id + "/details", staff));
  for (const auto& c : details["changes"]) changes.insert(c["change"]);
  EXPECT_TRUE(changes.count("participant-added")) << "a line of the session's changes";

  // Names: the secretariat and the workshop's members; the public sees kinds and organisations.
  auto listed = e2e::get("workshops", participants, staff);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(body_of(listed)["items"].size(), 2u);
  EXPECT_EQ(e2e::get("workshops", participants, e2e::token("member", insider["id"])).status, 200);
  EXPECT_EQ(e2e::get("workshops", participants, e2e::token("member", outsider["id"])).status, 403);
  EXPECT_EQ(e2e::get("workshops", participants).status, 401);
  auto pub = e2e::get("workshops", "/v1/sessions/" + cc_id);
  ASSERT_EQ(pub.status, 200);
  const auto shown = body_of(pub)["participants"];
  ASSERT_EQ(shown.size(), 2u);
  EXPECT_EQ(shown[0]["kind"], "department");
  EXPECT_EQ(shown[0]["organisation"], "Direction de la voirie et des déplacements");
  EXPECT_FALSE(shown[0].contains("name"));
  EXPECT_EQ(pub.body.find("Claire Martin"), std::string::npos);

  // Their attendance, with revisions, counted apart from the members'.
  const std::string pa = "/v1/sessions/" + cc_id + "/participant-attendance";
  auto att = put("workshops", pa,
                 {{"records",
                   {{{"participant_id", dept_id}, {"status", "present"}},
                    {{"participant_id", rep_id}, {"status", "excused"}}}}},
                 staff);
  ASSERT_EQ(att.status, 200) << att.body;
  EXPECT_EQ(body_of(att)["changed"], 2);
  ASSERT_EQ(put("workshops", pa,
                {{"records", {{{"participant_id", rep_id}, {"status", "present"}}}}}, staff)
                .status,
            200);
  auto unknown =
      put("workshops", pa,
          {{"records",
            {{{"participant_id", "00000000-0000-4000-8000-000000000000"}, {"status", "present"}}}}},
          staff);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(body_of(unknown)["field"], "/records/0/participant_id");
  EXPECT_EQ(
      put("workshops", pa, {{"records", {{{"participant_id", rep_id}, {"status", "late"}}}}}, staff)
          .status,
      422);
  ASSERT_EQ(put("workshops", "/v1/sessions/" + cc_id + "/attendance",
                {{"records", {{{"member_id", insider["id"]}, {"status", "present"}}}}}, staff)
                .status,
            200);
  auto figures = e2e::get("workshops", "/v1/sessions/" + cc_id + "/attendance", staff);
  ASSERT_EQ(figures.status, 200);
  const auto f = body_of(figures);
  EXPECT_EQ(f["items"].size(), 1u) << "members in items, as before";
  EXPECT_EQ(f["figures"]["members"]["present"], 1);
  EXPECT_EQ(f["figures"]["participants"]["present"], 2);
  EXPECT_EQ(f["figures"]["participants"]["excused"], 0);
  for (const auto& p : f["participants"])
    if (p["participant_id"] == rep_id) {
      EXPECT_EQ(p["revision"], 2);
      EXPECT_EQ(p["changes"].size(), 2u) << "the correction kept";
    }

  // Taking one off.
  EXPECT_EQ(
      e2e::send("DELETE", "workshops", participants + "/" + rep_id, json::object(), staff).status,
      200);
  EXPECT_EQ(body_of(e2e::get("workshops", participants, staff))["items"].size(), 1u);

  // A plenary's page: the mandate voted there.
  auto plenary =
      post("workshops", "/v1/sessions", session_body("plenary", "2022-06-18", a, ""), staff);
  ASSERT_EQ(plenary.status, 201);
  const std::string plenary_id = body_of(plenary)["id"];
  EXPECT_EQ(post("workshops", "/v1/sessions/" + plenary_id + "/participants",
                 {{"kind", "elected-representative"},
                  {"name", "Anne Leroy"},
                  {"organisation", "le groupe Paris en commun"}},
                 staff)
                .status,
            201)
      << "plenaries take participants too";
  const int notebook = e2e::submitted_notebook(w, "# Carnet de l'atelier " + theme + "\n", staff);
  e2e::name_departments(w, {"DAC"}, staff);
  auto mandate = post("workshops", "/v1/workshops/" + w + "/mandates",
                      {{"text", "Le mandat de l'atelier " + theme}, {"notebook_version", notebook}},
                      e2e::token("city-service", "executive", "DAC"));
  ASSERT_EQ(mandate.status, 201) << mandate.body;
  const std::string mandate_id = body_of(mandate)["id"];
  ASSERT_EQ(
      post("workshops", "/v1/mandates/" + mandate_id + "/vote",
           {{"votes_for", 6}, {"votes_against", 0}, {"abstentions", 0}, {"session_id", plenary_id}},
           staff)
          .status,
      200);
  auto decisions = e2e::get("workshops", "/v1/sessions/" + plenary_id + "/decisions");
  ASSERT_EQ(decisions.status, 200) << decisions.body;
  const auto d = body_of(decisions);
  ASSERT_EQ(d["items"].size(), 1u);
  EXPECT_EQ(d["items"][0]["kind"], "mandate");
  EXPECT_EQ(d["items"][0]["ref_id"], mandate_id);
  EXPECT_EQ(d["items"][0]["outcome"], "adopted");
  EXPECT_EQ(d["items"][0]["details"]["workshop_id"], w);
  EXPECT_EQ(d["items"][0]["details"]["votes_for"], 6);
  EXPECT_EQ(d["items"][0]["details"]["unanimous"], true);
  EXPECT_EQ(e2e::get("workshops", "/v1/sessions/" + cc_id + "/decisions").status, 404)
      << "only a plenary decides";
}
