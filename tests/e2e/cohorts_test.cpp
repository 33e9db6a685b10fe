// Successive cohorts against the real PostgreSQL, Kafka and services: two assemblies drawn one
// after the other are both listed for the public, each with its own figures; the earlier one's
// personal data goes at the end of its retention while the members who consented keep receiving
// its follow-up, and the later one is untouched.
#include <gtest/gtest.h>

#include "e2e.h"

using e2e::body_of;
using e2e::fresh;
using nlohmann::json;

namespace {

int consent(const std::string& member, bool given) {
  return e2e::post("membership", "/v1/members/" + member + "/consents",
                   {{"purpose", "follow-up"},
                    {"text_version", "follow-up-v1"},
                    {"given", given},
                    {"given_on", "2020-06-20"},
                    {"channel", "web"}},
                   e2e::token("member", member))
      .status;
}

int contact(const std::string& member, const std::string& name) {
  return e2e::put("membership", "/v1/members/" + member + "/contact",
                  {{"name", name},
                   {"email", name.substr(0, name.find(' ')) + "@example.org"},
                   {"preferred_channel", "email"}},
                  e2e::token("member", member))
      .status;
}

json cohort_of(const std::string& assembly_id) {
  auto r = e2e::get("membership", "/v1/cohorts");  // no token: public
  if (r.status != 200) {
    ADD_FAILURE() << "GET /v1/cohorts: " << r.status << " " << r.body.substr(0, 300);
    return json();
  }
  const auto cohorts = body_of(r)["items"];
  for (const auto& c : cohorts)
    if (c["assembly_id"] == assembly_id) return c;
  return json();
}

int audience(const std::string& assembly_id, const std::string& staff) {
  return body_of(
             e2e::get("membership", "/v1/assemblies/" + assembly_id + "/follow-up-audience", staff))
      .value("members", -1);
}

}  // namespace

TEST(Cohorts, SuccessiveCohortsAreListedAndTheFollowUpOutlivesTheFirstOnesAnonymisation) {
  const auto staff = e2e::token("secretariat", "secretariat-cohorts");
  const auto first = fresh("coh1"), second = fresh("coh2");
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies",
                      {{"id", first},
                       {"name", "Première promotion"},
                       {"mandate_start", "2020-01-11"},
                       {"mandate_end", "2020-06-30"},
                       {"retention_days", 30}},
                      staff)
                .status,
            201);
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies",
                      {{"id", second},
                       {"name", "Deuxième promotion"},
                       {"mandate_start", "2021-01-09"},
                       {"mandate_end", "2099-06-30"}},
                      staff)
                .status,
            201);
  auto a = e2e::panel_members(first, 4, staff);
  auto b = e2e::panel_members(second, 3, staff);
  const std::string keeps = a[0]["id"], withdraws = a[1]["id"], never = a[2]["id"];
  const std::string later = b[0]["id"];

  // Who consented to the follow-up: one member, one who changed their mind, one who never did.
  ASSERT_EQ(consent(keeps, true), 201);
  ASSERT_EQ(consent(withdraws, true), 201);
  ASSERT_EQ(consent(withdraws, false), 201);
  ASSERT_EQ(contact(keeps, "Inès Moreau"), 200);
  ASSERT_EQ(contact(withdraws, "Paul Girard"), 200);
  ASSERT_EQ(contact(never, "Léa Roux"), 200);
  ASSERT_EQ(contact(later, "Hugo Blanc"), 200);
  EXPECT_EQ(audience(first, staff), 1);
  EXPECT_EQ(audience(second, staff), 0);
  EXPECT_EQ(e2e::get("membership", "/v1/assemblies/" + first + "/follow-up-audience",
                     e2e::token("member", keeps))
                .status,
            403);

  // The public list shows both cohorts, in order, with their states and counts, never people.
  auto c1 = cohort_of(first), c2 = cohort_of(second);
  ASSERT_TRUE(c1.is_object()) << "the first cohort is not listed";
  ASSERT_TRUE(c2.is_object()) << "the second cohort is not listed";
  EXPECT_LT(c1["cohort"].get<int>(), c2["cohort"].get<int>());
  EXPECT_EQ(c1["name"], "Première promotion");
  EXPECT_EQ(c1["state"], "ended");
  EXPECT_EQ(c2["state"], "sitting");
  EXPECT_EQ(c1["members_by_status"], json({{"selected", 4}}));
  EXPECT_EQ(c2["members_by_status"], json({{"selected", 3}}));
  EXPECT_EQ(c1["anonymised"], false);
  EXPECT_EQ(e2e::get("membership", "/v1/cohorts").body.find(keeps), std::string::npos)
      << "the public list names no member";

  // The first cohort's retention ends: its personal data goes, but for the member who consented.
  ASSERT_EQ(
      e2e::post("membership", "/v1/assemblies/" + first + "/anonymisation", json::object(), staff)
          .status,
      200);
  auto kept = e2e::get("membership", "/v1/members/" + keeps + "/contact", staff);
  ASSERT_EQ(kept.status, 200) << kept.body;
  EXPECT_EQ(body_of(kept)["name"], "Inès Moreau");
  EXPECT_EQ(e2e::get("membership", "/v1/members/" + withdraws + "/contact", staff).status, 404);
  EXPECT_EQ(e2e::get("membership", "/v1/members/" + never + "/contact", staff).status, 404);
  EXPECT_EQ(e2e::get("membership", "/v1/members/" + later + "/contact", staff).status, 200)
      << "the sitting cohort keeps its data";
  EXPECT_EQ(audience(first, staff), 1);
  EXPECT_EQ(cohort_of(first)["anonymised"], true);
  EXPECT_EQ(cohort_of(second)["anonymised"], false);

  // Withdrawing the consent afterwards removes the contact details at once.
  ASSERT_EQ(consent(keeps, false), 201);
  EXPECT_EQ(e2e::get("membership", "/v1/members/" + keeps + "/contact", staff).status, 404);
  EXPECT_EQ(audience(first, staff), 0);

  // The dashboards' figures are per cohort: both assemblies have their own series.
  EXPECT_TRUE(e2e::eventually(
      [&] {
        auto m = e2e::metrics("membership");
        return m.find("assembly=\"" + first + "\"") != std::string::npos &&
               m.find("assembly=\"" + second + "\"") != std::string::npos;
      },
      std::chrono::seconds(60)))
      << "membership's metrics do not show both cohorts";
}
