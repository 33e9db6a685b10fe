#include "page/workshops.h"

#include "assembly/core/html.h"
#include "assembly/site/table.h"

namespace workshops::page {
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

// A theme's public title in the page's language; the workshop's own title for another theme.
std::string theme_title(const store::Workshop& w, Lang l) {
  auto title = assembly::site::theme_title(w.theme, l);
  if (!title.empty()) return title;
  return w.title.empty() ? w.theme : w.title;
}

std::string phase_words(const std::string& kind, Lang l) {
  if (kind == "discovery") return pick(l, "Découverte", "Discovery");
  if (kind == "recommendations") return pick(l, "Recommandations", "Recommendations");
  if (kind == "co-construction-and-vote")
    return pick(l, "Co-construction et vote", "Co-construction and vote");
  return kind;
}

std::string type_words(domain::SessionType t, Lang l) {
  switch (t) {
    case domain::SessionType::working_session:
      return pick(l, "Séance de travail", "Working session");
    case domain::SessionType::hearing:
      return pick(l, "Audition", "Hearing");
    case domain::SessionType::site_visit:
      return pick(l, "Visite de terrain", "Site visit");
    case domain::SessionType::training:
      return pick(l, "Formation", "Training");
    case domain::SessionType::plenary:
      return pick(l, "Plénière", "Plenary");
    case domain::SessionType::co_construction:
      return pick(l, "Co-construction", "Co-construction");
  }
  return "";
}

std::string state_badge(domain::SessionState s, Lang l) {
  switch (s) {
    case domain::SessionState::held:
      return badge(pick(l, "Tenue", "Held"), "success");
    case domain::SessionState::cancelled:
      return badge(pick(l, "Annulée", "Cancelled"), "error");
    case domain::SessionState::scheduled:
      break;
  }
  return badge(pick(l, "Prévue", "Scheduled"), "info");
}

std::string workshop_of(const store::Session& s, const std::vector<WorkshopView>& ws, Lang l) {
  if (s.type == domain::SessionType::plenary || s.workshop_id.empty())
    return pick(l, "Tous les ateliers", "All workshops");
  for (const auto& w : ws)
    if (w.workshop.id == s.workshop_id) return esc(theme_title(w.workshop, l));
  return esc(s.workshop_theme);
}

std::string calendar_html(const AssemblyWorkshops& a, Lang l) {
  std::string h =
      std::string("<h2 id=\"calendrier\">") + pick(l, "Le calendrier", "The calendar") + "</h2>\n";
  if (a.phases.empty()) {
    h += std::string("<p>") +
         pick(l, "Les dates des phases ne sont pas encore fixées.",
              "The dates of the phases are not set yet.") +
         "</p>\n";
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : a.phases)
      rows.push_back({esc(phase_words(p.kind, l)), esc(assembly::site::long_date(p.starts_on, l)),
                      esc(assembly::site::long_date(p.ends_on, l))});
    h += table(pick(l, "Les phases de l’assemblée", "The assembly’s phases"),
               {pick(l, "Phase", "Phase"), pick(l, "Du", "From"), pick(l, "Au", "To")}, rows);
  }
  h += std::string("<h3>") + pick(l, "Les séances", "The sessions") + "</h3>\n";
  if (a.sessions.empty())
    return h + "<p>" +
           pick(l, "Aucune séance n’est encore prévue.", "No session is scheduled yet.") + "</p>\n";
  // One item per session, not a table: a phone reads it without scrolling sideways.
  h += std::string("<p>") + pick(l, "Heures de Paris.", "Paris time.") +
       "</p>\n<ul class=\"site-sessions\">";
  for (const auto& s : a.sessions) {
    const auto start_day = assembly::site::paris_date(s.starts_at, l);
    const auto end_day = assembly::site::paris_date(s.ends_at, l);
    const auto when =
        start_day == end_day
            ? esc(start_day) + pick(l, ", de ", ", ") +
                  esc(assembly::site::paris_time(s.starts_at, l)) + pick(l, " à ", " to ") +
                  esc(assembly::site::paris_time(s.ends_at, l))
            : esc(assembly::site::paris_date_time(s.starts_at, l)) + pick(l, " au ", " to ") +
                  esc(assembly::site::paris_date_time(s.ends_at, l));
    h += "<li class=\"fr-mb-3w\"><p class=\"fr-mb-1v\"><strong>" + when + "</strong> " +
         state_badge(s.state, l);
    if (s.state == domain::SessionState::cancelled && !s.state_reason.empty())
      h += " " + esc(s.state_reason);
    h += "</p><p class=\"fr-mb-0\"><strong>" + esc(s.title) + "</strong> — " +
         esc(type_words(s.type, l));
    if (!s.phase.empty()) h += ", " + esc(phase_words(s.phase, l));
    h += std::string("<br>") + pick(l, "Atelier : ", "Workshop: ") + workshop_of(s, a.workshops, l);
    if (!s.place.empty()) h += std::string("<br>") + pick(l, "Lieu : ", "Place: ") + esc(s.place);
    if (!s.speakers.empty()) {
      h += std::string("<br>") + pick(l, "Personnes entendues : ", "People heard: ");
      for (std::size_t i = 0; i < s.speakers.size(); ++i) {
        const auto& sp = s.speakers[i];
        h += (i ? "; " : "") + esc(sp.name);
        if (!sp.organisation.empty()) h += " (" + esc(sp.organisation) + ")";
        if (!sp.topic.empty()) h += " — " + esc(sp.topic);
      }
    }
    if (!s.site.empty()) h += std::string("<br>") + pick(l, "Site : ", "Site: ") + esc(s.site);
    h += "</p></li>";
  }
  return h + "</ul>\n";
}

// The plenary's day when the session is known; else the day the vote was recorded.
std::string vote_day(const store::Mandate& m, const std::vector<store::Session>& sessions, Lang l) {
  for (const auto& s : sessions)
    if (m.session_id && s.id == *m.session_id) return assembly::site::paris_date(s.starts_at, l);
  return m.decided_at ? assembly::site::long_date(*m.decided_at, l) : "";
}

std::string mandate_html(const store::Mandate& m, const std::vector<store::Session>& sessions,
                         Lang l) {
  std::string state;
  switch (m.state) {
    case domain::MandateState::adopted:
      state = badge(pick(l, "Adopté", "Adopted"), "success");
      break;
    case domain::MandateState::rejected:
      state = badge(pick(l, "Rejeté", "Rejected"), "error");
      break;
    case domain::MandateState::proposed:
      state = badge(pick(l, "Proposé", "Proposed"), "info");
      break;
  }
  std::string h = "<div class=\"fr-callout\"><p>" + state;
  if (!m.department.empty())
    h += std::string(" ") + pick(l, "proposé par la direction ", "proposed by the department ") +
         esc(m.department);
  if (m.notebook_version)
    h += std::string(pick(l, ", en réponse à la version ", ", answering version ")) +
         std::to_string(*m.notebook_version) + pick(l, " du cahier", " of the notebook");
  h += "</p>" + paragraphs(m.text);
  if (m.votes_for) {
    h += std::string("<p>") + pick(l, "Vote en plénière", "Plenary vote");
    if (const auto day = vote_day(m, sessions, l); !day.empty())
      h += std::string(pick(l, " du ", " of ")) + esc(day);
    h += std::string(pick(l, " : pour ", ": for ")) + std::to_string(*m.votes_for) +
         pick(l, ", contre ", ", against ") + std::to_string(m.votes_against.value_or(0)) +
         pick(l, ", abstentions ", ", abstentions ") + std::to_string(m.abstentions.value_or(0)) +
         ".</p>";
  }
  return h + "</div>\n";
}

std::string workshop_html(const WorkshopView& v, const std::vector<store::Session>& sessions,
                          Lang l) {
  const auto& w = v.workshop;
  std::string h = "<h2>" + std::string(pick(l, "Atelier «\u00a0", "Workshop “")) +
                  esc(theme_title(w, l)) + pick(l, "\u00a0»", "”") + "</h2>\n<p>" +
                  assembly::site::number(w.roster_size, l) +
                  pick(l, " membres aujourd’hui.", " members today.");
  if (!w.departments.empty()) {
    h += std::string(" ") +
         pick(l, "Directions de la Ville concernées : ", "City departments concerned: ");
    for (std::size_t i = 0; i < w.departments.size(); ++i)
      h += (i ? ", " : "") + esc(w.departments[i]);
    h += ".";
  }
  h += "</p>\n<h3>" + std::string(pick(l, "Axes de travail prioritaires", "Priority axes")) +
       "</h3>\n";
  if (v.axes.empty()) {
    h += std::string("<p>") +
         pick(l, "Les axes ne sont pas encore choisis.", "The axes are not chosen yet.") + "</p>\n";
  } else {
    h += "<ol>";
    for (const auto& a : v.axes) {
      h += "<li><strong>" + esc(a.title) + "</strong>";
      if (!a.description.empty()) h += " — " + esc(a.description);
      h += "</li>";
    }
    h += std::string("</ol>\n<p>") + pick(l, "Choisis le ", "Chosen on ") +
         esc(assembly::site::long_date(v.axes.front().chosen_on, l)) + ".</p>\n";
  }
  h += std::string("<h3>") + pick(l, "Cahiers de synthèse remis", "Synthesis notebooks submitted") +
       "</h3>\n";
  if (v.submitted.empty()) {
    h += std::string("<p>") +
         pick(l, "Aucun cahier n’est encore remis.", "No notebook is submitted yet.") + "</p>\n";
  } else {
    for (const auto& n : v.submitted) {
      const auto version = std::to_string(n.version);
      h += "<details class=\"fr-mb-2w\"><summary>" + std::string(pick(l, "Version ", "Version ")) +
           version;
      if (n.submitted_at)
        h += std::string(pick(l, ", remise le ", ", submitted on ")) +
             esc(assembly::site::long_date(*n.submitted_at, l));
      if (!n.note.empty()) h += " — " + esc(n.note);
      h += "</summary>" + paragraphs(n.text) + "<p><a href=\"/api/workshops/v1/workshops/" +
           esc(w.id) + "/notebook/versions/" + version + "/pdf\">" +
           pick(l, "La version ", "Version ") + version + pick(l, " en PDF", " as PDF") +
           "</a></p></details>\n";
    }
  }
  h += std::string("<h3>") + pick(l, "Mandat", "Mandate") + "</h3>\n";
  if (v.mandates.empty())
    h += std::string("<p>") +
         pick(l, "Aucun mandat n’est encore proposé.", "No mandate is proposed yet.") + "</p>\n";
  for (const auto& m : v.mandates) h += mandate_html(m, sessions, l);
  return h;
}

}  // namespace

std::string workshops_href(const std::string& assembly_id, Lang lang) {
  return (lang == Lang::fr ? "/ateliers/" : "/en/workshops/") + assembly_id;
}

assembly::site::Page workshops_page(const AssemblyWorkshops& a, Lang l) {
  assembly::site::Page p;
  p.lang = l;
  p.title = pick(l, "Les ateliers et leur calendrier", "The workshops and their calendar");
  p.description = pick(l,
                       "Les ateliers de l’Assemblée citoyenne : calendrier des séances, axes de "
                       "travail prioritaires, cahiers de synthèse et mandats.",
                       "The Citizens’ Assembly’s workshops: the sessions’ calendar, priority "
                       "axes, synthesis notebooks and mandates.");
  p.other_lang_href = workshops_href(a.assembly_id, assembly::site::other(l));
  p.trail = {assembly::site::assembly_link(a.assembly_id, l)};
  std::string h = std::string("<p class=\"fr-text--lead\">") +
                  pick(l,
                       "Les membres de l’assemblée travaillent en ateliers, chacun sur un thème : "
                       "ils entendent des personnes, visitent des lieux, choisissent leurs axes de "
                       "travail et remettent leurs cahiers à la Ville, qui leur confie un mandat.",
                       "The assembly’s members work in workshops, each on a theme: they hear "
                       "people, visit sites, choose their priority axes and submit their "
                       "notebooks to the City, which gives them a mandate.") +
                  "</p>\n";
  if (a.workshops.empty()) {
    h +=
        std::string("<p>") +
        pick(l, "Les ateliers ne sont pas encore formés : ils le seront à la plénière d’ouverture.",
             "The workshops are not formed yet: they will be at the opening plenary.") +
        "</p>\n";
  } else {
    h += std::string("<ul>");
    for (const auto& v : a.workshops)
      h += "<li>" + esc(theme_title(v.workshop, l)) + " — " +
           assembly::site::number(v.workshop.roster_size, l) + pick(l, " membres", " members") +
           "</li>";
    h += "</ul>\n";
  }
  h += calendar_html(a, l);
  for (const auto& v : a.workshops) h += workshop_html(v, a.sessions, l);
  p.body = h;
  return p;
}

}  // namespace workshops::page
