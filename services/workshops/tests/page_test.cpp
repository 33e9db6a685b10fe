// The site's page of an assembly's workshops: both languages, Paris time, escaping, no names of
// members or authors, an assembly with nothing yet said plainly.
#include <gtest/gtest.h>

#include "page/workshops.h"

using namespace workshops;
using assembly::site::Lang;

namespace {

std::string html_of(const page::AssemblyWorkshops& a, Lang lang) {
  return assembly::site::render(page::workshops_page(a, lang));
}

page::AssemblyWorkshops sample() {
  page::AssemblyWorkshops a;
  a.assembly_id = "paris-2026";
  a.phases = {{"discovery", "2026-01-10", "2026-03-01"},
              {"recommendations", "2026-03-02", "2026-05-31"}};
  page::WorkshopView v;
  v.workshop.id = "w-1";
  v.workshop.assembly_id = a.assembly_id;
  v.workshop.theme = "environment";
  v.workshop.title = "Environment";
  v.workshop.roster_size = 34;
  v.workshop.departments = {"DEVE"};
  v.workshop.member_ids = {"member-secret-id"};
  v.axes = {{1, "Arbres <en> ville", "Planter & protéger", "2026-02-01"}};
  store::NotebookVersion n;
  n.version = 2;
  n.note = "pour l'exécutif";
  n.author = "author-secret-id";
  n.submitted_at = "2026-04-01T09:00:00Z";
  n.text = "Première ligne\n\n<b>Deuxième</b>";
  v.submitted = {n};
  store::Mandate m;
  m.id = "m-1";
  m.workshop_id = "w-1";
  m.text = "Étudier <les> îlots de fraîcheur";
  m.state = domain::MandateState::adopted;
  m.proposed_by = "proposer-secret-id";
  m.votes_for = 30;
  m.votes_against = 0;
  m.abstentions = 2;
  m.decided_at = "2026-06-20T18:00:00Z";
  m.notebook_version = 2;
  m.department = "DEVE";
  v.mandates = {m};
  a.workshops = {v};
  store::Session hearing;
  hearing.id = "s-1";
  hearing.assembly_id = a.assembly_id;
  hearing.workshop_id = "w-1";
  hearing.workshop_theme = "environment";
  hearing.type = domain::SessionType::hearing;
  hearing.title = "Audition <experts>";
  hearing.starts_at = "2026-01-20T17:30:00Z";
  hearing.ends_at = "2026-01-20T19:30:00Z";
  hearing.place = "Hôtel de Ville";
  hearing.speakers = {{"Jeanne Expert", "ADEME", "climat"}};
  hearing.phase = "discovery";
  hearing.checkin_code = "CHECKIN-SECRET";
  hearing.online_link = "https://visio.example/secret";
  hearing.minutes = "minutes-secret";
  store::Session visit = hearing;
  visit.id = "s-2";
  visit.type = domain::SessionType::site_visit;
  visit.title = "Visite";
  visit.site = "Parc de Belleville";
  visit.speakers.clear();
  visit.starts_at = "2026-07-02T07:00:00Z";
  visit.ends_at = "2026-07-02T10:00:00Z";
  visit.state = domain::SessionState::cancelled;
  visit.state_reason = "Orage";
  store::Session plenary = hearing;
  plenary.id = "s-3";
  plenary.workshop_id.clear();
  plenary.type = domain::SessionType::plenary;
  plenary.title = "Plénière d'ouverture";
  plenary.speakers.clear();
  a.sessions = {hearing, visit, plenary};
  return a;
}

}  // namespace

TEST(WorkshopsPage, FrenchCalendarAxesNotebooksAndMandates) {
  const auto html = html_of(sample(), Lang::fr);
  for (const char* words :
       {"<html lang=\"fr\"", "Les ateliers et leur calendrier",
        "Atelier «\u00a0Environnement\u00a0»", "34 membres", "DEVE", "Découverte",
        "10 janvier 2026", "1er mars 2026",
        // 17:30 UTC in January is 18:30 in Paris; 07:00 UTC in July is 09:00.
        "20 janvier 2026, de 18\u00a0h\u00a030 à 20\u00a0h\u00a030",
        "2 juillet 2026, de 9\u00a0h\u00a000 à 12\u00a0h\u00a000",
        "Vote en plénière du 20 juin 2026", "Audition", "Jeanne Expert (ADEME) — climat",
        "Site : Parc de Belleville", "Annulée", "Orage", "Tous les ateliers", "Hôtel de Ville",
        "Arbres &lt;en&gt; ville", "Planter &amp; protéger", "Version 2, remise le 1er avril 2026",
        "&lt;b&gt;Deuxième", "/api/workshops/v1/workshops/w-1/notebook/versions/2/pdf", "Adopté",
        "Étudier &lt;les&gt; îlots", "pour 30, contre 0, abstentions 2",
        "href=\"/en/workshops/paris-2026\" hreflang=\"en\""})
    EXPECT_NE(html.find(words), std::string::npos) << words;
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<experts>"), std::string::npos);
  // Public fields only: no member, author or proposer, no check-in code, link or minutes.
  for (const char* secret : {"member-secret-id", "author-secret-id", "proposer-secret-id",
                             "CHECKIN-SECRET", "visio.example", "minutes-secret"})
    EXPECT_EQ(html.find(secret), std::string::npos) << secret;
  // Never by colour alone: every state is a word.
  EXPECT_NE(html.find("fr-badge--error\">Annulée</span>"), std::string::npos);
  EXPECT_EQ(html.find("style=\""), std::string::npos);
}

TEST(WorkshopsPage, English) {
  const auto html = html_of(sample(), Lang::en);
  for (const char* words :
       {"<html lang=\"en\"", "The workshops and their calendar", "Workshop “Environment”",
        "34 members", "Discovery", "10 January 2026", "20 January 2026, 18:30 to 20:30",
        "Plenary vote of 20 June 2026: for 30", "Hearing", "People heard: Jeanne Expert",
        "Site visit", "Cancelled", "All workshops", "Version 2, submitted on 1 April 2026",
        "Adopted", "for 30, against 0, abstentions 2",
        "href=\"/ateliers/paris-2026\" hreflang=\"fr\""})
    EXPECT_NE(html.find(words), std::string::npos) << words;
  for (const char* french : {"Atelier", "Annulée", "membres", "janvier"})
    EXPECT_EQ(html.find(french), std::string::npos) << french;
}

// An assembly whose workshops have nothing yet: a clear page saying so, in both languages.
TEST(WorkshopsPage, NothingYetIsSaid) {
  page::AssemblyWorkshops a;
  a.assembly_id = "lyon-2027";
  for (auto lang : {Lang::fr, Lang::en}) {
    const auto html = html_of(a, lang);
    for (const char* words : {lang == Lang::fr ? "pas encore formés" : "not formed yet",
                              lang == Lang::fr ? "pas encore fixées" : "not set yet",
                              lang == Lang::fr ? "Aucune séance" : "No session"})
      EXPECT_NE(html.find(words), std::string::npos) << words;
    EXPECT_EQ(html.find("<table"), std::string::npos);
  }
  a.workshops.push_back({});
  a.workshops.back().workshop.theme = "public-space";
  const auto html = html_of(a, Lang::fr);
  for (const char* words : {"Espace public", "pas encore choisis", "Aucun cahier", "Aucun mandat"})
    EXPECT_NE(html.find(words), std::string::npos) << words;
}
