// The vœux citoyens at the last plenary, over the real services and Kafka: each
// group presents its motion and a debate follows, recorded beside the vote by
// the secretariat; speakers by role, named only when they agreed; public to
// read; MotionDebated on the topic carries no name.
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

// The assembly's records on the recommendations topic whose key is `key` and
// which hold `text`.
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

json session(const std::string& assembly_id, const std::string& type, const std::string& title,
             const std::string& staff) {
  auto r = e2e::post("workshops", "/v1/sessions",
                     {{"type", type},
                      {"assembly_id", assembly_id},
                      {"title", title},
                      {"starts_at", "2023-03-11T09:00:00Z"},
                      {"ends_at", "2023-03-11T17:00:00Z"},
                      {"place", "Hôtel de Ville"}},
                     staff);
  if (r.status != 201) throw std::runtime_error("session: " + r.body);
  return body_of(r);
}

}  // namespace

TEST(Vows, TheDebateAtTheLastPlenaryIsRecordedByRoleWithNamesOnlyByConsent) {
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
  const std::string motion = motions[0]["id"];
  const std::string plenary = session(a.assembly_id, "plenary", "Plénière du 11 mars", staff)["id"];
  const std::string path = "/v1/motions/" + motion + "/debate";

  EXPECT_EQ(e2e::get("recommendations", path).status, 404) << "no debate recorded yet";
  json debate = {
      {"plenary_session_id", plenary},
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
        {{"role", "mayor"}, {"summary", "?"}},
        {{"role", "public"}, {"summary", "Et le dimanche ?"}, {"name", "Pierre Martin"}}}},
      {"summary", "Débat nourri ; le vœu est soutenu."}};
  // Every fault at once: an unknown role, a name given without consent.
  auto bad = e2e::put("recommendations", path, debate, staff);
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("/interventions/1/role"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("/interventions/2/name"), std::string::npos) << bad.body;
  EXPECT_EQ(e2e::get("recommendations", path).status, 404) << "nothing recorded";

  debate["interventions"][1] = {{"role", "department"},
                                {"summary", "La DAC estime le coût à 1,2 M€."},
                                {"name", "Claire Petit"},
                                {"name_consent", false}};
  EXPECT_EQ(e2e::put("recommendations", path, debate, staff).status, 422)
      << "consent false: still no name";
  debate["interventions"][1].erase("name");
  debate["interventions"][2]["name_consent"] = false;
  debate["interventions"][2].erase("name");
  EXPECT_EQ(e2e::put("recommendations", path, debate,
                     e2e::token("member", a.members[0]["id"].get<std::string>()))
                .status,
            403)
      << "the secretariat records the debate";
  auto recorded = e2e::put("recommendations", path, debate, staff);
  ASSERT_EQ(recorded.status, 200) << recorded.body;

  // Public: speakers by role, names only where they agreed.
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

  // Corrected: the whole debate is replaced.
  debate["interventions"].erase(2);
  ASSERT_EQ(e2e::put("recommendations", path, debate, staff).status, 200);
  EXPECT_EQ(body_of(e2e::get("recommendations", path))["interventions"].size(), 2u);

  // MotionDebated on the topic, by role: the consented names stay out of
  // events.
  EXPECT_TRUE(e2e::eventually([&] { return records_with(motion, "La DAC estime le co") >= 2; },
                              std::chrono::seconds(60)))
      << "MotionDebated, once per recording";
  EXPECT_EQ(records_with(motion, "Jean Dupont"), 0);
  EXPECT_EQ(records_with(motion, "Awa Diallo"), 0);
}
