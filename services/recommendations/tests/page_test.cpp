// The site's page of an assembly's recommendations and motions: both languages, escaping, the
// closed ballots' counts and never a voter, an assembly with nothing yet said plainly.
#include <gtest/gtest.h>

#include "page/motions.h"

using namespace recommendations;
using assembly::site::Lang;

namespace {

std::string html_of(const page::AssemblyMotions& a, Lang lang) {
  return assembly::site::render(page::motions_page(a, lang));
}

page::AssemblyMotions sample() {
  page::AssemblyMotions a;
  a.assembly_id = "paris-2026";
  page::MotionView v;
  v.motion.motion.id = "mo-1";
  v.motion.motion.workshop_id = "w-1";
  v.motion.motion.assembly_id = a.assembly_id;
  v.motion.motion.theme = "environment";
  v.motion.motion.status = "sent-to-council";
  v.motion.motion.title = "Des <arbres> partout";
  v.motion.text = "Planter & arroser\n\nAvant 2030";
  v.motion.approved_at = "2026-05-10T12:00:00Z";
  v.motion.adopted_at = "2026-06-20T18:00:00Z";
  v.motion.sent_at = "2026-07-01T08:00:00Z";
  store::StoredDebate d;
  d.debate.motion_id = "mo-1";
  d.debate.presentation_summary = "Le groupe présente <son> vœu";
  d.debate.presenters = {{domain::SpeakerRole::spokesperson, "Awa (accord)", ""}};
  d.debate.interventions = {{domain::SpeakerRole::department, "", "Faisable d'ici 2030"}};
  d.debate.summary = "Un débat nourri";
  v.debate = d;
  a.motions = {v};
  store::Recommendation r;
  r.id = "r-1";
  r.assembly_id = a.assembly_id;
  r.theme = "environment";
  r.title = "Îlots <de> fraîcheur";
  r.status = domain::RecommendationStatus::carried;
  r.motion_id = "mo-1";
  r.text = "Texte de la recommandation";
  store::Recommendation draft = r;
  draft.id = "r-2";
  draft.title = "Brouillon en cours";
  draft.status = domain::RecommendationStatus::draft;
  draft.motion_id.clear();
  a.recommendations = {r, draft};
  store::Ballot plenary;
  plenary.id = "b-1";
  plenary.assembly_id = a.assembly_id;
  plenary.motion_id = "mo-1";
  plenary.question = "Adoptez-vous le vœu ?";
  plenary.rule = domain::Rule::unanimity_of_votes_cast;
  plenary.secret = true;
  plenary.closes_at = "2026-06-20T18:00:00Z";
  plenary.state = domain::BallotState::closed;
  plenary.result = domain::Result{100, {80, 0, 5}, 0.85, true, "adopted"};
  store::Ballot open = plenary;
  open.id = "b-2";
  open.question = "Question encore ouverte";
  open.state = domain::BallotState::open;
  open.result.reset();
  store::Ballot other = plenary;
  other.id = "b-3";
  other.motion_id.clear();
  other.workshop = "public-space";
  other.secret = false;
  other.question = "Un autre scrutin";
  other.rule = domain::Rule::simple_majority;
  other.result = domain::Result{30, {10, 12, 0}, 22.0 / 30, true, "rejected"};
  a.ballots = {plenary, open, other};
  return a;
}

}  // namespace

TEST(MotionsPage, FrenchMotionDebateAndVotes) {
  const auto html = html_of(sample(), Lang::fr);
  for (const char* words : {"<html lang=\"fr\"",
                            "Les recommandations et les vœux",
                            "Le vœu de l’atelier «\u00a0Environnement\u00a0»",
                            "Transmis au Conseil",
                            "Des &lt;arbres&gt; partout",
                            "<p>Planter &amp; arroser</p><p>Avant 2030</p>",
                            "Approuvé par l’atelier le 10 mai 2026",
                            "Adopté par l’assemblée le 20 juin 2026",
                            "Transmis au Conseil de Paris le 1er juillet 2026",
                            "Îlots &lt;de&gt; fraîcheur",
                            "Le groupe présente &lt;son&gt; vœu",
                            "Porte-parole (Awa",
                            "Direction de la Ville</strong> : Faisable",
                            "Un débat nourri",
                            "vote secret, unanimité des suffrages exprimés",
                            "<td>80</td><td>0</td><td>5</td>",
                            "100 (85\u00a0%",
                            "fr-badge--success\">Adopté</span>",
                            "Un autre scrutin",
                            "Atelier Espace public",
                            "fr-badge--error\">Rejeté</span>",
                            "Brouillon en cours",
                            "fr-badge--new\">Brouillon</span>",
                            "href=\"/en/motions/paris-2026\" hreflang=\"en\""})
    EXPECT_NE(html.find(words), std::string::npos) << words;
  EXPECT_EQ(html.find("<arbres>"), std::string::npos);
  EXPECT_EQ(html.find("20 juin 2026 à"), std::string::npos) << "a ballot's window is no date";
  EXPECT_EQ(html.find("Question encore ouverte"), std::string::npos) << "an open ballot: no result";
  EXPECT_EQ(html.find("style=\""), std::string::npos);
}

TEST(MotionsPage, English) {
  const auto html = html_of(sample(), Lang::en);
  for (const char* words :
       {"<html lang=\"en\"", "Recommendations and motions",
        "The motion of the “Environment” workshop", "Sent to the Council on 1 July 2026",
        "secret ballot, unanimity of the votes cast", "100 (85% took part)", "Spokesperson",
        "City department</strong>: Faisable", "Carried by a motion",
        "href=\"/voeux/paris-2026\" hreflang=\"fr\""})
    EXPECT_NE(html.find(words), std::string::npos) << words;
  for (const char* french : {"Transmis", "Toute l’assemblée", "vote secret", "juillet"})
    EXPECT_EQ(html.find(french), std::string::npos) << french;
}

TEST(MotionsPage, NothingYetIsSaid) {
  page::AssemblyMotions a;
  a.assembly_id = "lyon-2027";
  EXPECT_NE(html_of(a, Lang::fr).find("Aucun vœu ni aucune recommandation"), std::string::npos);
  const auto en = html_of(a, Lang::en);
  EXPECT_NE(en.find("No motion and no recommendation yet"), std::string::npos);
  EXPECT_EQ(en.find("<table"), std::string::npos);
  // A motion opened with its workshop, nothing written yet.
  a.motions.push_back({});
  a.motions.back().motion.motion.theme = "environment";
  const auto fr = html_of(a, Lang::fr);
  EXPECT_NE(fr.find("En rédaction"), std::string::npos);
  EXPECT_NE(fr.find("pas encore rédigé"), std::string::npos);
}
