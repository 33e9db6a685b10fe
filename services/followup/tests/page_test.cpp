#include <gtest/gtest.h>

#include "page/transparency.h"

using namespace followup::page;
using nlohmann::json;

namespace {
json tree() {
  json commitment = {
      {"id", "c1"},
      {"title", "Ouvrir 3 bibliothèques <le dimanche>"},
      {"recommendation_id", "r1"},
      {"recommendation_title", "Lire partout"},
      {"department", "DAC"},
      {"elected_official", "Adjointe à la culture"},
      {"status", "in-progress"},
      {"progress", 40},
      {"deliverables", {"Plan d'ouverture"}},
      {"milestones", json::array({{{"id", "m1"},
                                   {"title", "Étude"},
                                   {"due_on", "2024-01-31"},
                                   {"done_on", "2024-01-15"},
                                   {"overdue", false}},
                                  {{"id", "m2"},
                                   {"title", "=SUM(A1)"},
                                   {"due_on", "2024-06-30"},
                                   {"done_on", nullptr},
                                   {"overdue", true}}})},
      {"evidence",
       json::array({{{"url", "https://example.org/d?a=1&b=2"}, {"label", "Délibération"}},
                    {{"url", "/api/followup/v1/documents/d1"}, {"label", "Arrêté signé"}}})},
      {"timeline", json::array({{{"at", "2024-01-02T10:00:00Z"},
                                 {"change", "created"},
                                 {"status", "planned"},
                                 {"progress", 0},
                                 {"note", ""}},
                                {{"at", "2024-02-02T10:00:00Z"},
                                 {"change", "progress"},
                                 {"status", "in-progress"},
                                 {"progress", 40},
                                 {"note", "travaux, \"phase 1\""}}})},
      {"updated_at", "2024-02-02T10:00:00Z"}};
  json council = {
      {"session_name", "Conseil de Paris de mars"},
      {"held_on", "2023-03-28"},
      {"decision", "adopted-with-amendments"},
      {"votes_for", 120},
      {"votes_against", 20},
      {"abstentions", 3},
      {"amendments", "Calendrier resserré"},
      {"presentation", ""},
      {"debate_summary", "Débat nourri"},
      {"positions", json::array({{{"group", "Groupe A"}, {"position", "for"}, {"summary", ""}}})}};
  json motion = {{"motion_id", "mo1"},
                 {"theme", "lecture"},
                 {"title", "Vœu sur la lecture"},
                 {"text", "Le texte"},
                 {"adopted_by_assembly_at", "2023-03-11T15:00:00Z"},
                 {"sent_to_council_at", "2023-03-12T09:00:00Z"},
                 {"spokespersons", 2},
                 {"recommendations",
                  json::array({{{"id", "r1"}, {"title", "Lire partout"}, {"text", "Des livres"}}})},
                 {"council", council},
                 {"commitments", json::array({commitment})}};
  json report = {{"sequence", 1},
                 {"due_on", "2024-03-28"},
                 {"status", "published"},
                 {"published_at", "2024-03-20T08:00:00Z"},
                 {"overdue", false},
                 {"summary", "Premier rapport"},
                 {"snapshot",
                  {{"as_of", "2024-03-15"},
                   {"commitments", json::array({json::object()})},
                   {"by_status", {{"done", 0}}},
                   {"milestones_overdue", 1}}}};
  json late = {{"sequence", 2},
               {"due_on", "2024-09-28"},
               {"status", "scheduled"},
               {"overdue", true},
               {"snapshot", nullptr}};
  return {{"assembly_id", "a1"},
          {"motions", json::array({motion})},
          {"reports", json::array({report, late})}};
}
}  // namespace

TEST(TransparencyPage, FrenchByDefaultWithEveryPart) {
  auto html = render_html(tree(), Lang::fr);
  EXPECT_NE(html.find("<html lang=\"fr\""), std::string::npos);
  EXPECT_NE(html.find("Vœu : Vœu sur la lecture"), std::string::npos);
  EXPECT_NE(html.find("Lire partout"), std::string::npos);
  EXPECT_NE(html.find("Adopté avec amendements"), std::string::npos);
  EXPECT_NE(html.find("<td>120</td><td>20</td><td>3</td>"), std::string::npos);
  EXPECT_NE(html.find("28 mars 2023"), std::string::npos);
  EXPECT_NE(html.find("value=\"40\""), std::string::npos);
  EXPECT_NE(html.find("En cours"), std::string::npos);
  EXPECT_NE(html.find("site-overdue\">En retard</span>"),
            std::string::npos);  // said in words, not colour only
  EXPECT_NE(html.find("fr-badge--success\">Adopté avec amendements</span>"), std::string::npos);
  // A table scrolls sideways on a phone: its frame takes the keyboard focus.
  EXPECT_NE(html.find("tabindex=\"0\" role=\"region\" aria-label=\"Jalons\""), std::string::npos);
  EXPECT_NE(html.find("Historique (2 étapes)"), std::string::npos);
  // An uploaded document is linked at its stable address and said to be one; a link is not.
  EXPECT_NE(html.find("<a href=\"/api/followup/v1/documents/d1\">Arrêté signé</a> (document)"),
            std::string::npos);
  EXPECT_EQ(html.find("Délibération</a> (document)"), std::string::npos);
  EXPECT_NE(html.find("Rapport 1"), std::string::npos);
  EXPECT_NE(html.find("/open-data/assemblies/a1/commitments.csv"), std::string::npos);
}

// The gateway's Content Security Policy refuses inline styles: the page is in the site's frame,
// with its stylesheet, its English twin and its assembly in the trail.
TEST(TransparencyPage, InTheSiteFrameWithoutInlineStyle) {
  auto html = render_html(tree(), Lang::fr);
  EXPECT_EQ(html.find("<style"), std::string::npos);
  EXPECT_EQ(html.find(" style="), std::string::npos);
  EXPECT_NE(html.find("<link rel=\"stylesheet\" href=\"/site/site.css\">"), std::string::npos);
  EXPECT_NE(html.find("class=\"fr-header\""), std::string::npos);
  EXPECT_NE(html.find("hreflang=\"en\" href=\"/en/transparency/a1\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/assemblee/a1\""), std::string::npos);
  EXPECT_NE(html.find("href=\"/donnees-ouvertes\""), std::string::npos);
  auto en = render_html(tree(), Lang::en);
  EXPECT_NE(en.find("hreflang=\"fr\" href=\"/transparence/a1\""), std::string::npos);
  EXPECT_NE(en.find("site-overdue\">Overdue</span>"), std::string::npos);
}

TEST(TransparencyPage, EnglishWhenAsked) {
  auto html = render_html(tree(), Lang::en);
  EXPECT_NE(html.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(html.find("Adopted with amendments"), std::string::npos);
  EXPECT_NE(html.find("28 March 2023"), std::string::npos);
  EXPECT_EQ(html.find("Adopté avec amendements"), std::string::npos);
}

TEST(TransparencyPage, EscapesEverythingItIsGiven) {
  auto html = render_html(tree(), Lang::fr);
  EXPECT_EQ(html.find("<le dimanche>"), std::string::npos);
  EXPECT_NE(html.find("&lt;le dimanche&gt;"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://example.org/d?a=1&amp;b=2\""), std::string::npos);
}

TEST(TransparencyPage, EmptyAssemblySaysSo) {
  auto html = render_html(
      {{"assembly_id", "a2"}, {"motions", json::array()}, {"reports", json::array()}}, Lang::fr);
  EXPECT_NE(html.find("Aucun rapport n’est encore prévu."), std::string::npos);
}

TEST(OpenData, CommitmentsCsvOneLinePerCommitment) {
  auto csv = commitments_csv(tree());
  auto header_end = csv.find("\r\n");
  EXPECT_EQ(csv.substr(0, 10), "motion_id,");
  auto line = csv.substr(header_end + 2);
  EXPECT_EQ(line,
            "mo1,Vœu sur la lecture,lecture,adopted-with-amendments,2023-03-28,r1,Lire partout,c1,"
            "Ouvrir 3 bibliothèques <le dimanche>,DAC,Adjointe à la "
            "culture,in-progress,40,2,1,1,2024-02-02T10:00:00Z\r\n");
}

TEST(OpenData, MilestonesCsvQuotesAndDefusesFormulas) {
  auto csv = milestones_csv(tree());
  EXPECT_NE(csv.find("c1,m1,Étude,2024-01-31,2024-01-15,false\r\n"), std::string::npos);
  EXPECT_NE(csv.find("c1,m2,'=SUM(A1),2024-06-30,,true\r\n"), std::string::npos);
}

// A tab or a carriage return before a formula starts it too in some spreadsheets.
TEST(OpenData, CsvDefusesFormulasAfterATabOrACarriageReturn) {
  auto t = tree();
  auto& milestones = t["motions"][0]["commitments"][0]["milestones"];
  ASSERT_TRUE(milestones.is_array()) << t.dump();
  milestones[0]["title"] = "\t=cmd|' /C calc'!A0";
  milestones[1]["title"] = "\r@SUM(A1)";
  auto csv = milestones_csv(t);
  EXPECT_NE(csv.find("c1,m1,'\t=cmd|' /C calc'!A0,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("c1,m2,\"'\r@SUM(A1)\","), std::string::npos) << csv;
}
