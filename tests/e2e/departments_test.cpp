// City-service staff act for their own department only, the department coming from their token
// (the "department" claim), never from the request: a workshop's mandate names the department
// that proposed it, and the co-construction feedback on a recommendation the department that gave
// it. A body naming another department is refused (403) and changes nothing; a city-service token
// without a department acts for none. The secretariat proposes a mandate for any department.
#include <gtest/gtest.h>

#include <string>

#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using nlohmann::json;

namespace {

json read(const std::string& service, const std::string& path) {
  auto r = e2e::get(service, path);
  EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  return body_of(r);
}

}  // namespace

TEST(Departments, MandatesAndFeedbackNameTheTokensDepartment) {
  const auto staff = e2e::token("secretariat", "staff-departments");
  const auto dac = e2e::token("city-service", "dept-dac", "DAC");
  const auto none = e2e::token("city-service", "dept-none");
  auto a = e2e::seat_six("dept", staff);
  json motions;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return (motions =
                    read("recommendations", "/v1/motions?assembly_id=" + a.assembly_id)["items"])
                   .size() == 3;
      },
      std::chrono::seconds(60)));
  const std::string workshop = motions[0]["workshop_id"];
  const std::string theme = motions[0]["theme"];

  // Mandates: the department of the token proposing it.
  const int notebook = e2e::submitted_notebook(workshop, "# Carnet\n", staff);
  const auto mandates_path = "/v1/workshops/" + workshop + "/mandates";
  const json mandate = {{"text", "Des recommandations pour le plan lecture."},
                        {"notebook_version", notebook}};
  auto other = mandate;
  other["department"] = "DVD";
  auto refused = e2e::post("workshops", mandates_path, other, dac);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(e2e::post("workshops", mandates_path, mandate, none).status, 403)
      << "a city-service token without a department acts for none";
  EXPECT_EQ(read("workshops", mandates_path)["items"].size(), 0u) << "nothing was proposed";
  auto own = mandate;
  own["department"] = "DAC";
  auto named = e2e::post("workshops", mandates_path, own, dac);
  ASSERT_EQ(named.status, 201) << named.body;
  EXPECT_EQ(body_of(named)["department"], "DAC");
  auto made = e2e::post("workshops", mandates_path, mandate, dac);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(body_of(made)["department"], "DAC") << "the token's department";
  auto for_dvd = e2e::post("workshops", mandates_path, other, staff);
  ASSERT_EQ(for_dvd.status, 201) << "the secretariat proposes for any department: " << for_dvd.body;
  EXPECT_EQ(body_of(for_dvd)["department"], "DVD");
  EXPECT_EQ(read("workshops", mandates_path)["items"].size(), 3u);

  // The plenary adopts the DAC's mandate; a recommendation is drafted, handed over and
  // co-constructed with the city services.
  auto plenary = e2e::post("workshops", "/v1/sessions",
                           {{"type", "plenary"},
                            {"assembly_id", a.assembly_id},
                            {"title", "Plénière de juin"},
                            {"starts_at", "2022-06-18T09:00:00Z"},
                            {"ends_at", "2022-06-18T17:00:00Z"},
                            {"place", "Hôtel de Ville"}},
                           staff);
  ASSERT_EQ(plenary.status, 201) << plenary.body;
  const std::string plenary_id = body_of(plenary)["id"];
  ASSERT_EQ(
      e2e::post(
          "workshops", "/v1/mandates/" + std::string(body_of(made)["id"]) + "/vote",
          {{"votes_for", 6}, {"votes_against", 0}, {"abstentions", 0}, {"session_id", plenary_id}},
          staff)
          .status,
      200);
  std::string author;
  for (const auto& m : a.members)
    if (m["workshop_theme"] == theme) author = m["id"];
  ASSERT_FALSE(author.empty());
  const json draft = {{"workshop_id", workshop},
                      {"title", "Ouvrir le dimanche"},
                      {"text", "Ouvrir les bibliothèques le dimanche.\n"}};
  assembly::itest::HttpResponse drafted;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return (drafted = e2e::post("recommendations", "/v1/recommendations", draft,
                                    e2e::token("member", author)))
                   .status == 201;
      },
      std::chrono::seconds(60)))
      << drafted.body;
  const std::string rec = body_of(drafted)["id"];
  for (const char* step : {"adopt", "hand-over", "co-construct"})
    ASSERT_EQ(e2e::post("recommendations", "/v1/recommendations/" + rec + "/" + step,
                        {{"plenary_session_id", plenary_id}}, staff)
                  .status,
              200)
        << step;

  // Feedback: the department of the token giving it.
  const auto feedback_path = "/v1/recommendations/" + rec + "/feedback";
  auto feedback = e2e::post("recommendations", feedback_path,
                            {{"text", "Faisable en 2024."}, {"department", "DVD"}}, dac);
  EXPECT_EQ(feedback.status, 403) << "DAC speaks for the DVD: " << feedback.body;
  EXPECT_EQ(
      e2e::post("recommendations", feedback_path, {{"text", "Faisable en 2024."}}, none).status,
      403)
      << "a city-service token without a department acts for none";
  EXPECT_EQ(read("recommendations", feedback_path)["items"].size(), 0u) << "nothing was kept";
  auto given = e2e::post("recommendations", feedback_path, {{"text", "Faisable en 2024."}}, dac);
  ASSERT_EQ(given.status, 201) << given.body;
  auto kept = read("recommendations", feedback_path)["items"];
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0]["department"], "DAC") << "the token's department";
  // A member answers for no department.
  auto answer =
      e2e::post("recommendations", feedback_path,
                {{"text", "d'accord"}, {"reply_to", body_of(given)["id"]}, {"department", "DAC"}},
                e2e::token("member", author));
  EXPECT_EQ(answer.status, 403) << answer.body;
  EXPECT_EQ(read("recommendations", feedback_path)["items"].size(), 1u);
}
