// The public site's pages that sortition, workshops and recommendations render (docs/site.md),
// over the real services: the data made through their APIs with staff and members' tokens, each
// page read from its service in French and English, then through the gateway (its stylesheet and
// Content Security Policy) in a real headless Chromium: accessibility (axe, WCAG 2.1 AA), no
// JavaScript needed, every stop reachable by keyboard.
#include <gtest/gtest.h>

#include <cstdlib>

#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using nlohmann::json;

namespace {

// The site's address of a page: the gateway when the stack runs one (the stylesheet and the
// security headers come from it), else the service itself.
std::string site_url(const std::string& service, const std::string& path) {
  const char* gateway = std::getenv("GATEWAY_URL");
  return (gateway && *gateway ? std::string(gateway) : e2e::url(service)) + path;
}

// The page in headless Chromium: 0 when it passes (tests/a11y/check-page.mjs).
int a11y(const std::string& url, const std::string& lang, const std::string& expect) {
#ifdef A11Y_CHECKER
  const std::string cmd =
      "node " A11Y_CHECKER " '" + url + "' --lang " + lang + " --expect '" + expect + "' 2>&1";
  return std::system(cmd.c_str());
#else
  (void)url, (void)lang, (void)expect;
  return 0;
#endif
}

void expect_html_page(const assembly::itest::HttpResponse& r, const std::string& lang) {
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers.count("content-type") ? r.headers.at("content-type") : "",
            "text/html; charset=utf-8");
  EXPECT_EQ(r.headers.count("content-language") ? r.headers.at("content-language") : "", lang);
  EXPECT_EQ(r.body.find("style=\""), std::string::npos) << "nothing inline: the CSP refuses it";
  EXPECT_EQ(r.body.find("<style"), std::string::npos);
}

// One motion played to the Council, shared by the workshops' and the motions' pages.
const e2e::CouncilMotion& council_motion() {
  static const auto m =
      e2e::motion_sent_to_council(e2e::token("secretariat", "staff-site"), "Vœu <des> arbres");
  return m;
}

}  // namespace

TEST(SitePages, ADrawsPublicRecord) {
  const std::string assembly_id = e2e::fresh("site-draw");
  auto drawn = e2e::draw_selection_panel(
      assembly_id, 60, 40, 20, 6, "feature,value,min,max\ngender,F,3,3\ngender,M,3,3\n", [](int i) {
        return json{{"gender", i % 2 ? "F" : "M"}};
      });
  const std::string path = "/tirages/" + drawn.selection_id;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return e2e::get("sortition", "/v1/selections/" + drawn.selection_id + "/record").status ==
               200;
      },
      std::chrono::seconds(120)))
      << "the draw is done";

  auto fr = e2e::get("sortition", path);
  expect_html_page(fr, "fr");
  for (const std::string& words :
       {std::string("Procès-verbal du tirage au sort"), std::string("Lettres envoyées"),
        std::string("<td>40</td><td>20</td><td>50,0\u00a0%</td>"), "panel-" + assembly_id,
        e2e::sha256_hex("panel-" + assembly_id), std::string("sortition-verify --snapshot"),
        "--seed 'invitations-" + assembly_id + "' --count 40", std::string(">Femmes</th>"),
        std::string("Équité du tirage"), std::string("hreflang=\"en\"")})
    EXPECT_NE(fr.body.find(words), std::string::npos) << words;
  for (const auto& [person, criteria] : drawn.criteria)
    EXPECT_EQ(fr.body.find(person), std::string::npos) << "no person's id";
  auto en = e2e::get("sortition", "/en/draws/" + drawn.selection_id);
  expect_html_page(en, "en");
  for (const char* words :
       {"Record of the draw by lot", "Letters sent", ">Women</th>", "Re-run the draw yourself"})
    EXPECT_NE(en.body.find(words), std::string::npos) << words;

  // The printable record's former address leads here; an unknown draw is a 404.
  auto moved = e2e::get("sortition", "/v1/selections/" + drawn.selection_id + "/record.html");
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.headers["location"], path);
  EXPECT_EQ(e2e::get("sortition", "/tirages/00000000-0000-4000-8000-000000000000").status, 404);
  EXPECT_EQ(e2e::get("sortition", "/en/draws/not-a-draw").status, 404);

  EXPECT_EQ(a11y(site_url("sortition", path), "fr", "Refaire le tirage soi-même"), 0);
  EXPECT_EQ(a11y(site_url("sortition", "/en/draws/" + drawn.selection_id), "en",
                 "Re-run the draw yourself"),
            0);
}

TEST(SitePages, AnAssemblysWorkshopsAndTheirCalendar) {
  const auto staff = e2e::token("secretariat", "staff-site");
  const auto& m = council_motion();
  const std::string ws = m.workshop_id;
  ASSERT_EQ(e2e::put("workshops", "/v1/assemblies/" + m.assembly_id + "/phases/discovery",
                     {{"starts_on", "2022-01-01"}, {"ends_on", "2022-03-31"}}, staff)
                .status,
            200);
  auto hearing = e2e::post("workshops", "/v1/sessions",
                           {{"type", "hearing"},
                            {"workshop_id", ws},
                            {"title", "Audition <climat>"},
                            {"starts_at", "2022-01-10T17:30:00Z"},
                            {"ends_at", "2022-01-10T19:30:00Z"},
                            {"place", "Hôtel de Ville, salle 1"},
                            {"speakers",
                             {{{"name", "Agence parisienne du climat"},
                               {"organisation", "APC"},
                               {"topic", "aides à la rénovation"}}}}},
                           staff);
  ASSERT_EQ(hearing.status, 201) << hearing.body;
  const std::string checkin = body_of(hearing)["checkin_code"];
  auto visit = e2e::post("workshops", "/v1/sessions",
                         {{"type", "site-visit"},
                          {"workshop_id", ws},
                          {"title", "Visite de la station"},
                          {"starts_at", "2022-02-05T09:00:00Z"},
                          {"ends_at", "2022-02-05T11:00:00Z"},
                          {"place", "Porte de la Chapelle"},
                          {"site", "Station de traitement"}},
                         staff);
  ASSERT_EQ(visit.status, 201) << visit.body;
  ASSERT_EQ(e2e::put("workshops", "/v1/workshops/" + ws + "/priority-axes",
                     {{"chosen_on", "2022-02-01"},
                      {"axes", {{{"title", "Végétaliser"}, {"description", "Les cours d'école"}}}}},
                     staff)
                .status,
            200);

  const std::string path = "/ateliers/" + m.assembly_id;
  auto fr = e2e::get("workshops", path);
  expect_html_page(fr, "fr");
  for (const char* words :
       {"Les ateliers et leur calendrier", "Découverte", "1er janvier 2022", "31 mars 2022",
        "10 janvier 2022, de 18\u00a0h\u00a030 à 20\u00a0h\u00a030", "Audition &lt;climat&gt;",
        "Agence parisienne du climat (APC)", "Site : Station de traitement", "Tous les ateliers",
        "Végétaliser", "Carnet de l&#39;atelier", "Le mandat de l&#39;atelier",
        "Vote en plénière du 18 juin 2022 : pour 6, contre 0, abstentions 0", "2 membres"})
    EXPECT_NE(fr.body.find(words), std::string::npos) << words;
  // Public fields only: never a member, nor the check-in code.
  EXPECT_EQ(fr.body.find(checkin), std::string::npos);
  for (const auto& member : m.members)
    EXPECT_EQ(fr.body.find(std::string(member["id"])), std::string::npos);
  auto en = e2e::get("workshops", "/en/workshops/" + m.assembly_id);
  expect_html_page(en, "en");
  for (const char* words : {"The workshops and their calendar", "Discovery",
                            "10 January 2022, 18:30 to 20:30", "Site visit", "Adopted"})
    EXPECT_NE(en.body.find(words), std::string::npos) << words;

  // An assembly the service knows nothing of is a 404; one without a session yet reads plainly.
  EXPECT_EQ(e2e::get("workshops", "/ateliers/" + e2e::fresh("nowhere")).status, 404);
  EXPECT_EQ(e2e::get("workshops", "/en/workshops/<x>").status, 404);

  EXPECT_EQ(a11y(site_url("workshops", path), "fr", "Les séances"), 0);
  EXPECT_EQ(a11y(site_url("workshops", "/en/workshops/" + m.assembly_id), "en", "The sessions"), 0);
}

TEST(SitePages, AnAssemblysRecommendationsAndMotions) {
  const auto& m = council_motion();
  const std::string path = "/voeux/" + m.assembly_id;
  auto fr = e2e::get("recommendations", path);
  expect_html_page(fr, "fr");
  for (const char* words :
       {"Les recommandations et les vœux", "Vœu &lt;des&gt; arbres", "Transmis au Conseil",
        "L&#39;Assemblée citoyenne demande que", "Adopté par l’assemblée le",
        "Transmis au Conseil de Paris le", "Recommandation : Vœu &lt;des&gt; arbres",
        "Adoptez-vous le vœu ?", "<td>6</td><td>0</td><td>0</td>", "vote public, majorité simple",
        "Portée par un vœu"})
    EXPECT_NE(fr.body.find(words), std::string::npos) << words;
  // The votes are counts: no voter.
  for (const auto& member : m.members)
    EXPECT_EQ(fr.body.find(std::string(member["id"])), std::string::npos);
  auto en = e2e::get("recommendations", "/en/motions/" + m.assembly_id);
  expect_html_page(en, "en");
  for (const char* words : {"Recommendations and motions", "Sent to the Council on",
                            "open ballot, simple majority", "Carried by a motion"})
    EXPECT_NE(en.body.find(words), std::string::npos) << words;
  EXPECT_EQ(e2e::get("recommendations", "/voeux/" + e2e::fresh("nowhere")).status, 404);

  // An assembly with members and nothing written yet: a clear page, not an error.
  const auto staff = e2e::token("secretariat", "staff-site");
  auto six = e2e::seat_six("site-empty", staff);
  auto empty = e2e::get("recommendations", "/voeux/" + six.assembly_id);
  ASSERT_TRUE(e2e::eventually(
      [&] {
        empty = e2e::get("recommendations", "/voeux/" + six.assembly_id);
        return empty.status == 200 && empty.body.find("Le vœu de l’atelier") != std::string::npos;
      },
      std::chrono::seconds(60)))
      << "the motions opened with the workshops, nothing written: " << empty.body;
  EXPECT_NE(empty.body.find("Le texte n’est pas encore rédigé."), std::string::npos);

  EXPECT_EQ(a11y(site_url("recommendations", path), "fr", "Transmis au Conseil de Paris le"), 0);
  EXPECT_EQ(a11y(site_url("recommendations", "/en/motions/" + m.assembly_id), "en",
                 "Sent to the Council on"),
            0);
}
