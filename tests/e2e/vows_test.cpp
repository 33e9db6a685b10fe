// The vœux citoyens over the real services and Kafka: the motion's text drafted together in
// co-construction sessions (versions proposed by a member, a department and a representative of
// the elected officials, compared), approved unanimously by the workshop (the text frozen), then at
// the last plenary presented, debated (speakers by role, named only when they agreed) and voted,
// the plenary named; the events carry no names.
#include <gtest/gtest.h>

#include <ctime>

#include "../integration/support.h"
#include "assembly/core/time.h"
#include "assembly/testing/http_client.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using e2e::body_of;
using nlohmann::json;

namespace {

std::string in_an_hour() {
  return assembly::core::utc_time(std::time(nullptr) + 3600);
}

// The records on the recommendations topic whose key is `key` and which hold `text`.
int records_with(const std::string& key, const std::string& text) {
  const auto brokers = assembly::itest::kafka_brokers();
  const auto topic = "assembly.recommendations.v1";
  const auto size = itest_support::topic_size(brokers, topic, 6);
  int n = 0;
  for (const auto& r : itest_support::read_topic(brokers, topic, static_cast<std::size_t>(size),
                                                 std::chrono::seconds(30)))
    n += r.key == key && r.value.find(text) != std::string::npos;
  return n;
}

// Whether the motion's public record comes to show `status` (public answers are cached a moment).
bool motion_becomes(const std::string& motion, const std::string& status) {
  return e2e::eventually(
      [&] {
        return body_of(e2e::get("recommendations", "/v1/motions/" + motion))["status"] == status;
      },
      std::chrono::seconds(10));
}

// A session in workshops: a plenary of the assembly, or a co-construction session of a workshop.
json session(const json& where, const std::string& type, const std::string& title,
             const std::string& staff) {
  json body = {{"type", type},
               {"title", title},
               {"starts_at", "2023-03-11T09:00:00Z"},
               {"ends_at", "2023-03-11T17:00:00Z"},
               {"place", "Hôtel de Ville"}};
  body.update(where);
  auto r = e2e::post("workshops", "/v1/sessions", body, staff);
  if (r.status != 201) throw std::runtime_error("session: " + r.body);
  return body_of(r);
}

}  // namespace

TEST(Vows, DraftedTogetherApprovedByTheWorkshopThenDebatedAndVotedAtTheLastPlenary) {
  const auto staff = e2e::token("secretariat", "staff-vows");
  auto a = e2e::seat_six("vows", staff);
  json motions;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return (motions = body_of(e2e::get("recommendations",
                                           "/v1/motions?assembly_id=" + a.assembly_id))["items"])
                   .size() == 3;
      },
      std::chrono::seconds(60)));
  const std::string motion = motions[0]["id"], theme = motions[0]["theme"];
  json author, outsider;
  std::vector<std::string> workshop_members;
  for (const auto& m : a.members) {
    if (m["workshop_theme"] == theme) {
      workshop_members.push_back(m["id"]);
      author = m;
    } else {
      outsider = m;
    }
  }
  ASSERT_GE(workshop_members.size(), 1u);
  ASSERT_FALSE(outsider.is_null());
  const std::string author_id = author["id"];
  const std::string cocon = session({{"workshop_id", motions[0]["workshop_id"]}}, "co-construction",
                                    "Co-construction avec la DAC", staff)["id"];
  const std::string plenary =
      session({{"assembly_id", a.assembly_id}}, "plenary", "Plénière du 11 mars", staff)["id"];
  const std::string versions = "/v1/motions/" + motion + "/versions";

  // Versions proposed in the co-construction session: a member of the workshop (as themself), the
  // city's department, a representative of the elected officials.
  auto propose = [&](const json& by, const std::string& text, const std::string& bearer) {
    return e2e::post("recommendations", versions,
                     {{"title", "Vœu pour un plan lecture"},
                      {"text", text},
                      {"session_id", cocon},
                      {"proposed_by", by},
                      {"note", "proposé en séance"}},
                     bearer);
  };
  const std::string v1 = "Ouvrir les bibliothèques le dimanche.\n";
  const std::string v2 = v1 + "Un club de lecture par arrondissement.\n";
  const std::string v3 = v2 + "Un bilan annuel au Conseil de Paris.\n";
  auto first =
      propose({{"kind", "member"}, {"member_id", author_id}}, v1, e2e::token("member", author_id));
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(body_of(first)["version"], 1);
  EXPECT_EQ(propose({{"kind", "member"}, {"member_id", outsider["id"]}}, v1,
                    e2e::token("member", author_id))
                .status,
            403)
      << "a member proposes as themself";
  EXPECT_EQ(propose({{"kind", "member"}, {"member_id", outsider["id"]}}, v1,
                    e2e::token("member", outsider["id"]))
                .status,
            422)
      << "a member of another workshop";
  auto bad = e2e::post("recommendations", versions,
                       {{"title", "t"},
                        {"text", "x"},
                        {"proposed_by", {{"kind", "department"}, {"member_id", author_id}}}},
                       staff);
  ASSERT_EQ(bad.status, 422) << bad.body;
  for (const char* field : {"/session_id", "/proposed_by/member_id", "/proposed_by/organisation"})
    EXPECT_NE(bad.body.find(field), std::string::npos) << field << " in " << bad.body;
  ASSERT_EQ(
      propose({{"kind", "department"}, {"organisation", "Direction des affaires culturelles"}}, v2,
              staff)
          .status,
      201);
  auto third = propose(
      {{"kind", "elected-representative"}, {"organisation", "Cabinet de l'adjointe à la culture"}},
      v3, staff);
  ASSERT_EQ(third.status, 201) << third.body;
  EXPECT_EQ(body_of(third)["version"], 3);

  auto listed = body_of(e2e::get("recommendations", versions))["items"];
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0]["proposed_by"]["kind"], "member");
  EXPECT_EQ(listed[0]["proposed_by"]["member_id"], author_id);
  EXPECT_EQ(listed[0]["session_id"], cocon);
  EXPECT_EQ(listed[1]["proposed_by"]["kind"], "department");
  EXPECT_EQ(listed[1]["proposed_by"]["organisation"], "Direction des affaires culturelles");
  EXPECT_TRUE(listed[1]["proposed_by"]["member_id"].is_null());
  EXPECT_EQ(listed[2]["proposed_by"]["kind"], "elected-representative");
  EXPECT_EQ(listed[2]["text"], v3);
  EXPECT_EQ(
      body_of(
          e2e::get("recommendations", "/v1/motions/" + motion + "/diff?from=1&to=3"))["unified"],
      "  Ouvrir les bibliothèques le dimanche.\n+ Un club de lecture par arrondissement.\n+ Un "
      "bilan annuel au Conseil de Paris.\n");
  auto current = body_of(e2e::get("recommendations", "/v1/motions/" + motion));
  EXPECT_EQ(current["version"], 3) << "the current text is the last version";
  EXPECT_EQ(current["status"], "drafting");

  // Nothing of the debate before the text is final.
  const std::string path = "/v1/motions/" + motion + "/debate";
  json debate = {{"plenary_session_id", plenary},
                 {"presentation",
                  {{"summary", "Le groupe présente son vœu pour un plan lecture."},
                   {"speakers",
                    {{{"role", "spokesperson"}, {"name", "Awa Diallo"}, {"name_consent", true}},
                     {{"role", "member"}}}}}},
                 {"interventions",
                  {{{"role", "elected-representative"},
                    {"summary", "Le cabinet soutient le vœu."},
                    {"name", "Jean Dupont"},
                    {"name_consent", true}},
                   {{"role", "department"},
                    {"summary", "La DAC estime le coût à 1,2 M€."},
                    {"name", "Claire Petit"},
                    {"name_consent", false}},
                   {{"role", "public"}, {"summary", "Et le dimanche ?"}}}},
                 {"summary", "Débat nourri ; le vœu est soutenu."}};
  debate["interventions"][1].erase("name");
  auto early = e2e::put("recommendations", path, debate, staff);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(body_of(early)["status"], "drafting");

  // The workshop's ballot: its own, unanimity of the votes cast, on the last version.
  json workshop_ballot = {{"assembly_id", a.assembly_id},
                          {"workshop", theme},
                          {"motion_id", motion},
                          {"question", "L'atelier approuve-t-il le vœu ?"},
                          {"rule", "simple-majority"},
                          {"quorum", 0.5},
                          {"secret", false},
                          {"closes_at", in_an_hour()}};
  auto wrong_rule = e2e::post("recommendations", "/v1/ballots", workshop_ballot, staff);
  EXPECT_EQ(wrong_rule.status, 422);
  EXPECT_NE(wrong_rule.body.find("/rule"), std::string::npos) << wrong_rule.body;
  workshop_ballot["rule"] = "unanimity-of-votes-cast";
  workshop_ballot["workshop"] = outsider["workshop_theme"];
  EXPECT_EQ(e2e::post("recommendations", "/v1/ballots", workshop_ballot, staff).status, 422)
      << "another workshop's ballot";
  workshop_ballot["workshop"] = theme;
  auto opened = e2e::post("recommendations", "/v1/ballots", workshop_ballot, staff);
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(body_of(opened)["motion_version"], 3);
  EXPECT_EQ(body_of(opened)["electorate"], static_cast<int>(workshop_members.size()));
  const std::string wb = body_of(opened)["id"];
  EXPECT_EQ(propose({{"kind", "secretariat"}}, v3 + "Encore.\n", staff).status, 409)
      << "no new version while the workshop votes";
  for (std::size_t i = 0; i < workshop_members.size(); ++i)
    ASSERT_EQ(e2e::post("recommendations", "/v1/ballots/" + wb + "/votes",
                        {{"choice", i == 0 && workshop_members.size() > 1 ? "abstain" : "for"}},
                        e2e::token("member", workshop_members[i]))
                  .status,
              200);
  auto closed = e2e::post("recommendations", "/v1/ballots/" + wb + "/close", json::object(), staff);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(body_of(closed)["result"]["outcome"], "adopted") << "an abstention does not break it";
  EXPECT_TRUE(motion_becomes(motion, "approved-by-workshop"));
  auto frozen = propose({{"kind", "secretariat"}}, v3 + "Encore.\n", staff);
  EXPECT_EQ(frozen.status, 409) << "the text is frozen";
  EXPECT_EQ(body_of(frozen)["status"], "approved-by-workshop");
  EXPECT_EQ(e2e::put("recommendations", "/v1/motions/" + motion,
                     {{"title", "Autre"}, {"text", "Autre"}}, staff)
                .status,
            409);

  // The last plenary: the group presents its motion, the debate, recorded by role; names only
  // with consent, every fault named at once.
  EXPECT_EQ(e2e::get("recommendations", path).status, 404) << "no debate recorded yet";
  json wrong = debate;
  wrong["interventions"][1]["role"] = "mayor";
  wrong["interventions"][2]["name"] = "Pierre Martin";
  auto refused = e2e::put("recommendations", path, wrong, staff);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("/interventions/1/role"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("/interventions/2/name"), std::string::npos) << refused.body;
  wrong = debate;
  wrong["interventions"][1]["name"] = "Claire Petit";  // name_consent: false
  EXPECT_EQ(e2e::put("recommendations", path, wrong, staff).status, 422);
  EXPECT_EQ(e2e::get("recommendations", path).status, 404) << "nothing recorded";
  EXPECT_EQ(e2e::put("recommendations", path, debate, e2e::token("member", author_id)).status, 403)
      << "the secretariat records the debate";
  ASSERT_EQ(e2e::put("recommendations", path, debate, staff).status, 200);

  auto read = e2e::get("recommendations", path);
  ASSERT_EQ(read.status, 200) << read.body;
  auto d = body_of(read);
  EXPECT_EQ(d["plenary_session_id"], plenary);
  EXPECT_EQ(d["presentation"]["summary"], "Le groupe présente son vœu pour un plan lecture.");
  ASSERT_EQ(d["presentation"]["speakers"].size(), 2u);
  EXPECT_EQ(d["presentation"]["speakers"][0]["name"], "Awa Diallo");
  EXPECT_TRUE(d["presentation"]["speakers"][1]["name"].is_null());
  ASSERT_EQ(d["interventions"].size(), 3u);
  EXPECT_EQ(d["interventions"][0]["role"], "elected-representative");
  EXPECT_EQ(d["interventions"][0]["name"], "Jean Dupont");
  EXPECT_EQ(d["interventions"][1]["role"], "department");
  EXPECT_TRUE(d["interventions"][1]["name"].is_null());
  EXPECT_EQ(d["interventions"][2]["role"], "public");
  EXPECT_EQ(d["summary"], "Débat nourri ; le vœu est soutenu.");
  debate["interventions"].erase(2);  // corrected: the whole record replaced
  ASSERT_EQ(e2e::put("recommendations", path, debate, staff).status, 200);
  EXPECT_EQ(body_of(e2e::get("recommendations", path))["interventions"].size(), 2u);

  // Then the vote, the plenary named.
  auto vote = e2e::post("recommendations", "/v1/ballots",
                        {{"assembly_id", a.assembly_id},
                         {"motion_id", motion},
                         {"plenary_session_id", plenary},
                         {"question", "L'Assemblée adopte-t-elle le vœu ?"},
                         {"rule", "unanimity-of-votes-cast"},
                         {"quorum", 0.5},
                         {"secret", false},
                         {"closes_at", in_an_hour()}},
                        staff);
  ASSERT_EQ(vote.status, 201) << vote.body;
  const std::string pb = body_of(vote)["id"];
  for (const auto& m : a.members)
    ASSERT_EQ(e2e::post("recommendations", "/v1/ballots/" + pb + "/votes", {{"choice", "for"}},
                        e2e::token("member", m["id"]))
                  .status,
              200);
  ASSERT_EQ(
      e2e::post("recommendations", "/v1/ballots/" + pb + "/close", json::object(), staff).status,
      200);
  EXPECT_EQ(
      body_of(e2e::get("recommendations", "/v1/ballots/" + pb + "/results"))["plenary_session_id"],
      plenary);
  EXPECT_TRUE(motion_becomes(motion, "voted"));
  // The plenary's page, in workshops, learns the vœu adopted there from MotionAdopted.
  EXPECT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("workshops", "/v1/sessions/" + plenary + "/decisions");
        if (r.status != 200) return false;
        const auto items = body_of(r)["items"];
        for (const auto& d : items)
          if (d["kind"] == "motion" && d["ref_id"] == motion && d["outcome"] == "adopted" &&
              d["source"] == "recommendations")
            return true;
        return false;
      },
      std::chrono::seconds(60)))
      << "the plenary's page lists the vœu adopted there";

  // The events: three versions by kind and organisation, the workshop's approval, the debate by
  // role, the adoption with its plenary; no name and no member id in them.
  EXPECT_TRUE(e2e::eventually(
      [&] {
        return records_with(motion, "MotionVersionProposed") == 3 &&
               records_with(motion, "Direction des affaires culturelles") == 1 &&
               records_with(motion, "MotionApprovedByWorkshop") == 1 &&
               records_with(motion, "La DAC estime le co") == 2 &&
               records_with(motion, plenary) == 3;  // MotionDebated twice, MotionAdopted
      },
      std::chrono::seconds(60)))
      << "the events on the topic";
  EXPECT_EQ(records_with(motion, author_id), 0) << "no member named in the events";
  EXPECT_EQ(records_with(motion, "Jean Dupont"), 0);
  EXPECT_EQ(records_with(motion, "Awa Diallo"), 0);
}
