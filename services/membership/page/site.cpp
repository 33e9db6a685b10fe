#include "page/site.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "assembly/core/html.h"
#include "assembly/site/criteria.h"
#include "assembly/site/table.h"
#include "domain/cohort.h"

namespace membership::page {
using assembly::core::html_escape;
using assembly::site::long_date;
using assembly::site::Page;

namespace {

struct Words {
  const char* fr;
  const char* en;
};

const char* w(const Words& words, Lang l) {
  return l == Lang::fr ? words.fr : words.en;
}

// The words of a code ("s_" status, "r_" role, "c_" cohort state), the code itself when unknown.
// The draws' codes (pools, criteria, values) are assembly/site/criteria.h's, the workshops'
// themes assembly/site/page.h's theme_title.
std::string said(const std::string& code, Lang l) {
  static const std::map<std::string, Words> words = {
      {"s_selected", {"Tirés au sort, pas encore invités", "Drawn, not yet invited"}},
      {"s_invited", {"Invités, sans réponse encore", "Invited, no answer yet"}},
      {"s_confirmed", {"Ont accepté", "Accepted"}},
      {"s_declined", {"Ont décliné", "Declined"}},
      {"s_active", {"En fonction", "Sitting"}},
      {"s_withdrawn", {"Se sont retirés", "Withdrew"}},
      {"s_completed", {"Mandat accompli", "Term completed"}},
      {"r_spokesperson", {"Porte-parole des vœux", "Spokespersons of the motions"}},
      {"r_workshop-referent", {"Référents d’atelier", "Workshop referents"}},
      {"c_forming", {"En préparation", "Being formed"}},
      {"c_sitting", {"En cours", "Sitting"}},
      {"c_ended", {"Terminée", "Ended"}},
  };
  auto it = words.find(code);
  return it == words.end() ? code.substr(code.find('_') + 1) : w(it->second, l);
}

std::string e(const std::string& s) {
  return html_escape(s);
}

// "Tranche d’âge" -> "tranche d’âge" (an ASCII first letter only).
std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

std::string number(double n, Lang l) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(1);
  o << n;
  auto s = o.str();
  if (l == Lang::fr) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

// "56 %" / "56%": a share of `total`, rounded to the unit.
std::string share(int n, int total, Lang l) {
  const long pct = total > 0 ? std::lround(100.0 * n / total) : 0;
  return std::to_string(pct) + (l == Lang::fr ? "\u00a0%" : "%");
}

// Numbers in the order of numbers ("2" before "10"), the rest alphabetically after them.
bool value_before(const store::Tally& a, const store::Tally& b) {
  auto lead = [](const std::string& s) {
    std::size_t i = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i == 0 ? -1L : std::stol(s.substr(0, std::min<std::size_t>(i, 9)));
  };
  const auto la = lead(a.value), lb = lead(b.value);
  if ((la < 0) != (lb < 0)) return la >= 0;
  if (la != lb) return la < lb;
  return a.value < b.value;
}

void table(std::ostringstream& o, const std::string& caption, const std::string& first_col,
           const std::vector<std::pair<std::string, int>>& rows, int total, Lang l) {
  o << assembly::site::table_start(caption) << "<thead><tr><th scope=\"col\">" << e(first_col)
    << "</th><th scope=\"col\">" << w({"Membres", "Members"}, l) << "</th><th scope=\"col\">"
    << w({"Part", "Share"}, l) << "</th></tr></thead>\n<tbody>\n";
  for (const auto& [label, n] : rows)
    o << "<tr><th scope=\"row\">" << e(label) << "</th><td>" << n << "</td><td>"
      << share(n, total, l) << "</td></tr>\n";
  o << "</tbody>\n" << assembly::site::table_end();
}

std::string state_badge(const std::string& start, const std::string& end, const std::string& today,
                        Lang l) {
  const auto s = domain::cohort_state(start, end, today);
  const char* kind = s == domain::CohortState::sitting ? "fr-badge--success"
                     : s == domain::CohortState::ended ? ""
                                                       : "fr-badge--info";
  return std::string("<p class=\"fr-badge fr-badge--no-icon ") + kind + "\">" +
         said("c_" + std::string(domain::to_string(s)), l) + "</p>";
}

std::string mandate(const std::string& start, const std::string& end, Lang l) {
  if (start.empty()) return w({"Dates du mandat à venir", "Term dates to be set"}, l);
  if (end.empty())
    return std::string(w({"Mandat à partir du ", "Term from "}, l)) + long_date(start, l);
  return std::string(w({"Mandat du ", "Term from "}, l)) + long_date(start, l) +
         w({" au ", " to "}, l) + long_date(end, l);
}

int status_count(const std::map<std::string, int>& by_status, const char* status) {
  auto it = by_status.find(status);
  return it == by_status.end() ? 0 : it->second;
}

const Words kWhatItIs{
    "Une assemblée citoyenne réunit des habitantes et des habitants tirés au sort, à l’image de "
    "la population : des personnes inscrites sur les listes électorales, des résidents étrangers "
    "non européens et des jeunes de 16 et 17 ans. Pendant leur mandat, réparties en ateliers, "
    "elles s’informent, entendent des experts et les services de la Ville, délibèrent puis "
    "adoptent des recommandations et des vœux. Les vœux sont présentés au Conseil de Paris, qui "
    "en débat et décide ; la Ville rend compte ensuite de ce qu’elle en fait (droit de suite).",
    "A citizens’ assembly brings together residents drawn by lot so that it looks like the "
    "population: people on the electoral roll, residents from outside the European Union and "
    "young people aged 16 and 17. During their term, in workshops, they learn, hear experts and "
    "the City’s departments, deliberate, then adopt recommendations and motions. The motions go "
    "to the Council of Paris, which debates and decides on them; the City then reports on what "
    "it does with them (the right to follow-up)."};

void write_figures(std::ostringstream& o, const store::PublicAssembly& a, Lang l) {
  o << "<section aria-labelledby=\"tirage\">\n<h2 id=\"tirage\">"
    << w({"Qui a été tiré au sort", "Who was drawn"}, l) << "</h2>\n<p>"
    << w({"En chiffres seulement : les noms des membres ne sont jamais publiés.",
          "In figures only: members’ names are never published."},
         l)
    << "</p>\n";
  if (a.drawn == 0) {
    o << "<p>"
      << w({"Le tirage au sort n’a pas encore eu lieu.", "The draw has not taken place yet."}, l)
      << "</p>\n</section>\n";
    return;
  }
  o << "<ul>\n<li>" << a.drawn << " "
    << w({"personnes tirées au sort, dont ", "people drawn, including "}, l) << a.replacements
    << " " << w({"pour remplacer un membre parti", "to replace a member who left"}, l)
    << "</li>\n<li>" << a.seated << " "
    << w({"membres composent l’assemblée aujourd’hui", "members make up the assembly today"}, l)
    << "</li>\n</ul>\n";
  std::vector<std::pair<std::string, int>> pools;
  for (const auto& p : a.by_pool)
    pools.emplace_back(assembly::site::pool_label(p.value, l), p.members);
  table(o, w({"Membres par catégorie de tirage", "Members by draw category"}, l),
        w({"Catégorie", "Category"}, l), pools, a.seated, l);
  if (a.anonymised || a.by_attribute.empty()) {
    o << "<p>"
      << (a.anonymised
              ? w({"Les caractéristiques des membres ont été effacées à la fin de la durée de "
                   "conservation des données ; seuls les comptes ci-dessus restent.",
                   "The members’ characteristics were erased once the data retention period "
                   "ended; only the counts above remain."},
                  l)
              : w({"Aucune caractéristique n’est connue pour ces membres.",
                   "No characteristic is known for these members."},
                  l))
      << "</p>\n";
  }
  for (auto [key, tallies] : a.by_attribute) {
    std::sort(tallies.begin(), tallies.end(), value_before);
    std::vector<std::pair<std::string, int>> rows;
    for (const auto& t : tallies)
      rows.emplace_back(assembly::site::value_label(key, t.value, l), t.members);
    const auto label = assembly::site::category_label(key, l);
    table(o, std::string(w({"Membres par ", "Members by "}, l)) + lower_first(label), label, rows,
          a.seated, l);
  }
  o << "</section>\n";
}

void write_mandates(std::ostringstream& o, const store::PublicAssembly& a, Lang l) {
  o << "<section aria-labelledby=\"mandats\">\n<h2 id=\"mandats\">"
    << w({"Les mandats", "The terms"}, l) << "</h2>\n";
  std::vector<std::pair<std::string, int>> rows;
  int total = 0;
  for (const char* s :
       {"selected", "invited", "confirmed", "active", "completed", "declined", "withdrawn"}) {
    const int n = status_count(a.by_status, s);
    total += n;
    if (n > 0) rows.emplace_back(said(std::string("s_") + s, l), n);
  }
  if (!rows.empty())
    table(o, w({"Où en sont les personnes tirées au sort", "Where the people drawn stand"}, l),
          w({"Situation", "Status"}, l), rows, total, l);
  o << "<h3>" << w({"Rôles", "Roles"}, l) << "</h3>\n";
  if (a.live_roles.empty()) {
    o << "<p>" << w({"Aucun rôle n’est encore attribué.", "No role is assigned yet."}, l)
      << "</p>\n";
  } else {
    o << "<ul>\n";
    for (const auto& [role, n] : a.live_roles)
      o << "<li>" << e(said("r_" + role, l)) << " : " << n << "</li>\n";
    o << "</ul>\n";
  }
  o << "<p>"
    << w({"Les noms des porte-parole et des référents ne sont pas publiés : l’accord des membres "
          "à la publication de leur nom n’est pas recueilli.",
          "The names of spokespersons and referents are not published: members are not asked "
          "to agree to their names being published."},
         l)
    << "</p>\n</section>\n";
}

void write_evaluations(std::ostringstream& o, const std::vector<app::Results>& evaluations,
                       Lang l) {
  o << "<section aria-labelledby=\"evaluation\">\n<h2 id=\"evaluation\">"
    << w({"L’évaluation du mandat par les membres", "The members’ evaluation of their term"}, l)
    << "</h2>\n";
  if (evaluations.empty()) {
    o << "<p>"
      << w({"Les résultats seront publiés à la clôture du questionnaire.",
            "The results will be published when the questionnaire closes."},
           l)
      << "</p>\n</section>\n";
    return;
  }
  for (const auto& r : evaluations) {
    o << "<h3>" << e(r.evaluation.title) << "</h3>\n<p>" << r.responses << " "
      << w({"réponses, anonymes.", "answers, anonymous."}, l) << "</p>\n";
    // The aggregate (domain::aggregate): one entry per question, by id.
    std::ostringstream ratings, texts;
    for (const auto& q : r.evaluation.questions) {
      const nlohmann::json* agg = nullptr;
      if (r.questions.is_array())
        for (const auto& a : r.questions)
          if (a.is_object() && a.value("id", "") == q.id) agg = &a;
      if (!agg) continue;
      if (q.kind == "rating") {
        const auto& mean = (*agg)["mean"];
        ratings << "<tr><th scope=\"row\">" << e(q.text) << "</th><td>" << agg->value("count", 0)
                << "</td><td>"
                << (mean.is_number() ? number(mean.get<double>(), l) + " / " + std::to_string(q.max)
                                     : std::string("–"))
                << "</td></tr>\n";
        continue;
      }
      texts << "<h4>" << e(q.text) << "</h4>\n";
      const auto& said_texts = (*agg)["texts"];
      if (said_texts.is_array() && !said_texts.empty()) {
        texts << "<ul>\n";
        for (const auto& t : said_texts)
          texts << "<li>" << e(t.is_string() ? t.get<std::string>() : t.dump()) << "</li>\n";
        texts << "</ul>\n";
      } else {
        texts << "<p>" << w({"Aucune réponse.", "No answer."}, l) << "</p>\n";
      }
    }
    if (!ratings.str().empty())
      o << assembly::site::table_start(w({"Notes moyennes", "Average ratings"}, l))
        << "<thead><tr><th scope=\"col\">" << w({"Question", "Question"}, l)
        << "</th><th scope=\"col\">" << w({"Réponses", "Answers"}, l) << "</th><th scope=\"col\">"
        << w({"Moyenne", "Average"}, l) << "</th></tr></thead>\n<tbody>\n"
        << ratings.str() << "</tbody>\n"
        << assembly::site::table_end();
    o << texts.str();
  }
  o << "</section>\n";
}

void write_links(std::ostringstream& o, const store::PublicAssembly& a, Lang l) {
  const auto id = e(a.id);
  const bool fr = l == Lang::fr;
  o << "<section aria-labelledby=\"pages\">\n<h2 id=\"pages\">"
    << w({"Les travaux de l’assemblée", "The assembly’s work"}, l) << "</h2>\n<ul>\n";
  for (const auto& s : a.selections)
    o << "<li><a href=\"" << (fr ? "/tirages/" : "/en/draws/") << e(s) << "\">"
      << w({"Le procès-verbal du tirage au sort ", "The record of the draw "}, l) << e(s)
      << "</a></li>\n";
  o << "<li><a href=\"" << (fr ? "/ateliers/" : "/en/workshops/") << id << "\">"
    << w({"Les ateliers et leur calendrier", "The workshops and their calendar"}, l)
    << "</a></li>\n<li><a href=\"" << (fr ? "/voeux/" : "/en/motions/") << id << "\">"
    << w({"Les recommandations et les vœux", "The recommendations and motions"}, l)
    << "</a></li>\n<li><a href=\"" << (fr ? "/transparence/" : "/en/transparency/") << id << "\">"
    << w({"Les décisions du Conseil, les engagements de la Ville et leur suivi",
          "The Council’s decisions, the City’s commitments and their follow-up"},
         l)
    << "</a></li>\n</ul>\n</section>\n";
}

}  // namespace

std::string assembly_href(const std::string& id, Lang lang) {
  return (lang == Lang::fr ? "/assemblee/" : "/en/assembly/") + id;
}

Page home(const std::vector<store::Cohort>& cohorts, const std::string& today, Lang l) {
  Page p;
  p.lang = l;
  p.title = w({"Les assemblées citoyennes", "The citizens’ assemblies"}, l);
  p.description = w(kWhatItIs, l);
  p.other_lang_href = assembly::site::home_href(assembly::site::other(l));
  std::ostringstream o;
  o << "<p class=\"fr-text--lead\">" << w(kWhatItIs, l) << "</p>\n";
  if (cohorts.empty()) {
    o << "<p>" << w({"Aucune assemblée n’est encore publiée.", "No assembly is published yet."}, l)
      << "</p>\n";
  } else {
    o << "<ul class=\"fr-grid-row fr-grid-row--gutters fr-raw-list\">\n";
    for (auto it = cohorts.rbegin(); it != cohorts.rend(); ++it) {
      const auto& c = *it;
      int drawn = 0;
      for (const auto& [status, n] : c.members_by_status) drawn += n;
      o << "<li class=\"fr-col-12 fr-col-md-6\"><div class=\"fr-card fr-enlarge-link\">"
        << "<div class=\"fr-card__body\"><div class=\"fr-card__content\">"
        << "<h2 class=\"fr-card__title\"><a href=\"" << e(assembly_href(c.id, l)) << "\">"
        << e(c.name) << "</a></h2>\n<p class=\"fr-card__desc\">"
        << e(mandate(c.mandate_start, c.mandate_end, l)) << "</p>\n<ul class=\"fr-card__desc\">"
        << "<li>"
        << assembly::site::counted(drawn, {"personne tirée au sort", "personnes tirées au sort"},
                                   {"person drawn", "people drawn"}, l)
        << "</li><li>"
        << assembly::site::counted(status_count(c.members_by_status, "active"),
                                   {"membre en fonction", "membres en fonction"},
                                   {"member sitting", "members sitting"}, l)
        << "</li><li>"
        << assembly::site::counted(status_count(c.members_by_status, "completed"),
                                   {"mandat accompli", "mandats accomplis"},
                                   {"term completed", "terms completed"}, l)
        << "</li><li>"
        << assembly::site::counted(static_cast<long long>(c.workshops.size()),
                                   {"atelier", "ateliers"}, {"workshop", "workshops"}, l)
        << "</li></ul>\n"
        << "<div class=\"fr-card__start\">" << state_badge(c.mandate_start, c.mandate_end, today, l)
        << "</div></div></div></div></li>\n";
    }
    o << "</ul>\n";
  }
  p.body = o.str();
  return p;
}

Page assembly(const store::PublicAssembly& a, const std::vector<app::Results>& evaluations,
              const std::string& today, Lang l) {
  Page p;
  p.lang = l;
  p.title = a.name;
  p.description = std::string(w({"L’assemblée citoyenne ", "The citizens’ assembly "}, l)) +
                  a.name + " : " + mandate(a.mandate_start, a.mandate_end, l) + ".";
  p.other_lang_href = assembly_href(a.id, assembly::site::other(l));
  std::ostringstream o;
  o << state_badge(a.mandate_start, a.mandate_end, today, l) << "\n<p class=\"fr-text--lead\">"
    << e(mandate(a.mandate_start, a.mandate_end, l)) << "</p>\n"
    << "<section aria-labelledby=\"quoi\">\n<h2 id=\"quoi\">"
    << w({"Qu’est-ce qu’une assemblée citoyenne ?", "What is a citizens’ assembly?"}, l)
    << "</h2>\n<p>" << w(kWhatItIs, l) << "</p>\n";
  if (!a.workshops.empty()) {
    o << "<p>" << w({"Ses ateliers :", "Its workshops:"}, l) << "</p>\n<ul>\n";
    for (const auto& t : a.workshops) {
      const auto title = assembly::site::theme_title(t, l);
      o << "<li>" << e(title.empty() ? t : title) << "</li>\n";
    }
    o << "</ul>\n";
  }
  o << "</section>\n";
  write_figures(o, a, l);
  write_mandates(o, a, l);
  write_evaluations(o, evaluations, l);
  write_links(o, a, l);
  p.body = o.str();
  return p;
}

}  // namespace membership::page
