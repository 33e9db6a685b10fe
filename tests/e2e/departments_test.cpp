// City-service staff act for their own department only, the department coming from their token
// (the "department" claim), never from the request: a workshop's mandate names the department
// that proposed it, and the co-construction feedback on a recommendation the department that gave
// it. A body naming another department is refused (403) and changes nothing; a city-service token
// without a department acts for none. A workshop names the departments it concerns (set by the
// secretariat): only they propose its mandate, city-service staff of any other are refused (403),
// and the secretariat proposes for one of them (or none).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using e2e::pointers;
using nlohmann::json;

namespace {

json read(const std::string& service, const std::string& path) {
  auto r = e2e::get(service, path);
  EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  return body_of(r);
}

}  // namespace

TEST(Departments, MandatesAndFeedbackNameTheTokensDepartmentAmongTheWorkshops) {
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

  // Mandates: the department of the token proposing it, among those the workshop names.
  const int notebook = e2e::submitted_notebook(workshop, "# Carnet\n", staff);
  const auto mandates_path = "/v1/workshops/" + workshop + "/mandates";
  const json mandate = {{"text", "Des recommandations pour le plan lecture."},
                        {"notebook_version", notebook}};
  EXPECT_EQ(read("workshops", "/v1/workshops/" + workshop)["departments"], json::array())
      << "a workshop names no department until the secretariat sets them";
  auto unnamed = e2e::post("workshops", mandates_path, mandate, dac);
  EXPECT_EQ(unnamed.status, 403) << "a workshop naming no department: " << unnamed.body;

  // The departments a workshop concerns: the secretariat's to set, checked as a whole.
  const auto departments_path = "/v1/workshops/" + workshop + "/departments";
  EXPECT_EQ(e2e::put("workshops", departments_path, {{"departments", {"DAC"}}}, dac).status, 403)
      << "city-service staff do not choose the workshops they propose for";
  auto malformed =
      e2e::put("workshops", departments_path, {{"departments", {"DAC", "dac", "D A", 7}}}, staff);
  EXPECT_EQ(malformed.status, 422) << malformed.body;
  EXPECT_EQ(pointers(malformed),
            (std::set<std::string>{"/departments/1", "/departments/2", "/departments/3"}));
  auto twice = e2e::put("workshops", departments_path, {{"departments", {"DAC", "DAC"}}}, staff);
  EXPECT_EQ(twice.status, 422) << twice.body;
  EXPECT_EQ(pointers(twice), std::set<std::string>{"/departments/1"});
  for (const json& empty : {json{{"departments", json::array()}}, json::object()}) {
    auto none_named = e2e::put("workshops", departments_path, empty, staff);
    EXPECT_EQ(none_named.status, 422) << none_named.body;
    EXPECT_EQ(pointers(none_named), std::set<std::string>{"/departments"}) << empty.dump();
  }
  EXPECT_EQ(read("workshops", "/v1/workshops/" + workshop)["departments"], json::array())
      << "a refused change changes nothing";
  auto set = e2e::put("workshops", departments_path, {{"departments", {"DAC", "SG"}}}, staff);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(body_of(set)["departments"], json({"DAC", "SG"}));
  EXPECT_TRUE(e2e::eventually(
      [&] {
        return read("workshops", "/v1/workshops/" + workshop)["departments"] == json({"DAC", "SG"});
      },
      std::chrono::seconds(10)))
      << "the public page shows them (once its cache expires)";

  const auto dvd = e2e::token("city-service", "dept-dvd", "DVD");
  auto not_concerned = e2e::post("workshops", mandates_path, mandate, dvd);
  EXPECT_EQ(not_concerned.status, 403) << "the workshop does not name the DVD";
  EXPECT_NE(body_of(not_concerned)["detail"].get<std::string>().find("DVD"), std::string::npos)
      << not_concerned.body;
  auto other = mandate;
  other["department"] = "DVD";
  auto refused = e2e::post("workshops", mandates_path, other, dac);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(e2e::post("workshops", mandates_path, mandate, none).status, 403)
      << "a city-service token without a department acts for none";
  auto staff_for_dvd = e2e::post("workshops", mandates_path, other, staff);
  EXPECT_EQ(staff_for_dvd.status, 422) << "the secretariat names a department of the workshop";
  EXPECT_EQ(pointers(staff_for_dvd), std::set<std::string>{"/department"});
  EXPECT_EQ(read("workshops", mandates_path)["items"].size(), 0u) << "nothing was proposed";
  auto own = mandate;
  own["department"] = "DAC";
  auto named = e2e::post("workshops", mandates_path, own, dac);
  ASSERT_EQ(named.status, 201) << named.body;
  EXPECT_EQ(body_of(named)["department"], "DAC");
  auto made = e2e::post("workshops", mandates_path, mandate, dac);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(body_of(made)["department"], "DAC") << "the token's department";
  auto for_sg = mandate;
  for_sg["department"] = "SG";
  auto by_staff = e2e::post("workshops", mandates_path, for_sg, staff);
  ASSERT_EQ(by_staff.status, 201) << "the secretariat proposes for a department named: "
                                  << by_staff.body;
  EXPECT_EQ(body_of(by_staff)["department"], "SG");
  EXPECT_EQ(e2e::post("workshops", mandates_path, mandate, staff).status, 201) << "or for none";
  EXPECT_EQ(read("workshops", mandates_path)["items"].size(), 4u);
  // Named later, the DVD proposes too.
  ASSERT_EQ(e2e::put("workshops", departments_path, {{"departments", {"DAC", "SG", "DVD"}}}, staff)
                .status,
            200);
  EXPECT_EQ(e2e::post("workshops", mandates_path, mandate, dvd).status, 201);

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
