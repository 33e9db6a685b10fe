// The membership service against the real PostgreSQL and Kafka, with sortition running: a panel
// of 100 drawn under quotas becomes 100 members; 7 decline and 7 replacements arrive by
// themselves, keeping the quotas; an event delivered twice changes nothing the second time; the
// lifecycle, the workshop assignment, roles, trainings, consent and contact, participation from
// workshops' AttendanceRecorded, the evaluation and the anonymisation, through the API.
#include <gtest/gtest.h>

#include <ctime>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "assembly/core/time.h"
#include "assembly/events/envelope.h"
#include "assembly/events/producer.h"
#include "assembly/sortition/v1/events.pb.h"
#include "assembly/testing/http_client.h"
#include "assembly/testing/process.h"
#include "assembly/testing/stack.h"
#include "assembly/workshops/v1/events.pb.h"
#include "e2e.h"

using e2e::body_of;
using e2e::fresh;
using nlohmann::json;

namespace {

json members_of(const std::string& assembly_id, const std::string& staff,
                const std::string& status = "") {
  auto r = e2e::get(
      "membership",
      "/v1/members?assembly_id=" + assembly_id + (status.empty() ? "" : "&status=" + status),
      staff);
  if (r.status != 200) return json::array();
  return json::parse(r.body)["items"];
}

// The members of an assembly invited; those in `confirming` confirm and are activated at the
// opening plenary. Fails the calling test at the first answer that is not 200.
void seat(const std::string& assembly_id, const json& confirming, const std::string& staff) {
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                      {{"action", "invite"}}, staff)
                .status,
            200);
  for (const auto& m : confirming)
    ASSERT_EQ(e2e::post("membership", "/v1/members/" + std::string(m["id"]) + "/confirm",
                        json::object(), staff)
                  .status,
              200);
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                      {{"action", "activate"}}, staff)
                .status,
            200);
}

}  // namespace

TEST(Membership, APanelOf100BecomesMembersAndSevenDeclinesAreReplacedByThemselvesKeepingTheQuotas) {
  const auto staff = e2e::token("secretariat", "secretariat-100");
  const auto assembly_id = fresh("m100");
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies",
                      {{"id", assembly_id},
                       {"name", "Assemblée citoyenne test"},
                       {"mandate_start", "2022-11-01"},
                       {"mandate_end", "2023-10-31"},
                       {"seat_pools", {{{"pool", "roll"}, {"seats", 100}}}}},
                      staff)
                .status,
            201);
  const char* bands[] = {"16-29", "30-44", "45-59", "60+"};
  auto drawn = e2e::draw_selection_panel(
      assembly_id, 400, 300, 250, 100,
      "feature,value,min,max\ngender,F,50,50\ngender,M,50,50\nage,16-29,25,25\nage,30-44,25,"
      "25\nage,45-59,25,25\nage,60+,25,25\n",
      [&](int i) {
        return json{{"gender", i % 2 ? "F" : "M"}, {"age", bands[(i / 2) % 4]}};
      });

  json members;
  ASSERT_TRUE(
      e2e::eventually([&] { return (members = members_of(assembly_id, staff)).size() == 100; },
                      std::chrono::seconds(90)))
      << "the panel of 100 became 100 members; got " << members.size();
  std::set<std::string> people;
  for (const auto& m : members) {
    EXPECT_EQ(m["status"], "selected");
    EXPECT_EQ(m["draw_id"], drawn.selection_id);
    EXPECT_TRUE(m["workshop_theme"].is_null()) << "placed only at the opening plenary";
    people.insert(m["person_id"].get<std::string>());
  }
  EXPECT_EQ(people.size(), 100u);

  auto invited = e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                           {{"action", "invite"}}, staff);
  ASSERT_EQ(invited.status, 200) << invited.body;
  EXPECT_EQ(body_of(invited)["changed"], 100);

  // Seven decline, each with their own token (object-level access: nobody else's).
  std::vector<json> leavers(members.begin(), members.begin() + 7);
  EXPECT_EQ(e2e::post("membership", "/v1/members/" + std::string(leavers[0]["id"]) + "/decline",
                      {{"reason", "x"}}, e2e::token("member", leavers[1]["id"]))
                .status,
            403);
  for (const auto& l : leavers) {
    auto r = e2e::post("membership", "/v1/members/" + std::string(l["id"]) + "/decline",
                       {{"reason", "not this year"}}, e2e::token("member", l["id"]));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(body_of(r)["status"], "declined");
  }
  auto again = e2e::post("membership", "/v1/members/" + std::string(leavers[0]["id"]) + "/confirm",
                         json::object(), staff);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(body_of(again)["detail"],
            "the member is declined; confirm needs a member who is invited");

  // The seven replacements come back by themselves, invited, linked to whom they replace.
  json all;
  ASSERT_TRUE(e2e::eventually([&] { return (all = members_of(assembly_id, staff)).size() == 107; },
                              std::chrono::seconds(90)))
      << "7 replacements arrived; members now " << all.size();
  std::map<std::string, json> by_id;
  for (const auto& m : all) by_id[m["id"]] = m;
  std::map<std::string, int> gender, age;
  int replacements = 0;
  for (const auto& m : all) {
    if (m["status"] == "declined") {
      ASSERT_FALSE(m["replaced_by"].is_null()) << "each decliner is linked to their replacement";
      EXPECT_EQ(by_id[m["replaced_by"]]["replaces"], m["id"]);
      continue;
    }
    const auto& c = drawn.criteria.at(m["person_id"]);
    ++gender[c["gender"]];
    ++age[c["age"]];
    if (!m["replaces"].is_null()) {
      ++replacements;
      EXPECT_EQ(m["status"], "invited");
      auto h = body_of(e2e::get("membership", "/v1/members/" + std::string(m["id"]) + "/history",
                                staff))["items"];
      ASSERT_EQ(h.size(), 2u);
      EXPECT_EQ(h[0]["change"], "created");
      EXPECT_EQ(h[0]["related"], m["replaces"])
          << "the history links the replacement to whom it replaced";
      EXPECT_EQ(h[1]["to"], "invited");
    }
  }
  EXPECT_EQ(replacements, 7);
  EXPECT_EQ(gender["F"], 50);
  EXPECT_EQ(gender["M"], 50);
  for (const char* b : bands) EXPECT_EQ(age[b], 25) << b;
  auto leaver_history =
      body_of(e2e::get("membership", "/v1/members/" + std::string(leavers[0]["id"]) + "/history",
                       e2e::token("member", leavers[0]["id"])))["items"];
  ASSERT_EQ(leaver_history.size(), 4u)
      << leaver_history.dump();  // created, invited, declined, replaced-by
  EXPECT_EQ(leaver_history[2]["to"], "declined");
  EXPECT_EQ(leaver_history[2]["actor"], leavers[0]["id"]) << "attributed to who made it";
  EXPECT_EQ(leaver_history[3]["change"], "replaced-by");

  // The metrics count them for the dashboards.
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto m = e2e::metrics("membership");
        return m.find("membership_replacements{assembly=\"" + assembly_id + "\"} 7") !=
                   std::string::npos &&
               m.find("membership_declines{assembly=\"" + assembly_id + "\"} 7") !=
                   std::string::npos;
      },
      std::chrono::seconds(60)))
      << "membership_replacements and membership_declines";

  // The 107 members by pages of 40, each page linking the next: together the whole list, in its
  // order, and nothing after the last.
  const auto listed = members_of(assembly_id, staff);
  ASSERT_EQ(listed.size(), 107u);
  json paged = json::array();
  std::vector<std::size_t> sizes;
  std::string next = "/v1/members?assembly_id=" + assembly_id + "&limit=40";
  while (!next.empty() && sizes.size() < 5) {
    auto page = e2e::get("membership", next, staff);
    ASSERT_EQ(page.status, 200) << page.body;
    const auto b = body_of(page);
    sizes.push_back(b["items"].size());
    for (const auto& m : b["items"]) paged.push_back(m["id"]);
    auto link = page.headers.count("link") ? page.headers.at("link") : std::string();
    EXPECT_EQ(link.empty(), b["next_cursor"].is_null()) << link;
    next = link.empty() ? std::string() : link.substr(1, link.find('>') - 1);
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{40, 40, 27}));
  json ids = json::array();
  for (const auto& m : listed) ids.push_back(m["id"]);
  EXPECT_EQ(paged, ids);
  EXPECT_EQ(e2e::get("membership", "/v1/members?assembly_id=" + assembly_id + "&limit=1001", staff)
                .status,
            400);
  EXPECT_EQ(
      e2e::get("membership",
               "/v1/members?assembly_id=" + assembly_id + "&cursor=bm8tc3VjaC1tZW1iZXI", staff)
          .status,
      400);
}

TEST(Membership, AnEventDeliveredTwiceChangesNothingTheSecondTime) {
  const auto staff = e2e::token("secretariat");
  const auto assembly_id = fresh("mdup");
  assembly::sortition::v1::PanelSelected panel;
  panel.set_draw_id("draw-" + assembly_id);
  panel.set_assembly_id(assembly_id);
  for (int i = 0; i < 3; ++i) {
    auto* p = panel.add_members();
    p->set_person_id(assembly_id + "-p" + std::to_string(i));
    p->set_pool("roll");
    (*p->mutable_attributes())["gender"] = i % 2 ? "F" : "M";
  }
  auto env = assembly::events::wrap(panel, panel.draw_id(), "sortition");
  assembly::events::Producer producer(assembly::itest::producer_options("membership-dup-test"));
  ASSERT_EQ(
      producer.produce_sync("assembly.sortition.v1", panel.draw_id(), env.SerializeAsString(), {}),
      "");
  ASSERT_TRUE(e2e::eventually([&] { return members_of(assembly_id, staff).size() == 3; },
                              std::chrono::seconds(60)));
  const auto before = members_of(assembly_id, staff);

  // The same envelope again (the inbox drops it), then the same panel under a new event id (a
  // replay: the members exist already), then a marker event to know both were consumed.
  ASSERT_EQ(
      producer.produce_sync("assembly.sortition.v1", panel.draw_id(), env.SerializeAsString(), {}),
      "");
  auto replay = assembly::events::wrap(panel, panel.draw_id(), "sortition");
  ASSERT_NE(replay.event_id(), env.event_id());
  ASSERT_EQ(producer.produce_sync("assembly.sortition.v1", panel.draw_id(),
                                  replay.SerializeAsString(), {}),
            "");
  assembly::sortition::v1::PanelSelected marker;
  marker.set_draw_id(panel.draw_id());  // same key: same partition, so consumed after the two above
  marker.set_assembly_id(assembly_id);
  auto* p = marker.add_members();
  p->set_person_id(assembly_id + "-marker");
  p->set_pool("roll");
  ASSERT_EQ(
      producer.produce_sync(
          "assembly.sortition.v1", panel.draw_id(),
          assembly::events::wrap(marker, panel.draw_id(), "sortition").SerializeAsString(), {}),
      "");
  ASSERT_TRUE(e2e::eventually([&] { return members_of(assembly_id, staff).size() == 4; },
                              std::chrono::seconds(60)));
  auto after = members_of(assembly_id, staff);
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(after[i], before[i]) << "unchanged";
    auto h = body_of(e2e::get(
        "membership", "/v1/members/" + std::string(before[i]["id"]) + "/history", staff))["items"];
    EXPECT_EQ(h.size(), 1u) << "one creation, no second one";
  }
}

TEST(Membership, TheLifecycleTheAssignmentAndRolesWithObjectLevelAccess) {
  const auto staff = e2e::token("secretariat", "staff-lifecycle");
  const auto assembly_id = fresh("mlife");
  auto members = e2e::panel_members(assembly_id, 12, staff);
  auto id = [&](int i) { return std::string(members[i]["id"]); };
  auto member = [&](int i) { return e2e::token("member", id(i)); };

  // Object-level access: a member reads and acts only on their own record; the list is staff's.
  EXPECT_EQ(e2e::get("membership", "/v1/members/" + id(0), member(0)).status, 200);
  EXPECT_EQ(e2e::get("membership", "/v1/members/" + id(1), member(0)).status, 403);
  EXPECT_EQ(e2e::get("membership", "/v1/members/" + id(1) + "/history", member(0)).status, 403);
  EXPECT_EQ(e2e::get("membership", "/v1/members?assembly_id=" + assembly_id, member(0)).status,
            403);
  EXPECT_EQ(e2e::get("membership", "/v1/members/" + id(0)).status, 401);
  EXPECT_EQ(
      e2e::post("membership", "/v1/members/" + id(0) + "/invite", json::object(), member(0)).status,
      403)
      << "only the secretariat invites";

  // Illegal transitions are 409s naming the current status, and change nothing.
  auto early =
      e2e::post("membership", "/v1/members/" + id(0) + "/confirm", json::object(), member(0));
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(body_of(early)["status"], 409);
  EXPECT_EQ(body_of(early)["member_status"], "selected");
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                      {{"action", "invite"}}, staff)
                .status,
            200);
  EXPECT_EQ(body_of(e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                              {{"action", "invite"}}, staff))["changed"],
            0)
      << "inviting again changes nothing";
  EXPECT_EQ(e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                      {{"action", "resign"}}, staff)
                .status,
            422);

  // Preferences (the member's own), then everyone confirms.
  EXPECT_EQ(e2e::put("membership", "/v1/members/" + id(0) + "/preferences",
                     {{"workshops", {"public-space", "environment"}}}, member(0))
                .status,
            200);
  EXPECT_EQ(e2e::put("membership", "/v1/members/" + id(1) + "/preferences",
                     {{"workshops", {"public-space"}}}, member(0))
                .status,
            403);
  auto bad = e2e::put("membership", "/v1/members/" + id(1) + "/preferences",
                      {{"workshops", {"cooking"}}}, member(1));
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(body_of(bad)["field"], "/workshops/0");
  for (int i = 1; i < 12; ++i)
    ASSERT_EQ(e2e::put("membership", "/v1/members/" + id(i) + "/preferences",
                       {{"workshops", {i % 3 == 0 ? "public-space" : "environment"}}}, member(i))
                  .status,
              200);
  for (int i = 0; i < 12; ++i)
    ASSERT_EQ(
        e2e::post("membership", "/v1/members/" + id(i) + "/confirm", json::object(), member(i))
            .status,
        200);
  EXPECT_EQ(e2e::post("membership", "/v1/members/" + id(0) + "/decline", json::object(), member(0))
                .status,
            409);

  // The opening plenary: every confirmed member active, in one of the three workshops, 4 each,
  // with member 0's first choice honoured.
  auto opened = e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                          {{"action", "activate"}}, staff);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(body_of(opened)["changed"], 12);
  std::map<std::string, int> sizes;
  for (const auto& m : members_of(assembly_id, staff)) {
    EXPECT_EQ(m["status"], "active");
    ++sizes[m["workshop_theme"]];
  }
  EXPECT_EQ(sizes, (std::map<std::string, int>{
                       {"environment", 4}, {"public-space", 4}, {"social-education", 4}}));
  EXPECT_EQ(body_of(e2e::get("membership", "/v1/members/" + id(0), member(0)))["workshop_theme"],
            "public-space");
  EXPECT_EQ(e2e::put("membership", "/v1/members/" + id(0) + "/preferences",
                     {{"workshops", {"environment"}}}, member(0))
                .status,
            409);

  // The staff's override needs a reason, is recorded, and a member cannot do it.
  EXPECT_EQ(e2e::put("membership", "/v1/members/" + id(0) + "/workshop",
                     {{"workshop", "environment"}}, staff)
                .status,
            422);
  EXPECT_EQ(e2e::put("membership", "/v1/members/" + id(0) + "/workshop",
                     {{"workshop", "environment"}, {"reason", "r"}}, member(0))
                .status,
            403);
  auto moved = e2e::put("membership", "/v1/members/" + id(0) + "/workshop",
                        {{"workshop", "environment"}, {"reason", "asked to change"}}, staff);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(body_of(moved)["workshop_theme"], "environment");
  auto history =
      body_of(e2e::get("membership", "/v1/members/" + id(0) + "/history", member(0)))["items"];
  std::vector<std::string> changes;
  for (const auto& h : history)
    changes.push_back(std::string(h["change"]) + ":" +
                      (h["to"].is_null() ? "" : std::string(h["to"])));
  EXPECT_EQ(changes, (std::vector<std::string>{"created:selected", "status:invited",
                                               "preferences:[\"public-space\",\"environment\"]",
                                               "status:confirmed", "status:active",
                                               "workshop:public-space", "workshop:environment"}));
  EXPECT_EQ(history.back()["from"], "public-space");
  EXPECT_EQ(history.back()["reason"], "asked to change");
  EXPECT_EQ(history.back()["actor"], e2e::subject_of(staff));

  // Roles: spokesperson for a motion, referent of one's own workshop.
  auto spoke = e2e::post("membership", "/v1/members/" + id(1) + "/roles",
                         {{"role", "spokesperson"}, {"motion_id", "motion-1"}}, staff);
  ASSERT_EQ(spoke.status, 201) << spoke.body;
  EXPECT_EQ(e2e::post("membership", "/v1/members/" + id(1) + "/roles",
                      {{"role", "spokesperson"}, {"motion_id", "motion-1"}}, staff)
                .status,
            409);
  EXPECT_EQ(
      e2e::post("membership", "/v1/members/" + id(1) + "/roles", {{"role", "spokesperson"}}, staff)
          .status,
      422);
  EXPECT_EQ(
      e2e::post("membership", "/v1/members/" + id(1) + "/roles", {{"role", "mayor"}}, staff).status,
      422);
  auto wrong = e2e::post("membership", "/v1/members/" + id(2) + "/roles",
                         {{"role", "workshop-referent"}, {"workshop", "nowhere"}}, staff);
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(e2e::post("membership", "/v1/members/" + id(2) + "/roles",
                      {{"role", "workshop-referent"}}, staff)
                .status,
            201);
  auto ended = e2e::post("membership", "/v1/roles/" + std::string(body_of(spoke)["id"]) + "/end",
                         json::object(), staff);
  ASSERT_EQ(ended.status, 200);
  EXPECT_FALSE(body_of(ended)["ended_at"].is_null());
  EXPECT_EQ(
      body_of(e2e::get("membership", "/v1/members/" + id(1) + "/roles", member(1)))["items"].size(),
      1u)
      << "kept, ended";

  // Trainings offered and followed.
  auto training = e2e::post("membership", "/v1/assemblies/" + assembly_id + "/trainings",
                            {{"topic", "public-speaking"},
                             {"title", "Prise de parole en public"},
                             {"held_on", "2022-02-12"}},
                            staff);
  ASSERT_EQ(training.status, 201) << training.body;
  EXPECT_EQ(
      e2e::post("membership", "/v1/assemblies/" + assembly_id + "/trainings",
                {{"topic", "public-speaking"}, {"title", "t"}, {"held_on", "2022-02-31"}}, staff)
          .status,
      422);
  const std::string training_id = body_of(training)["id"];
  auto followed = e2e::post("membership", "/v1/trainings/" + training_id + "/followed",
                            {{"member_ids", {id(1), id(2)}}}, staff);
  ASSERT_EQ(followed.status, 200) << followed.body;
  EXPECT_EQ(body_of(followed)["followed_by"], 2);
  EXPECT_EQ(body_of(e2e::post("membership", "/v1/trainings/" + training_id + "/followed",
                              {{"member_ids", {id(1)}}}, staff))["newly_recorded"],
            0);
  auto stranger = e2e::post("membership", "/v1/trainings/" + training_id + "/followed",
                            {{"member_ids", {id(1), "nobody"}}}, staff);
  EXPECT_EQ(stranger.status, 422);
  EXPECT_EQ(body_of(stranger)["field"], "/member_ids/1");
  EXPECT_EQ(body_of(e2e::get("membership", "/v1/members/" + id(1) + "/trainings",
                             member(1)))["items"][0]["topic"],
            "public-speaking");

  // Withdrawal needs a reason; the end of the mandate completes the others.
  EXPECT_EQ(
      e2e::post("membership", "/v1/members/" + id(3) + "/withdraw", json::object(), staff).status,
      422);
  auto withdrew = e2e::post("membership", "/v1/members/" + id(3) + "/withdraw",
                            {{"reason", "moved to Lyon"}}, staff);
  ASSERT_EQ(withdrew.status, 200) << withdrew.body;
  EXPECT_EQ(body_of(withdrew)["status"], "withdrawn");
  auto closing = e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                           {{"action", "complete"}}, staff);
  EXPECT_EQ(body_of(closing)["changed"], 11);
  EXPECT_EQ(
      e2e::post("membership", "/v1/members/" + id(3) + "/complete", json::object(), staff).status,
      409);
}

TEST(Membership, ConsentContactExportAndAnonymisationAfterTheRetentionDelay) {
  const auto staff = e2e::token("secretariat", "staff-privacy");
  const auto assembly_id = fresh("mpriv");
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies",
                      {{"id", assembly_id},
                       {"name", "Past cohort"},
                       {"mandate_start", "2020-01-01"},
                       {"mandate_end", "2020-12-31"},
                       {"retention_days", 30}},
                      staff)
                .status,
            201);
  EXPECT_EQ(
      e2e::post("membership", "/v1/assemblies", {{"id", assembly_id}, {"name", "again"}}, staff)
          .status,
      409);
  auto members = e2e::panel_members(assembly_id, 4, staff);
  const std::string me = members[0]["id"];
  const auto my_token = e2e::token("member", me);

  auto consent = e2e::post("membership", "/v1/members/" + me + "/consents",
                           {{"purpose", "participation"},
                            {"text_version", "2022-v2"},
                            {"given", true},
                            {"given_on", "2022-10-03"},
                            {"channel", "web"}},
                           my_token);
  ASSERT_EQ(consent.status, 201) << consent.body;
  auto bad = e2e::post("membership", "/v1/members/" + me + "/consents",
                       {{"purpose", "participation"},
                        {"text_version", "2022-v2"},
                        {"given", true},
                        {"given_on", "2022-10-03"},
                        {"channel", "pigeon"}},
                       my_token);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(body_of(bad)["field"], "/channel");
  EXPECT_EQ(e2e::put("membership", "/v1/members/" + me + "/contact",
                     {{"preferred_channel", "email"}, {"phone", "0600000000"}}, my_token)
                .status,
            422)
      << "reached by e-mail needs an e-mail";
  auto contact = e2e::put("membership", "/v1/members/" + me + "/contact",
                          {{"name", "Camille Martin"},
                           {"email", "camille@example.org"},
                           {"preferred_channel", "email"}},
                          my_token);
  ASSERT_EQ(contact.status, 200) << contact.body;
  EXPECT_EQ(body_of(contact)["email"], "camille@example.org");
  EXPECT_EQ(e2e::get("membership", "/v1/members/" + me + "/contact",
                     e2e::token("member", members[1]["id"]))
                .status,
            403);

  // A staff read of the contact details is written to the member's history.
  ASSERT_EQ(e2e::get("membership", "/v1/members/" + me + "/contact", staff).status, 200);
  auto history =
      body_of(e2e::get("membership", "/v1/members/" + me + "/history", my_token))["items"];
  EXPECT_EQ(history.back()["change"], "personal-data-read");
  EXPECT_EQ(history.back()["actor"], e2e::subject_of(staff));

  auto exported = e2e::get("membership", "/v1/members/" + me + "/export", my_token);
  ASSERT_EQ(exported.status, 200);
  auto x = body_of(exported);
  EXPECT_EQ(x["member"]["id"], me);
  EXPECT_EQ(x["contact"]["name"], "Camille Martin");
  EXPECT_EQ(x["consents"].size(), 1u);
  EXPECT_GE(x["history"].size(), 2u);

  // The mandate ended in 2020 and 30 days passed: the personal data goes, the counts stay.
  auto anonymised = e2e::post("membership", "/v1/assemblies/" + assembly_id + "/anonymisation",
                              json::object(), staff);
  ASSERT_EQ(anonymised.status, 200) << anonymised.body;
  EXPECT_EQ(body_of(anonymised)["members_anonymised"], 4);
  EXPECT_EQ(e2e::post("membership", "/v1/assemblies/" + assembly_id + "/anonymisation",
                      json::object(), staff)
                .status,
            409);
  EXPECT_EQ(e2e::get("membership", "/v1/members/" + me + "/contact", my_token).status, 404);
  auto after = members_of(assembly_id, staff);
  EXPECT_EQ(after.size(), 4u);
  for (const auto& m : after) {
    EXPECT_TRUE(m["person_id"].is_null());
    EXPECT_EQ(m["attributes"], json::object());
  }
  auto a = body_of(e2e::get("membership", "/v1/assemblies/" + assembly_id, staff));
  EXPECT_FALSE(a["anonymised_at"].is_null());
  EXPECT_EQ(a["members_by_status"]["selected"], 4);

  // An assembly whose mandate has not ended keeps its data.
  const auto current = fresh("mcur");
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies",
                      {{"id", current}, {"name", "Current"}, {"mandate_end", "2099-01-01"}}, staff)
                .status,
            201);
  EXPECT_EQ(
      e2e::post("membership", "/v1/assemblies/" + current + "/anonymisation", json::object(), staff)
          .status,
      409);
}

TEST(Membership, ParticipationFromAttendanceRecordedWithCorrectionsAndTheAtRiskList) {
  const auto staff = e2e::token("secretariat");
  const auto assembly_id = fresh("matt");
  auto members = e2e::panel_members(assembly_id, 3, staff);
  ASSERT_NO_FATAL_FAILURE(seat(assembly_id, members, staff));
  const std::string a = members[0]["id"], b = members[1]["id"];

  assembly::events::Producer producer(
      assembly::itest::producer_options("membership-attendance-test"));
  auto send = [&](const std::string& session, const std::string& member, const std::string& type,
                  const std::string& status, const std::string& day, unsigned revision) {
    assembly::workshops::v1::AttendanceRecorded e;
    e.set_session_id(session + "-" + assembly_id);
    e.set_workshop_id("w-" + assembly_id);
    e.set_assembly_id(assembly_id);
    e.set_member_id(member);
    e.set_session_type(type);
    e.set_status(status);
    e.set_held_at("2022-" + day + "T18:00:00Z");
    e.set_revision(revision);
    ASSERT_EQ(producer.produce_sync(
                  "assembly.workshops.v1", e.session_id(),
                  assembly::events::wrap(e, e.session_id(), "workshops").SerializeAsString(), {}),
              "");
  };
  // Member a: present at the first hearing, then absent three times. Member b: the same, but the
  // last absence is corrected to excused (revision 2), and a late revision-1 record changes
  // nothing.
  send("s1", a, "hearing", "present", "01-10", 1);
  send("s2", a, "working-session", "absent", "01-17", 1);
  send("s3", a, "site-visit", "absent", "01-24", 1);
  send("s4", a, "working-session", "absent", "02-01", 1);
  send("s1", b, "hearing", "present", "01-10", 1);
  send("s2", b, "working-session", "absent", "01-17", 1);
  send("s3", b, "site-visit", "absent", "01-24", 1);
  send("s4", b, "working-session", "excused", "02-01", 2);
  send("s4", b, "working-session", "absent", "02-01", 1);

  json p;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("membership", "/v1/assemblies/" + assembly_id + "/participation", staff);
        if (r.status != 200) return false;
        p = body_of(r);
        int n = 0;
        for (const auto& i : p["items"]) n += i["overall"]["sessions"].get<int>();
        return n == 8;
      },
      std::chrono::seconds(60)))
      << p.dump();
  ASSERT_EQ(p["at_risk"].size(), 1u) << p.dump();
  EXPECT_EQ(p["at_risk"][0]["member_id"], a);
  auto mine = body_of(
      e2e::get("membership", "/v1/members/" + b + "/participation", e2e::token("member", b)));
  EXPECT_EQ(mine["overall"]["excused"], 1) << "the correction won over the late older record";
  EXPECT_DOUBLE_EQ(mine["overall"]["rate"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(mine["by_type"]["hearing"]["rate"].get<double>(), 1.0);
  EXPECT_FALSE(mine["at_risk"].get<bool>());
  EXPECT_EQ(body_of(e2e::get("membership",
                             "/v1/assemblies/" + assembly_id + "/participation?absences_in_a_row=4",
                             staff))["at_risk"]
                .size(),
            0u);
  EXPECT_EQ(e2e::get("membership",
                     "/v1/assemblies/" + assembly_id + "/participation?absences_in_a_row=x", staff)
                .status,
            400);
  EXPECT_EQ(
      e2e::get("membership", "/v1/members/" + a + "/participation", e2e::token("member", b)).status,
      403);
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto m = e2e::metrics("membership");
        return m.find("membership_members_at_risk{assembly=\"" + assembly_id + "\"} 1") !=
                   std::string::npos &&
               m.find("membership_attendance_rate{assembly=\"" + assembly_id) != std::string::npos;
      },
      std::chrono::seconds(60)));
}

TEST(Membership, TheEvaluationIsAnsweredOnceAnonymouslyAndPublishedWhenClosed) {
  const auto staff = e2e::token("secretariat");
  const auto assembly_id = fresh("meval");
  auto members = e2e::panel_members(assembly_id, 3, staff);
  ASSERT_NO_FATAL_FAILURE(seat(assembly_id, {members[0], members[1]}, staff));

  auto created = e2e::post("membership", "/v1/assemblies/" + assembly_id + "/evaluations",
                           {{"title", "Évaluation du mandat"},
                            {"questions",
                             {{{"id", "overall"},
                               {"text", "Votre mandat ?"},
                               {"kind", "rating"},
                               {"min", 1},
                               {"max", 5}},
                              {{"id", "comments"}, {"text", "Un mot ?"}, {"kind", "text"}}}}},
                           staff);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string ev = body_of(created)["id"];
  auto answer = [&](int i, const json& answers) {
    return e2e::post("membership", "/v1/evaluations/" + ev + "/responses", {{"answers", answers}},
                     e2e::token("member", members[i]["id"]));
  };
  EXPECT_EQ(answer(0, {{"overall", 5}}).status, 409) << "not open yet";
  ASSERT_EQ(
      e2e::post("membership", "/v1/evaluations/" + ev + "/open", json::object(), staff).status,
      200);
  EXPECT_EQ(e2e::get("membership", "/v1/evaluations/" + ev + "/results").status, 409)
      << "published once closed";
  EXPECT_EQ(answer(0, {{"overall", 9}}).status, 422);
  ASSERT_EQ(answer(0, {{"overall", 5}, {"comments", "Une expérience forte"}}).status, 201);
  EXPECT_EQ(answer(0, {{"overall", 1}}).status, 409) << "once";
  ASSERT_EQ(answer(1, {{"overall", 4}}).status, 201);
  EXPECT_EQ(answer(2, {{"overall", 3}}).status, 403)
      << "a member who never took their seat does not answer";
  EXPECT_EQ(e2e::post("membership", "/v1/evaluations/" + ev + "/responses",
                      {{"answers", {{"overall", 3}}}}, staff)
                .status,
            403);
  ASSERT_EQ(
      e2e::post("membership", "/v1/evaluations/" + ev + "/close", json::object(), staff).status,
      200);
  EXPECT_EQ(answer(1, {{"overall", 2}}).status, 409);

  auto results = e2e::get("membership", "/v1/evaluations/" + ev + "/results");
  ASSERT_EQ(results.status, 200) << results.body;
  auto r = body_of(results);
  EXPECT_EQ(r["responses"], 2);
  EXPECT_EQ(r["questions"][0]["count"], 2);
  EXPECT_DOUBLE_EQ(r["questions"][0]["mean"].get<double>(), 4.5);
  EXPECT_EQ(r["questions"][0]["distribution"]["5"], 1);
  EXPECT_EQ(r["questions"][1]["texts"], json::parse(R"(["Une expérience forte"])"));
  for (const auto& m : members)
    EXPECT_EQ(results.body.find(std::string(m["id"])), std::string::npos) << "no member id";
}

// A member finds their assembly's questionnaires (the members' space lists them) and whether they
// have answered each; the secretariat's list says nothing of who answered.
TEST(Membership, AMemberListsTheAssemblysEvaluationsAndWhetherTheyAnswered) {
  const auto staff = e2e::token("secretariat");
  const auto assembly_id = fresh("mevlist");
  auto members = e2e::panel_members(assembly_id, 2, staff);
  ASSERT_NO_FATAL_FAILURE(seat(assembly_id, {members[0], members[1]}, staff));
  const std::string path = "/v1/assemblies/" + assembly_id + "/evaluations";
  auto created = e2e::post(
      "membership", path,
      {{"title", "Bilan"},
       {"questions",
        {{{"id", "overall"}, {"text", "?"}, {"kind", "rating"}, {"min", 1}, {"max", 5}}}}},
      staff);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string ev = body_of(created)["id"];
  ASSERT_EQ(
      e2e::post("membership", "/v1/evaluations/" + ev + "/open", json::object(), staff).status,
      200);
  const auto mine = e2e::token("member", members[0]["id"]);
  auto listed = e2e::get("membership", path, mine);
  ASSERT_EQ(listed.status, 200) << listed.body;
  auto items = body_of(listed)["items"];
  ASSERT_EQ(items.size(), 1u) << listed.body;
  EXPECT_EQ(items[0]["id"], ev);
  EXPECT_EQ(items[0]["state"], "open");
  EXPECT_EQ(items[0]["questions"][0]["id"], "overall");
  EXPECT_EQ(items[0]["answered"], false);
  ASSERT_EQ(e2e::post("membership", "/v1/evaluations/" + ev + "/responses",
                      {{"answers", {{"overall", 4}}}}, mine)
                .status,
            201);
  EXPECT_EQ(body_of(e2e::get("membership", path, mine))["items"][0]["answered"], true);
  EXPECT_EQ(body_of(e2e::get("membership", path,
                             e2e::token("member", members[1]["id"])))["items"][0]["answered"],
            false)
      << "another member's answer is not theirs";
  auto staff_view = body_of(e2e::get("membership", path, staff))["items"][0];
  EXPECT_EQ(staff_view["responses"], 1);
  EXPECT_FALSE(staff_view.contains("answered"));
  EXPECT_EQ(e2e::get("membership", "/v1/assemblies/nowhere-" + assembly_id + "/evaluations", staff)
                .status,
            404);
  EXPECT_EQ(e2e::get("membership", path).status, 401);
}

// A membership process of its own, on a throw-away schema the test can read: contact details are
// sealed at rest, and the background task anonymises an assembly past its retention by itself.
TEST(MembershipOwnProcess, ContactDetailsAreSealedAtRestAndTheBackgroundTaskAnonymises) {
  assembly::itest::TempSchema schema("members");
  const std::string topic = assembly::itest::create_topic("membership-own", 1);
  {
    assembly::itest::ServiceProcess service(
        MEMBERSHIP_BINARY, assembly::itest::free_port(),
        {{"PG_SCHEMA", schema.name()},
         {"PII_KEY_FILE", assembly::itest::env("ROOT") + "/var/secrets/pii-membership.key"},
         {"CONSUMER_GROUP", "membership-" + schema.name()},
         {"PUBLISH_TOPIC", topic},
         {"ANONYMISE_CHECK_SECONDS", "1"},
         {"LOG_LEVEL", "error"}});
    ASSERT_TRUE(service.wait_ready(60)) << "membership did not get ready";
    const auto staff = e2e::token("secretariat", "staff-own");
    auto call = [&](const std::string& method, const std::string& path, const json& body,
                    const std::string& bearer) {
      return assembly::itest::http(
          method, service.url() + path, body.is_null() ? "" : body.dump(),
          {{"Authorization", "Bearer " + bearer}, {"Content-Type", "application/json"}});
    };
    const auto assembly_id = fresh("mown");
    // The mandate ends today: not due yet (retention 0 days means "after today").
    const auto today = assembly::core::utc_today();
    ASSERT_EQ(
        call("POST", "/v1/assemblies",
             {{"id", assembly_id}, {"name", "own"}, {"mandate_end", today}, {"retention_days", 0}},
             staff)
            .status,
        201);

    assembly::sortition::v1::PanelSelected panel;
    panel.set_draw_id("draw-" + assembly_id);
    panel.set_assembly_id(assembly_id);
    auto* p = panel.add_members();
    p->set_person_id(assembly_id + "-p0");
    p->set_pool("roll");
    assembly::events::Producer producer(assembly::itest::producer_options("membership-own-test"));
    ASSERT_EQ(
        producer.produce_sync(
            "assembly.sortition.v1", panel.draw_id(),
            assembly::events::wrap(panel, panel.draw_id(), "sortition").SerializeAsString(), {}),
        "");
    json members;
    ASSERT_TRUE(e2e::eventually(
        [&] {
          auto r = call("GET", "/v1/members?assembly_id=" + assembly_id, json(), staff);
          return r.status == 200 && (members = body_of(r)["items"]).size() == 1;
        },
        std::chrono::seconds(90)));
    const std::string me = members[0]["id"];
    auto contact = call("PUT", "/v1/members/" + me + "/contact",
                        {{"name", "Dominique Sealed"},
                         {"email", "dominique.sealed@example.org"},
                         {"phone", "0611223344"},
                         {"preferred_channel", "sms"}},
                        e2e::token("member", me));
    ASSERT_EQ(contact.status, 200) << contact.body;

    pqxx::connection c(assembly::itest::pg_conninfo());
    pqxx::work tx(c);
    auto row = tx.exec1("SELECT encode(sealed, 'escape') FROM " + schema.name() +
                        ".contacts WHERE member_id = " + tx.quote(me));
    auto at_rest = row[0].as<std::string>();
    EXPECT_EQ(at_rest.find("Dominique"), std::string::npos);
    EXPECT_EQ(at_rest.find("example.org"), std::string::npos);
    EXPECT_EQ(at_rest.find("0611223344"), std::string::npos);
    tx.commit();

    // Moving the mandate's end into the past makes it due: the background task anonymises it.
    pqxx::work move(c);
    move.exec(
        "UPDATE " + schema.name() +
        ".assemblies SET mandate_end = current_date - 1 WHERE id = " + move.quote(assembly_id));
    move.commit();
    EXPECT_TRUE(e2e::eventually(
        [&] {
          auto r = call("GET", "/v1/assemblies/" + assembly_id, json(), staff);
          return r.status == 200 && !body_of(r)["anonymised_at"].is_null();
        },
        std::chrono::seconds(30)))
        << "anonymised by the background task";
    pqxx::work check(c);
    EXPECT_EQ(check.exec1("SELECT count(*) FROM " + schema.name() + ".contacts")[0].as<int>(), 0);
    EXPECT_EQ(
        check.exec1("SELECT count(*) FROM " + schema.name() + ".members WHERE person_id IS NULL")[0]
            .as<int>(),
        1);
  }
  assembly::itest::delete_topic(topic);
}

// The members' list is served again from the pages it built (the same page, one small query)
// only while nothing was written to the assembly's members: every write shows at the next read,
// whatever wrote it (a route, a bulk action, an event), and pages of other assemblies or other
// filters are not mixed up.
TEST(Membership, TheMembersListIsNeverStaleAfterAWrite) {
  const auto staff = e2e::token("secretariat", "staff-list-fresh");
  const auto assembly_id = fresh("mlist");
  auto members = e2e::panel_members(assembly_id, 6, staff);
  ASSERT_EQ(members.size(), 6u);
  const auto path = "/v1/members?assembly_id=" + assembly_id;
  auto page = [&](const std::string& query = "") {
    auto r = e2e::get("membership", path + query, staff);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body)["items"];
  };
  auto statuses = [&](const json& items) {
    std::map<std::string, std::string> out;
    for (const auto& m : items) out[m["id"]] = m["status"];
    return out;
  };
  const auto first = page();
  EXPECT_EQ(page(), first) << "read twice: the same page";
  const std::string one = members[0]["id"];

  // A bulk action: every member invited, shown at once.
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                      {{"action", "invite"}}, staff)
                .status,
            200);
  for (const auto& [id, status] : statuses(page())) EXPECT_EQ(status, "invited") << id;
  // One member's own action, on the same page and on a filtered one.
  EXPECT_EQ(page("&status=confirmed").size(), 0u);
  ASSERT_EQ(
      e2e::post("membership", "/v1/members/" + one + "/confirm", json::object(), staff).status,
      200);
  EXPECT_EQ(statuses(page())[one], "confirmed");
  auto confirmed = page("&status=confirmed");
  ASSERT_EQ(confirmed.size(), 1u);
  EXPECT_EQ(confirmed[0]["id"], one);
  EXPECT_EQ(page("&status=invited").size(), 5u);
  // A smaller page, then a write, then the same smaller page again.
  const auto two = page("&limit=2");
  ASSERT_EQ(two.size(), 2u);
  ASSERT_EQ(e2e::post("membership", "/v1/members/" + std::string(two[1]["id"]) + "/decline",
                      {{"reason", "no time"}}, staff)
                .status,
            200);
  EXPECT_EQ(page("&limit=2")[1]["status"], "declined");
  // Another assembly's list is its own.
  const auto other = fresh("mlist-other");
  const auto theirs = e2e::panel_members(other, 3, staff);
  ASSERT_EQ(theirs.size(), 3u);
  const auto ours = statuses(page());
  for (const auto& m : theirs) EXPECT_EQ(ours.count(m["id"]), 0u);
  auto listed = e2e::get("membership", "/v1/members?assembly_id=" + other, staff);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(json::parse(listed.body)["items"], theirs);
}
