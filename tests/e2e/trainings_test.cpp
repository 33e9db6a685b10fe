// Trainings for volunteers through membership's HTTP API, against the real PostgreSQL and Kafka:
// trainings offered with a capacity; members signing up themselves, the waiting list, a withdrawal
// giving the place to the first waiting (its events on the topic); no sign-up once a training
// started; attendance only for place holders, corrections kept as revisions; the figures in the
// member's and the assembly's participation; the "followed" shortcut recorded as attendance. And
// the evaluation of the mandate naming its plenary session.
#include <gtest/gtest.h>

#include <ctime>
#include <set>
#include <thread>

#include "../integration/support.h"
#include "assembly/core/time.h"
#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using e2e::fresh;
using nlohmann::json;

namespace {

// Six members drawn and seated (active) in a new assembly.
struct Seated {
  std::string assembly_id;
  std::vector<std::string> ids;  // active members
};

Seated seat_six(const std::string& staff) {
  Seated out{fresh("tr"), {}};
  e2e::panel_members(out.assembly_id, 6, staff);
  e2e::seat_everyone(out.assembly_id, staff);
  auto active = body_of(e2e::get("membership",
                                 "/v1/members?assembly_id=" + out.assembly_id + "&status=active",
                                 staff))["items"];
  for (const auto& m : active) out.ids.push_back(m["id"]);
  if (out.ids.size() != 6) throw std::runtime_error("six active members expected");
  return out;
}

std::string in_seconds(long s) {
  return assembly::core::utc_time(std::time(nullptr) + s);
}

std::string member(const std::string& id) {
  return e2e::token("member", id);
}

assembly::itest::HttpResponse sign_up(const std::string& training, const std::string& id,
                                      const std::string& bearer) {
  return e2e::put("membership", "/v1/trainings/" + training + "/sign-ups/" + id, json::object(),
                  bearer);
}

assembly::itest::HttpResponse withdraw(const std::string& training, const std::string& id,
                                       const std::string& bearer) {
  return e2e::send("DELETE", "membership", "/v1/trainings/" + training + "/sign-ups/" + id,
                   json::object(), bearer);
}

std::string offer(const std::string& assembly_id, const json& body, const std::string& staff) {
  auto r = e2e::post("membership", "/v1/assemblies/" + assembly_id + "/trainings", body, staff);
  if (r.status != 201) throw std::runtime_error("offer: " + r.body);
  return body_of(r)["id"];
}

// The event types published on membership's topic for this aggregate (the training).
std::vector<std::string> events_of(const std::string& training_id) {
  const auto brokers = assembly::itest::kafka_brokers();
  const auto size = itest_support::topic_size(brokers, "assembly.membership.v1", 6);
  std::vector<std::string> out;
  for (const auto& r :
       itest_support::read_topic(brokers, "assembly.membership.v1", static_cast<std::size_t>(size),
                                 std::chrono::seconds(30))) {
    if (r.key != training_id) continue;
    for (const char* type : {"TrainingOffered", "TrainingSignedUp", "TrainingWithdrawn",
                             "TrainingPlaceOffered", "TrainingAttendanceRecorded"})
      if (r.value.find(std::string("assembly.membership.v1.") + type) != std::string::npos)
        out.push_back(r.value);
  }
  return out;
}

long count_with(const std::vector<std::string>& events, const std::string& type,
                const std::string& text = "") {
  long n = 0;
  for (const auto& e : events)
    n += e.find("assembly.membership.v1." + type) != std::string::npos &&
         (text.empty() || e.find(text) != std::string::npos);
  return n;
}

}  // namespace

TEST(Trainings, CapacityWaitingListPromotionAttendanceAndFigures) {
  const auto staff = e2e::token("secretariat", "staff-tr");
  auto s = seat_six(staff);
  const auto& id = s.ids;

  // Every invalid field named at once, and nothing offered.
  auto bad = e2e::post("membership", "/v1/assemblies/" + s.assembly_id + "/trainings",
                       {{"topic", "cooking"},
                        {"title", ""},
                        {"held_on", "2022-02-31"},
                        {"ends_at", "2030-01-01T10:00:00Z"},
                        {"online_url", "ftp://example.org"},
                        {"capacity", 0}},
                       staff);
  ASSERT_EQ(bad.status, 422) << bad.body;
  std::set<std::string> named;
  const auto problem = body_of(bad);  // named: a range-for over a temporary's member dangles
  for (const auto& e : problem["errors"]) named.insert(e["pointer"]);
  for (const char* f : {"/topic", "/title", "/held_on", "/ends_at", "/online_url", "/capacity"})
    EXPECT_TRUE(named.count(f)) << f << " in " << bad.body;
  EXPECT_EQ(body_of(e2e::get("membership", "/v1/assemblies/" + s.assembly_id + "/trainings",
                             staff))["items"]
                .size(),
            0u);
  EXPECT_EQ(e2e::post("membership", "/v1/assemblies/" + s.assembly_id + "/trainings",
                      {{"topic", "other"}, {"title", "Atelier"}, {"held_on", "2030-01-01"}}, staff)
                .status,
            422)
      << "other needs topic_text";

  const auto starts = in_seconds(3 * 86400);
  const std::string speaking = offer(s.assembly_id,
                                     {{"topic", "public-speaking"},
                                      {"title", "Prendre la parole en public"},
                                      {"starts_at", starts},
                                      {"ends_at", in_seconds(3 * 86400 + 3 * 3600)},
                                      {"place", "Hôtel de Ville, salle des Prévôts"},
                                      {"capacity", 2}},
                                     staff);
  const std::string news = offer(s.assembly_id,
                                 {{"topic", "current-affairs"},
                                  {"title", "Décrypter l'actualité"},
                                  {"starts_at", in_seconds(4 * 86400)},
                                  {"online_url", "https://visio.example.org/actualite"},
                                  {"capacity", 10}},
                                 staff);

  // Members sign up themselves: two places, then the waiting list in order.
  auto a = sign_up(speaking, id[0], member(id[0]));
  ASSERT_EQ(a.status, 201) << a.body;
  EXPECT_EQ(body_of(a)["state"], "placed");
  EXPECT_EQ(body_of(sign_up(speaking, id[1], member(id[1])))["state"], "placed");
  auto c = body_of(sign_up(speaking, id[2], member(id[2])));
  EXPECT_EQ(c["state"], "waiting");
  EXPECT_EQ(c["waiting_position"], 1);
  auto d = body_of(sign_up(speaking, id[3], member(id[3])));
  EXPECT_EQ(d["waiting_position"], 2);
  EXPECT_EQ(d["training"]["places_left"], 0);
  EXPECT_EQ(d["training"]["waiting"], 2);
  // Twice: the same answer, nothing changes.
  auto again = sign_up(speaking, id[0], member(id[0]));
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(body_of(again)["state"], "placed");
  EXPECT_EQ(body_of(again)["already_signed_up"], true);
  EXPECT_EQ(body_of(again)["training"]["placed"], 2);
  // A member acts only for themself; the secretariat may for anyone.
  EXPECT_EQ(sign_up(speaking, id[1], member(id[0])).status, 403);
  EXPECT_EQ(withdraw(speaking, id[1], member(id[0])).status, 403);
  EXPECT_EQ(e2e::get("membership", "/v1/trainings/" + speaking + "/sign-ups", member(id[0])).status,
            403);
  EXPECT_EQ(body_of(sign_up(news, id[4], staff))["state"], "placed");

  // The list for the members: places left and waiting counts; a member of another assembly is
  // refused.
  auto listed =
      e2e::get("membership", "/v1/assemblies/" + s.assembly_id + "/trainings", member(id[5]));
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto items = body_of(listed)["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["id"], speaking);
  EXPECT_EQ(items[0]["places_left"], 0);
  EXPECT_EQ(items[0]["waiting"], 2);
  EXPECT_EQ(items[1]["places_left"], 9);
  EXPECT_EQ(e2e::get("membership", "/v1/assemblies/other-assembly/trainings", member(id[5])).status,
            403);

  // Withdrawing frees the place: the first waiting gets it at once.
  auto w = withdraw(speaking, id[0], member(id[0]));
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(body_of(w)["previous_state"], "placed");
  EXPECT_EQ(body_of(w)["promoted_member_id"], id[2]);
  EXPECT_EQ(withdraw(speaking, id[0], member(id[0])).status, 404) << "withdrawn already";
  auto roster = body_of(e2e::get("membership", "/v1/trainings/" + speaking + "/sign-ups", staff));
  ASSERT_EQ(roster["placed"].size(), 2u);
  EXPECT_EQ(roster["placed"][0]["member_id"], id[1]);
  EXPECT_EQ(roster["placed"][1]["member_id"], id[2]);
  ASSERT_EQ(roster["waiting"].size(), 1u);
  EXPECT_EQ(roster["waiting"][0]["member_id"], id[3]);
  EXPECT_EQ(roster["waiting"][0]["waiting_position"], 1);
  auto mine = body_of(e2e::get("membership", "/v1/members/" + id[2] + "/trainings", member(id[2])));
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["state"], "placed");
  EXPECT_EQ(mine["items"][0]["training_id"], speaking);
  EXPECT_EQ(e2e::get("membership", "/v1/members/" + id[2] + "/trainings", member(id[3])).status,
            403);
  // The member's export holds their sign-ups.
  auto exported =
      body_of(e2e::get("membership", "/v1/members/" + id[2] + "/export", member(id[2])));
  ASSERT_EQ(exported["training_sign_ups"].size(), 1u);
  EXPECT_EQ(exported["training_sign_ups"][0]["training_id"], speaking);
  // Signing up again after a withdrawal: at the end of the queue.
  EXPECT_EQ(body_of(sign_up(speaking, id[0], member(id[0])))["waiting_position"], 2);

  // Only active members: a withdrawn member no longer signs up (with the token they held before
  // leaving: membership disables a leaver's account).
  const auto leaver = member(id[5]);
  ASSERT_EQ(e2e::post("membership", "/v1/members/" + id[5] + "/withdraw",
                      {{"reason", "moved away"}}, staff)
                .status,
            200);
  EXPECT_EQ(sign_up(news, id[5], leaver).status, 409);

  // Attendance only for place holders, all or nothing.
  const auto att = "/v1/trainings/" + speaking + "/attendance";
  auto refused = e2e::put("membership", att,
                          {{"records",
                            {{{"member_id", id[1]}, {"status", "present"}},
                             {{"member_id", id[3]}, {"status", "present"}}}}},
                          staff);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(body_of(refused)["field"], "/records/1");
  EXPECT_EQ(body_of(e2e::get("membership", att, staff))["items"].size(), 0u) << "nothing recorded";
  auto first = e2e::put("membership", att,
                        {{"records",
                          {{{"member_id", id[1]}, {"status", "absent"}},
                           {{"member_id", id[2]}, {"status", "present"}}}}},
                        staff);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(body_of(first)["changed"], 2);
  auto fix = e2e::put("membership", att,
                      {{"records",
                        {{{"member_id", id[1]}, {"status", "present"}},
                         {{"member_id", id[2]}, {"status", "present"}}}}},
                      e2e::token("secretariat", "staff-fix"));
  EXPECT_EQ(body_of(fix)["changed"], 1) << "an unchanged record makes no revision";
  json one;
  const auto recorded = body_of(e2e::get("membership", att, staff));
  for (const auto& x : recorded["items"])
    if (x["member_id"] == id[1]) one = x;
  ASSERT_FALSE(one.is_null());
  EXPECT_EQ(one["status"], "present");
  EXPECT_EQ(one["revision"], 2);
  ASSERT_EQ(one["changes"].size(), 2u);
  EXPECT_EQ(one["changes"][0]["status"], "absent");
  EXPECT_EQ(one["changes"][0]["recorded_by"], e2e::subject_of(staff));
  EXPECT_EQ(one["changes"][1]["recorded_by"],
            e2e::subject_of(e2e::token("secretariat", "staff-fix")));
  // A member whose attendance is recorded no longer withdraws.
  EXPECT_EQ(withdraw(speaking, id[1], member(id[1])).status, 409);

  // The figures: trainings apart from the workshops' sessions, never "at risk".
  auto p =
      body_of(e2e::get("membership", "/v1/members/" + id[1] + "/participation", member(id[1])));
  EXPECT_EQ(p["trainings"]["signed_up"], 1);
  EXPECT_EQ(p["trainings"]["attended"], 1);
  EXPECT_EQ(p["overall"]["sessions"], 0) << "workshop sessions unchanged";
  EXPECT_EQ(p["at_risk"], false);
  auto waiting =
      body_of(e2e::get("membership", "/v1/members/" + id[3] + "/participation", member(id[3])));
  EXPECT_EQ(waiting["trainings"]["waiting"], 1);
  EXPECT_EQ(waiting["trainings"]["attended"], 0);
  auto all =
      body_of(e2e::get("membership", "/v1/assemblies/" + s.assembly_id + "/participation", staff));
  EXPECT_EQ(all["trainings"]["offered"], 2);
  EXPECT_EQ(all["trainings"]["attended"], 2);
  EXPECT_EQ(all["trainings"]["waiting"], 2);  // id[3], id[0]
  EXPECT_EQ(all["trainings"]["members_signed_up"], 5);
  EXPECT_EQ(all["trainings"]["members_attended"], 2);
  EXPECT_TRUE(all["at_risk"].empty());
  auto t = body_of(e2e::get("membership", "/v1/trainings/" + speaking, member(id[4])));
  EXPECT_EQ(t["followed_by"], 2) << "present = followed";

  // The events, keyed by the training: the place given to the first waiting says so.
  std::vector<std::string> ev;
  EXPECT_TRUE(e2e::eventually(
      [&] {
        ev = events_of(speaking);
        return count_with(ev, "TrainingAttendanceRecorded") == 3;
      },
      std::chrono::seconds(60)));
  EXPECT_EQ(count_with(ev, "TrainingOffered"), 1);
  EXPECT_EQ(count_with(ev, "TrainingSignedUp"), 5);  // 4 first, then id[0] again
  EXPECT_EQ(count_with(ev, "TrainingWithdrawn", id[0]), 1);
  EXPECT_EQ(count_with(ev, "TrainingPlaceOffered", id[2]), 1);
}

TEST(Trainings, NoSignUpOnceStartedAndFollowedIsAttendance) {
  const auto staff = e2e::token("secretariat", "staff-tr2");
  auto s = seat_six(staff);
  const auto& id = s.ids;
  const std::string soon = offer(s.assembly_id,
                                 {{"topic", "other"},
                                  {"topic_text", "Lire un budget municipal"},
                                  {"title", "Le budget de la Ville"},
                                  {"starts_at", in_seconds(4)},
                                  {"place", "Mairie du 4e"},
                                  {"capacity", 3}},
                                 staff);
  ASSERT_EQ(sign_up(soon, id[0], member(id[0])).status, 201);
  std::this_thread::sleep_for(std::chrono::seconds(6));
  auto late = sign_up(soon, id[1], member(id[1]));
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(sign_up(soon, id[0], member(id[0])).status, 200) << "signed up already: same answer";
  EXPECT_EQ(withdraw(soon, id[0], member(id[0])).status, 409);

  // A training offered the old way (a day, no capacity): "followed" records attendance, placing
  // the member; the member's trainings and the training's count agree.
  auto old = e2e::post("membership", "/v1/assemblies/" + s.assembly_id + "/trainings",
                       {{"topic", "public-speaking"},
                        {"title", "Prise de parole en public"},
                        {"held_on", "2022-02-12"}},
                       staff);
  ASSERT_EQ(old.status, 201) << old.body;
  EXPECT_TRUE(body_of(old)["capacity"].is_null());
  EXPECT_TRUE(body_of(old)["places_left"].is_null());
  const std::string old_id = body_of(old)["id"];
  auto followed = e2e::post("membership", "/v1/trainings/" + old_id + "/followed",
                            {{"member_ids", {id[2], id[3]}}}, staff);
  ASSERT_EQ(followed.status, 200) << followed.body;
  EXPECT_EQ(body_of(followed)["followed_by"], 2);
  EXPECT_EQ(body_of(followed)["newly_recorded"], 2);
  EXPECT_EQ(body_of(e2e::post("membership", "/v1/trainings/" + old_id + "/followed",
                              {{"member_ids", {id[2]}}}, staff))["newly_recorded"],
            0);
  auto bad = e2e::post("membership", "/v1/trainings/" + old_id + "/followed",
                       {{"member_ids", {id[2], 7, "nobody"}}}, staff);
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(body_of(bad)["errors"].size(), 1u) << bad.body;  // the type first; then the lookup
  EXPECT_EQ(body_of(bad)["field"], "/member_ids/1");
  auto attendance =
      body_of(e2e::get("membership", "/v1/trainings/" + old_id + "/attendance", staff))["items"];
  ASSERT_EQ(attendance.size(), 2u);
  EXPECT_EQ(attendance[0]["status"], "present");
  EXPECT_EQ(attendance[0]["changes"][0]["via"], "followed");
  auto mine = body_of(e2e::get("membership", "/v1/members/" + id[2] + "/trainings", member(id[2])));
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["followed"], true);
  EXPECT_EQ(mine["items"][0]["topic"], "public-speaking");
  // Marked absent afterwards: no longer counted as followed.
  ASSERT_EQ(e2e::put("membership", "/v1/trainings/" + old_id + "/attendance",
                     {{"records", {{{"member_id", id[3]}, {"status", "absent"}}}}}, staff)
                .status,
            200);
  EXPECT_EQ(body_of(e2e::get("membership", "/v1/trainings/" + old_id, staff))["followed_by"], 1);
}

TEST(Evaluations, NameThePlenarySessionTheyArePresentedAt) {
  const auto staff = e2e::token("secretariat", "staff-ev");
  const auto assembly_id = fresh("trev");
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies",
                      {{"id", assembly_id},
                       {"name", "Assemblée citoyenne"},
                       {"mandate_start", "2021-11-20"},
                       {"mandate_end", "2022-11-20"},
                       {"seat_pools", {{{"pool", "roll"}, {"seats", 80}}}},
                       {"workshops", {"social-education", "environment", "public-space"}},
                       {"retention_days", 365}},
                      staff)
                .status,
            201);
  const json questions = {
      {{"id", "overall"}, {"text", "Votre mandat ?"}, {"kind", "rating"}, {"min", 1}, {"max", 5}}};
  const std::string plenary = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
  const auto path = "/v1/assemblies/" + assembly_id + "/evaluations";
  auto named = e2e::post("membership", path,
                         {{"title", "Évaluation du mandat"},
                          {"questions", questions},
                          {"plenary_session_id", plenary}},
                         staff);
  ASSERT_EQ(named.status, 201) << named.body;
  EXPECT_EQ(body_of(named)["plenary_session_id"], plenary);
  const std::string ev = body_of(named)["id"];
  EXPECT_EQ(body_of(e2e::get("membership", "/v1/evaluations/" + ev, staff))["plenary_session_id"],
            plenary)
      << "stored";
  // Optional: the calls made before keep working.
  auto unnamed =
      e2e::post("membership", path, {{"title", "Sans plénière"}, {"questions", questions}}, staff);
  ASSERT_EQ(unnamed.status, 201) << unnamed.body;
  EXPECT_TRUE(body_of(unnamed)["plenary_session_id"].is_null());
  // Not a session id: named with every other field at fault, nothing made.
  auto bad = e2e::post(
      "membership", path,
      {{"title", ""}, {"questions", questions}, {"plenary_session_id", "plénière"}}, staff);
  ASSERT_EQ(bad.status, 422) << bad.body;
  const auto problem = body_of(bad);
  std::set<std::string> fields;
  for (const auto& e : problem["errors"]) fields.insert(e["pointer"]);
  EXPECT_TRUE(fields.count("/title")) << bad.body;
  EXPECT_TRUE(fields.count("/plenary_session_id")) << bad.body;
}
