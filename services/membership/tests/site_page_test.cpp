// membership's public pages: the figures of who was drawn (never a name), the mandates, the
// evaluation's results, the links to the assembly's other pages, in French and English.
#include <gtest/gtest.h>

#include "domain/evaluation.h"
#include "page/site.h"

using namespace membership;
using assembly::site::Lang;

namespace {

store::PublicAssembly paris() {
  store::PublicAssembly a;
  a.id = "paris-2022-2023";
  a.name = "Assemblée citoyenne de Paris <2022>";
  a.mandate_start = "2022-06-18";
  a.mandate_end = "2023-06-17";
  a.workshops = {"social-education", "environment", "public-space"};
  a.drawn = 107;
  a.replacements = 7;
  a.by_status = {{"active", 100}, {"declined", 7}};
  a.seated = 100;
  a.by_pool = {{"minors", 10}, {"non-eu-residents", 10}, {"roll", 80}};
  a.by_attribute["gender"] = {{"F", 56}, {"M", 44}};
  a.by_attribute["sex"] = {{"female", 55}, {"male", 45}};
  // As the pools give them: "01", "02"…
  a.by_attribute["arrondissement"] = {{"10", 5}, {"02", 3}, {"01", 2}, {"20", 90}};
  a.by_attribute["diploma"] = {{"bac+5", 60}, {"none", 40}};
  a.by_attribute["age_band"] = {{"18-24", 30}, {"65+", 70}};
  a.live_roles = {{"spokesperson", 6}};
  a.selections = {"sel-1"};
  return a;
}

// As the results route gives them: the questions aggregated from the released answers.
app::Results evaluation() {
  app::Results r;
  r.evaluation.title = "Bilan du mandat";
  r.evaluation.questions = {{"q1", "Satisfaction", "rating", 1, 5},
                            {"q2", "Un mot ?", "text", 1, 5}};
  r.responses = 4;
  const std::vector<nlohmann::json> answers = {
      nlohmann::json{{"q1", 4}}, nlohmann::json{{"q1", 5}, {"q2", "Très <bien>"}},
      nlohmann::json{{"q1", 5}}, nlohmann::json{{"q1", 4}}};
  r.questions = domain::aggregate(r.evaluation.questions, answers);
  return r;
}

bool has(const std::string& html, const std::string& text) {
  return html.find(text) != std::string::npos;
}

}  // namespace

TEST(SitePages, HomeListsTheAssembliesNewestFirstWithTheirFigures) {
  store::Cohort first, second;
  first.number = 1;
  first.id = "paris-2022-2023";
  first.name = "Paris 2022";
  first.mandate_start = "2022-06-18";
  first.mandate_end = "2023-06-17";
  first.workshops = {"a", "b", "c"};
  first.members_by_status = {{"completed", 98}, {"withdrawn", 2}};
  second.number = 2;
  second.id = "paris-2024";
  second.name = "Paris 2024";
  second.mandate_start = "2024-06-01";
  second.members_by_status = {{"active", 100}, {"declined", 7}};
  auto page = page::home({first, second}, "2024-09-01", Lang::fr);
  const auto html = assembly::site::render(page);
  ASSERT_TRUE(has(html, "Paris 2024") && has(html, "Paris 2022"));
  EXPECT_LT(html.find("Paris 2024"), html.find("Paris 2022")) << "newest first";
  EXPECT_TRUE(has(html, "href=\"/assemblee/paris-2024\""));
  EXPECT_TRUE(has(html, "107 personnes tirées au sort"));
  EXPECT_TRUE(has(html, "100 membres en fonction"));
  EXPECT_TRUE(has(html, "98 mandats accomplis"));
  EXPECT_TRUE(has(html, ">En cours</p>")) << "the state in words";
  EXPECT_TRUE(has(html, ">Terminée</p>"));
  EXPECT_TRUE(has(html, "Mandat du 18 juin 2022 au 17 juin 2023"));
  EXPECT_EQ(page.other_lang_href, "/en/");

  const auto en = assembly::site::render(page::home({first, second}, "2024-09-01", Lang::en));
  EXPECT_TRUE(has(en, "href=\"/en/assembly/paris-2024\""));
  EXPECT_TRUE(has(en, "107 people drawn"));
  EXPECT_TRUE(has(en, "Term from 18 June 2022 to 17 June 2023"));
}

TEST(SitePages, HomeWithoutAssembliesSaysSo) {
  const auto html = assembly::site::render(page::home({}, "2024-09-01", Lang::fr));
  EXPECT_TRUE(has(html, "Aucune assemblée n’est encore publiée."));
}

TEST(SitePages, AssemblyPageSaysWhoWasDrawnInFiguresOnly) {
  const auto p = page::assembly(paris(), {}, "2022-09-01", Lang::fr);
  const auto html = assembly::site::render(p);
  EXPECT_EQ(p.title, "Assemblée citoyenne de Paris <2022>");
  EXPECT_TRUE(has(html, "Assemblée citoyenne de Paris &lt;2022&gt;")) << "escaped";
  EXPECT_FALSE(has(html, "Paris <2022>"));
  EXPECT_TRUE(has(html, "Qu’est-ce qu’une assemblée citoyenne ?"));
  EXPECT_TRUE(has(html, "107 personnes tirées au sort, dont 7 pour remplacer un membre parti"));
  EXPECT_TRUE(has(html,
                  "<th scope=\"row\">Inscrits sur les listes électorales</th><td>80</td>"
                  "<td>80\u00a0%</td>"));
  EXPECT_TRUE(has(html, "<th scope=\"row\">Résidents de 16 et 17 ans</th><td>10</td>"));
  EXPECT_TRUE(has(html, "<th scope=\"row\">Femmes</th><td>56</td><td>56\u00a0%</td>"));
  EXPECT_TRUE(has(html, "<th scope=\"row\">65 ans et plus</th>"));
  EXPECT_TRUE(has(html, "<th scope=\"row\">Hommes</th><td>45</td>")) << "a pool's sex in words";
  EXPECT_TRUE(has(html, "<caption>Membres par tranche d’âge</caption>"));
  EXPECT_TRUE(has(html, "<th scope=\"row\">18 à 24 ans</th>"));
  EXPECT_TRUE(has(html, "<th scope=\"row\">Sans diplôme</th><td>40</td>")) << "no code name";
  // Arrondissements in the order of their numbers, not of their text.
  const auto first = html.find(">1er</th>"), second = html.find(">2e</th>"),
             tenth = html.find(">10e</th>"), twentieth = html.find(">20e</th>");
  ASSERT_NE(first, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_LT(second, tenth);
  EXPECT_LT(tenth, twentieth);
  EXPECT_TRUE(has(html, "Porte-parole des vœux : 6"));
  EXPECT_TRUE(has(html, "l’accord des membres à la publication de leur nom n’est pas recueilli"));
  EXPECT_TRUE(has(html, "Affaires sociales et éducation"));
  EXPECT_TRUE(has(html, ">En cours</p>"));
}

TEST(SitePages, AssemblyPageLinksToItsOtherPagesInItsLanguage) {
  const auto fr = assembly::site::render(page::assembly(paris(), {}, "2022-09-01", Lang::fr));
  for (const char* href : {"/tirages/sel-1", "/ateliers/paris-2022-2023", "/voeux/paris-2022-2023",
                           "/transparence/paris-2022-2023"})
    EXPECT_TRUE(has(fr, std::string("href=\"") + href + "\"")) << href;
  const auto p = page::assembly(paris(), {}, "2022-09-01", Lang::en);
  EXPECT_EQ(p.other_lang_href, "/assemblee/paris-2022-2023");
  const auto en = assembly::site::render(p);
  for (const char* href : {"/en/draws/sel-1", "/en/workshops/paris-2022-2023",
                           "/en/motions/paris-2022-2023", "/en/transparency/paris-2022-2023"})
    EXPECT_TRUE(has(en, std::string("href=\"") + href + "\"")) << href;
  EXPECT_TRUE(has(en, "What is a citizens’ assembly?"));
  EXPECT_TRUE(has(en, "<th scope=\"row\">Women</th><td>56</td><td>56%</td>"));
}

TEST(SitePages, EvaluationResultsOnceClosed) {
  const auto none = assembly::site::render(page::assembly(paris(), {}, "2023-09-01", Lang::fr));
  EXPECT_TRUE(has(none, "Les résultats seront publiés à la clôture du questionnaire."));
  const auto html =
      assembly::site::render(page::assembly(paris(), {evaluation()}, "2023-09-01", Lang::fr));
  EXPECT_TRUE(has(html, "Bilan du mandat"));
  EXPECT_TRUE(has(html, "4 réponses, anonymes."));
  EXPECT_TRUE(has(html, "<th scope=\"row\">Satisfaction</th><td>4</td><td>4,5 / 5</td>")) << html;
  EXPECT_TRUE(has(html, "Très &lt;bien&gt;"));
  EXPECT_TRUE(has(html, ">Terminée</p>"));
}

TEST(SitePages, AnAnonymisedAssemblyKeepsItsCountsOnly) {
  auto a = paris();
  a.anonymised = true;
  a.by_attribute.clear();
  const auto html = assembly::site::render(page::assembly(a, {}, "2025-01-01", Lang::fr));
  EXPECT_TRUE(has(html, "ont été effacées"));
  EXPECT_TRUE(has(html, "Inscrits sur les listes électorales"));
}
