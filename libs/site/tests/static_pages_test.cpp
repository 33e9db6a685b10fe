// The static pages: each in French and English at the addresses of docs/site.md and of the
// frame's footer, each naming its twin, and saying what it must say.
#include "assembly/site/static_pages.h"

#include <gtest/gtest.h>

#include <map>

namespace site = assembly::site;

namespace {

std::map<std::string, std::string> rendered() {
  std::map<std::string, std::string> out;
  for (const auto& p : site::static_pages()) out[p.path] = site::render(p.page);
  return out;
}

std::size_t count(const std::string& html, const std::string& text) {
  std::size_t n = 0;
  for (auto at = html.find(text); at != std::string::npos; at = html.find(text, at + 1)) ++n;
  return n;
}

bool has(const std::string& html, const std::string& text) {
  return html.find(text) != std::string::npos;
}

}  // namespace

TEST(StaticPages, EveryFooterLinkHasItsPageInBothLanguages) {
  const auto pages = rendered();
  const std::map<std::string, std::string> twins = {{"/accessibilite", "/en/accessibility"},
                                                    {"/mentions-legales", "/en/legal-notice"},
                                                    {"/donnees-personnelles", "/en/privacy"},
                                                    {"/donnees-ouvertes", "/en/open-data"}};
  EXPECT_EQ(pages.size(), 8u);
  for (const auto& [fr, en] : twins) {
    ASSERT_TRUE(pages.count(fr)) << fr;
    ASSERT_TRUE(pages.count(en)) << en;
    EXPECT_TRUE(has(pages.at(fr), "<html lang=\"fr\"")) << fr;
    EXPECT_TRUE(has(pages.at(en), "<html lang=\"en\"")) << en;
    EXPECT_TRUE(has(pages.at(fr), "hreflang=\"en\" href=\"" + en + "\"")) << fr;
    EXPECT_TRUE(has(pages.at(en), "hreflang=\"fr\" href=\"" + fr + "\"")) << en;
    // The footer of every page of the site links to them.
    EXPECT_TRUE(has(pages.at(fr), "href=\"" + fr + "\"")) << fr;
    EXPECT_TRUE(has(pages.at(en), "href=\"" + en + "\"")) << en;
  }
  for (const auto& [path, html] : pages) {
    EXPECT_FALSE(has(html, "<style")) << path << ": the CSP refuses inline styles";
    EXPECT_FALSE(has(html, " style=")) << path;
    EXPECT_FALSE(has(html, "<script>")) << path;
    EXPECT_EQ(count(html, "<table>"), count(html, "<div class=\"fr-table__content\"><table>"))
        << path << ": a table outside the DSFR's frame";
  }
}

TEST(StaticPages, TheAccessibilityStatementIsHonest) {
  const auto pages = rendered();
  const auto& fr = pages.at("/accessibilite");
  EXPECT_TRUE(has(fr, "<strong>non conforme</strong>"));
  EXPECT_TRUE(has(fr, "aucun audit de conformité n’a\nencore été réalisé"));
  EXPECT_TRUE(has(fr, "WCAG 2.1 niveaux A et AA"));
  EXPECT_TRUE(has(fr, "Limites connues"));
  EXPECT_TRUE(has(fr, "Défenseur des droits, Libre réponse 71120"));
  EXPECT_TRUE(has(fr, "[à compléter par la Ville de Paris avant la mise en ligne]"))
      << "the contact is the city's to give";
  const auto& en = pages.at("/en/accessibility");
  EXPECT_TRUE(has(en, "<strong>not compliant</strong>"));
  EXPECT_TRUE(has(en, "Known limits"));
}

TEST(StaticPages, LegalNoticeAndPrivacySayWhatTheCityHasToFillIn) {
  const auto pages = rendered();
  EXPECT_TRUE(has(pages.at("/mentions-legales"), "Ville de Paris, Hôtel de Ville"));
  EXPECT_TRUE(has(pages.at("/mentions-legales"), "Hébergement"));
  EXPECT_TRUE(has(pages.at("/mentions-legales"), "[à compléter par la Ville de Paris"));
  EXPECT_TRUE(has(pages.at("/en/legal-notice"), "[to be filled in by the City of Paris"));
  const auto& privacy = pages.at("/donnees-personnelles");
  EXPECT_TRUE(has(privacy, "délégué à la protection des données"));
  EXPECT_TRUE(has(privacy, "[à compléter par la Ville de Paris"));
  EXPECT_TRUE(has(privacy, "Combien de temps"));
  EXPECT_TRUE(has(privacy, "articles 15 à 21"));
  EXPECT_TRUE(has(pages.at("/en/privacy"), "data protection officer"));
}

TEST(StaticPages, OpenDataNamesTheLicenceTheFilesAndTheirSchema) {
  const auto pages = rendered();
  for (const char* path : {"/donnees-ouvertes", "/en/open-data"}) {
    const auto& html = pages.at(path);
    EXPECT_TRUE(has(html, "Licence\nOuverte 2.0") || has(html, "Licence Ouverte 2.0")) << path;
    EXPECT_TRUE(has(html, "https://www.etalab.gouv.fr/licence-ouverte-open-licence/")) << path;
    for (const char* file : {"follow-up.json", "commitments.csv", "milestones.csv"})
      EXPECT_TRUE(has(html, file)) << path << " " << file;
    // Every column of the two CSV files, as followup writes them.
    for (const char* column : {"motion_id",
                               "motion_title",
                               "workshop",
                               "council_decision",
                               "council_session_date",
                               "recommendation_id",
                               "recommendation_title",
                               "commitment_id",
                               "commitment_title",
                               "department",
                               "elected_official",
                               "status",
                               "progress",
                               "milestones_done",
                               "milestones_overdue",
                               "updated_at",
                               "milestone_id",
                               "due_on",
                               "done_on",
                               "overdue"})
      EXPECT_TRUE(has(html, std::string("<code>") + column + "</code>")) << path << " " << column;
    EXPECT_TRUE(has(html, "sortition-verify")) << path;
  }
}
