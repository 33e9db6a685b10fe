#include "page/motions.h"

#include <cstdio>

#include "assembly/core/html.h"
#include "assembly/site/table.h"

namespace recommendations::page {
namespace {

using assembly::core::html_escape;
using assembly::site::badge;
using assembly::site::Lang;
using assembly::site::paragraphs;
using assembly::site::pick;
using assembly::site::table;

std::string esc(const std::string& s) {
  return html_escape(s);
}

std::string theme_words(const std::string& theme, Lang l) {
  auto title = assembly::site::theme_title(theme, l);
  return esc(title.empty() ? theme : title);
}

std::string motion_badge(const std::string& status, Lang l) {
  if (status == "approved-by-workshop")
    return badge(pick(l, "Approuvé par l’atelier", "Approved by the workshop"), "info");
  if (status == "voted")
    return badge(pick(l, "Adopté par l’assemblée", "Adopted by the assembly"), "success");
  if (status == "sent-to-council")
    return badge(pick(l, "Transmis au Conseil", "Sent to the Council"), "success");
  return badge(pick(l, "En rédaction", "Being drafted"), "new");
}

std::string recommendation_badge(domain::RecommendationStatus s, Lang l) {
  using S = domain::RecommendationStatus;
  switch (s) {
    case S::draft:
      return badge(pick(l, "Brouillon", "Draft"), "new");
    case S::adopted:
      return badge(pick(l, "Adoptée par l’atelier", "Adopted by the workshop"), "info");
    case S::handed_over:
      return badge(pick(l, "Remise à la Ville", "Handed over to the City"), "info");
    case S::in_co_construction:
      return badge(pick(l, "En co-construction", "In co-construction"), "info");
    case S::carried:
      return badge(pick(l, "Portée par un vœu", "Carried by a motion"), "success");
    case S::withdrawn:
      return badge(pick(l, "Retirée", "Withdrawn"), "error");
  }
  return "";
}

std::string role_words(domain::SpeakerRole r, Lang l) {
  using R = domain::SpeakerRole;
  switch (r) {
    case R::member:
      return pick(l, "Membre de l’assemblée", "Member of the assembly");
    case R::spokesperson:
      return pick(l, "Porte-parole", "Spokesperson");
    case R::department:
      return pick(l, "Direction de la Ville", "City department");
    case R::elected_representative:
      return pick(l, "Représentant des élus", "Elected officials’ representative");
    case R::elected_official:
      return pick(l, "Élu", "Elected official");
    case R::expert:
      return pick(l, "Expert", "Expert");
    case R::secretariat:
      return pick(l, "Secrétariat", "Secretariat");
    case R::public_:
      return pick(l, "Public", "Public");
  }
  return "";
}

std::string rule_words(domain::Rule r, Lang l) {
  using R = domain::Rule;
  switch (r) {
    case R::simple_majority:
      return pick(l, "majorité simple", "simple majority");
    case R::two_thirds:
      return pick(l, "majorité des deux tiers", "two-thirds majority");
    case R::unanimity_of_votes_cast:
      return pick(l, "unanimité des suffrages exprimés", "unanimity of the votes cast");
    case R::unanimity_of_electorate:
      return pick(l, "unanimité des membres", "unanimity of the members");
  }
  return "";
}

std::string outcome_badge(const std::string& outcome, Lang l) {
  if (outcome == "adopted") return badge(pick(l, "Adopté", "Adopted"), "success");
  if (outcome == "rejected") return badge(pick(l, "Rejeté", "Rejected"), "error");
  if (outcome == "no-quorum") return badge(pick(l, "Quorum non atteint", "No quorum"), "warning");
  return esc(outcome);
}

std::string speaker_words(const domain::Speaker& s, Lang l) {
  std::string h = "<strong>" + esc(role_words(s.role, l));
  if (!s.name.empty()) h += " — " + esc(s.name);
  h += "</strong>";
  if (!s.summary.empty()) h += pick(l, " : ", ": ") + esc(s.summary);
  return h;
}

std::string debate_html(const store::StoredDebate& d, Lang l) {
  std::string h =
      std::string("<h3>") + pick(l, "Le débat en plénière", "The plenary debate") + "</h3>\n";
  if (!d.debate.summary.empty())
    h += std::string("<p><strong>") + pick(l, "Résumé du débat : ", "Summary of the debate: ") +
         "</strong></p>" + paragraphs(d.debate.summary);
  h += std::string("<p><strong>") + pick(l, "Présentation : ", "Presentation: ") + "</strong>";
  for (std::size_t i = 0; i < d.debate.presenters.size(); ++i)
    h += (i ? ", " : "") + esc(role_words(d.debate.presenters[i].role, l)) +
         (d.debate.presenters[i].name.empty() ? "" : " (" + esc(d.debate.presenters[i].name) + ")");
  h += "</p>" + paragraphs(d.debate.presentation_summary);
  if (!d.debate.interventions.empty()) {
    h += std::string("<p><strong>") + pick(l, "Interventions", "Interventions") +
         "</strong></p><ol>";
    for (const auto& s : d.debate.interventions) h += "<li>" + speaker_words(s, l) + "</li>";
    h += "</ol>\n";
  }
  return h;
}

// The closed ballots' counts: for, against, abstentions, the electorate, the turnout, the
// outcome; never who voted what.
std::string ballots_html(const std::vector<const store::Ballot*>& ballots, const char* caption,
                         Lang l) {
  std::vector<std::vector<std::string>> rows;
  for (const auto* b : ballots) {
    const auto& r = *b->result;
    std::string question =
        esc(b->question) + "<br>" +
        (b->workshop.empty() ? std::string(pick(l, "Toute l’assemblée", "The whole assembly"))
                             : pick(l, "Atelier ", "Workshop ") + theme_words(b->workshop, l)) +
        ", " +
        (b->secret ? pick(l, "vote secret", "secret ballot")
                   : pick(l, "vote public", "open ballot")) +
        ", " + rule_words(b->rule, l);
    // No date: the ballot knows when its window was to close, not when it was closed.
    char turnout[16];
    std::snprintf(turnout, sizeof turnout, "%.0f", 100 * r.turnout);
    rows.push_back({question, outcome_badge(r.outcome, l), std::to_string(r.tally.for_votes),
                    std::to_string(r.tally.against), std::to_string(r.tally.abstain),
                    std::to_string(r.electorate) + " (" + turnout +
                        (l == Lang::fr ? "\u00a0%" : "%") +
                        pick(l, " de participation)", " took part)")});
  }
  return table(caption,
               {pick(l, "Scrutin", "Ballot"), pick(l, "Résultat", "Result"), pick(l, "Pour", "For"),
                pick(l, "Contre", "Against"), pick(l, "Abstentions", "Abstentions"),
                pick(l, "Électeurs", "Electorate")},
               rows);
}

std::string dated(const char* fr, const char* en, const std::string& at, Lang l) {
  if (at.empty()) return "";
  return std::string("<li>") + pick(l, fr, en) + " " +
         esc(assembly::site::long_date(at.substr(0, 10), l)) + "</li>";
}

std::string motion_html(const MotionView& v, const AssemblyMotions& a, Lang l) {
  const auto& m = v.motion;
  std::string h = std::string("<h2>") +
                  pick(l, "Le vœu de l’atelier «\u00a0", "The motion of the “") +
                  theme_words(m.motion.theme, l) + pick(l, "\u00a0»", "” workshop") + "</h2>\n<p>" +
                  motion_badge(m.motion.status, l) + "</p>\n";
  if (!m.motion.title.empty()) h += "<h3>" + esc(m.motion.title) + "</h3>\n";
  if (m.text.empty())
    h += std::string("<p>") +
         pick(l, "Le texte n’est pas encore rédigé.", "The text is not drafted yet.") + "</p>\n";
  else
    h += "<div class=\"fr-callout\">" + paragraphs(m.text) + "</div>\n";
  const auto dates =
      dated("Approuvé par l’atelier le", "Approved by the workshop on", m.approved_at, l) +
      dated("Adopté par l’assemblée le", "Adopted by the assembly on", m.adopted_at, l) +
      dated("Transmis au Conseil de Paris le", "Sent to the Council on", m.sent_at, l);
  if (!dates.empty()) h += "<ul>" + dates + "</ul>\n";
  std::string carried;
  for (const auto& r : a.recommendations)
    if (r.motion_id == m.motion.id) carried += "<li>" + esc(r.title) + "</li>";
  if (!carried.empty())
    h += std::string("<h3>") +
         pick(l, "Les recommandations qu’il porte", "The recommendations it carries") +
         "</h3>\n<ul>" + carried + "</ul>\n";
  if (v.debate) h += debate_html(*v.debate, l);
  std::vector<const store::Ballot*> ballots;
  for (const auto& b : a.ballots)
    if (b.motion_id == m.motion.id && b.state == domain::BallotState::closed && b.result)
      ballots.push_back(&b);
  if (!ballots.empty())
    h += std::string("<h3>") + pick(l, "Les votes", "The votes") + "</h3>\n" +
         ballots_html(ballots, pick(l, "Les votes sur ce vœu", "The votes on this motion"), l);
  return h;
}

}  // namespace

std::string motions_href(const std::string& assembly_id, Lang lang) {
  return (lang == Lang::fr ? "/voeux/" : "/en/motions/") + assembly_id;
}

assembly::site::Page motions_page(const AssemblyMotions& a, Lang l) {
  assembly::site::Page p;
  p.lang = l;
  p.title = pick(l, "Les recommandations et les vœux", "Recommendations and motions");
  p.description = pick(l,
                       "Les recommandations des ateliers de l’Assemblée citoyenne, ses vœux au "
                       "Conseil de Paris, les débats et les résultats des votes.",
                       "The recommendations of the Citizens’ Assembly’s workshops, its motions to "
                       "the Council, the debates and the results of the votes.");
  p.other_lang_href = motions_href(a.assembly_id, assembly::site::other(l));
  p.trail = {assembly::site::assembly_link(a.assembly_id, l)};
  std::string h = std::string("<p class=\"fr-text--lead\">") +
                  pick(l,
                       "Chaque atelier rédige des recommandations, puis un vœu que l’assemblée "
                       "vote en plénière et transmet au Conseil de Paris. Les votes sont publiés "
                       "en nombres : jamais qui a voté quoi.",
                       "Each workshop drafts recommendations, then a motion the assembly votes in "
                       "plenary and sends to the Council of Paris. The votes are published as "
                       "counts: never who voted what.") +
                  "</p>\n";
  if (a.motions.empty() && a.recommendations.empty())
    h += std::string("<p>") +
         pick(l, "Aucun vœu ni aucune recommandation pour l’instant : les ateliers y travaillent.",
              "No motion and no recommendation yet: the workshops are working on them.") +
         "</p>\n";
  for (const auto& v : a.motions) h += motion_html(v, a, l);
  if (!a.recommendations.empty()) {
    h += std::string("<h2>") + pick(l, "Toutes les recommandations", "All the recommendations") +
         "</h2>\n";
    std::string theme;
    for (const auto& r : a.recommendations) {
      if (r.theme != theme) {
        if (!theme.empty()) h += "</ul>\n";
        theme = r.theme;
        h += std::string("<h3>") + pick(l, "Atelier «\u00a0", "Workshop “") +
             theme_words(theme, l) + pick(l, "\u00a0»", "”") + "</h3>\n<ul class=\"site-list\">";
      }
      h += "<li><details><summary>" + esc(r.title) + " " + recommendation_badge(r.status, l) +
           "</summary>" + paragraphs(r.text) + "</details></li>";
    }
    h += "</ul>\n";
  }
  std::vector<const store::Ballot*> others;
  for (const auto& b : a.ballots)
    if (b.motion_id.empty() && b.state == domain::BallotState::closed && b.result)
      others.push_back(&b);
  if (!others.empty())
    h += std::string("<h2>") + pick(l, "Les autres votes", "The other votes") + "</h2>\n" +
         ballots_html(others, pick(l, "Les autres votes clos", "The other closed votes"), l);
  p.body = h;
  return p;
}

}  // namespace recommendations::page
