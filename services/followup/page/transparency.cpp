#include "page/transparency.h"

#include <map>
#include <sstream>

#include "assembly/core/csv.h"
#include "assembly/core/html.h"
#include "assembly/site/page.h"
#include "assembly/site/table.h"

namespace followup::page {
using assembly::core::csv_text;
using assembly::site::long_date;
using nlohmann::json;

namespace {

// The page's words, French first.
const std::map<std::string, std::pair<const char*, const char*>>& words() {
  static const std::map<std::string, std::pair<const char*, const char*>> w = {
      {"title",
       {"Suivi des vœux de l’Assemblée citoyenne",
        "Follow-up of the Citizens’ Assembly’s motions"}},
      {"intro",
       {"Ce que sont devenus les vœux de l’Assemblée citoyenne : les recommandations, la décision "
        "du Conseil, les engagements de la Ville et leur avancement, et les rapports de suivi "
        "(droit de suite).",
        "What became of the Citizens’ Assembly’s motions: the recommendations, the Council’s "
        "decision, the City’s commitments and their progress, and the follow-up reports."}},
      {"contents", {"Sommaire", "Contents"}},
      {"motion", {"Vœu", "Motion"}},
      {"workshop", {"Atelier", "Workshop"}},
      {"adopted_by_assembly", {"Adopté par l’Assemblée le", "Adopted by the Assembly on"}},
      {"sent_to_council", {"Transmis au Conseil le", "Sent to the Council on"}},
      {"spokespersons", {"Porte-parole", "Spokespersons"}},
      {"recommendations", {"Recommandations", "Recommendations"}},
      {"no_recommendations",
       {"Aucune recommandation n’est encore rattachée à ce vœu.",
        "No recommendation is attached to this motion yet."}},
      {"council", {"Décision du Conseil", "Council decision"}},
      {"not_on_agenda",
       {"Pas encore inscrit à l’ordre du jour du Conseil.", "Not yet on the Council’s agenda."}},
      {"session", {"Séance", "Session"}},
      {"decision", {"Décision", "Decision"}},
      {"awaiting_decision",
       {"En attente de la décision du Conseil.", "Awaiting the Council’s decision."}},
      {"votes", {"Votes", "Votes"}},
      {"for", {"Pour", "For"}},
      {"against", {"Contre", "Against"}},
      {"abstention", {"Abstention", "Abstention"}},
      {"abstentions", {"Abstentions", "Abstentions"}},
      {"divided", {"Partagé", "Divided"}},
      {"amendments", {"Amendements", "Amendments"}},
      {"presentation", {"Présentation par les porte-parole", "Presentation by the spokespersons"}},
      {"debate", {"Débat", "Debate"}},
      {"positions", {"Positions des groupes politiques", "Political groups’ positions"}},
      {"group", {"Groupe", "Group"}},
      {"position", {"Position", "Position"}},
      {"summary", {"Résumé", "Summary"}},
      {"commitments", {"Engagements de la Ville", "The City’s commitments"}},
      {"no_commitments", {"Aucun engagement n’est encore publié.", "No commitment published yet."}},
      {"recommendation", {"Recommandation", "Recommendation"}},
      {"department", {"Direction", "Department"}},
      {"official", {"Élu·e référent·e", "Elected official"}},
      {"status", {"Statut", "Status"}},
      {"progress", {"Avancement", "Progress"}},
      {"deliverables", {"Livrables", "Deliverables"}},
      {"milestones", {"Jalons", "Milestones"}},
      {"milestone", {"Jalon", "Milestone"}},
      {"due_on", {"Échéance", "Due"}},
      {"state", {"État", "State"}},
      {"done_on", {"Réalisé le", "Done on"}},
      {"overdue", {"En retard", "Overdue"}},
      {"to_come", {"À venir", "To come"}},
      {"evidence", {"Justificatifs", "Evidence"}},
      {"document", {"document", "document"}},
      {"timeline", {"Historique", "Timeline"}},
      {"reports", {"Rapports de suivi (droit de suite)", "Follow-up reports"}},
      {"no_reports", {"Aucun rapport n’est encore prévu.", "No report scheduled yet."}},
      {"report", {"Rapport", "Report"}},
      {"as_of", {"Situation au", "State on"}},
      {"published", {"Publié le", "Published on"}},
      {"informed", {"envoyé par e-mail à", "e-mailed to"}},
      {"informed_whom", {"membres et anciens membres", "members and former members"}},
      {"report_commitments", {"Engagements", "Commitments"}},
      {"report_done", {"Réalisés", "Done"}},
      {"report_overdue", {"Jalons en retard", "Overdue milestones"}},
      {"open_data", {"Données ouvertes", "Open data"}},
      {"open_data_json", {"Tout le suivi (JSON)", "The whole follow-up (JSON)"}},
      {"open_data_commitments", {"Engagements (CSV)", "Commitments (CSV)"}},
      {"open_data_milestones", {"Jalons (CSV)", "Milestones (CSV)"}},
      {"open_data_about",
       {"Licence, schéma des fichiers et autres données ouvertes",
        "Licence, the files' schema and other open data"}},
      {"s_planned", {"Prévu", "Planned"}},
      {"s_in-progress", {"En cours", "In progress"}},
      {"s_done", {"Réalisé", "Done"}},
      {"s_delayed", {"Retardé", "Delayed"}},
      {"s_abandoned", {"Abandonné", "Abandoned"}},
      {"s_adopted", {"Adopté", "Adopted"}},
      {"s_adopted-with-amendments", {"Adopté avec amendements", "Adopted with amendments"}},
      {"s_rejected", {"Rejeté", "Rejected"}},
      {"s_scheduled", {"Prévu", "Scheduled"}},
      {"s_compiled", {"En préparation", "In preparation"}},
      {"s_published", {"Publié", "Published"}},
      {"s_for", {"Pour", "For"}},
      {"s_against", {"Contre", "Against"}},
      {"s_abstention", {"Abstention", "Abstention"}},
      {"s_divided", {"Partagé", "Divided"}},
      {"s_created", {"Engagement pris", "Commitment made"}},
      {"s_status", {"Changement de statut", "Status changed"}},
      {"s_progress", {"Avancement mis à jour", "Progress updated"}},
      {"s_milestone-added", {"Jalon ajouté", "Milestone added"}},
      {"s_milestone-done", {"Jalon réalisé", "Milestone done"}},
      {"s_milestone-rescheduled", {"Jalon reporté", "Milestone moved"}},
      {"s_evidence", {"Justificatif ajouté", "Evidence added"}},
  };
  return w;
}

std::string t(const std::string& key, Lang lang) {
  auto it = words().find(key);
  if (it == words().end()) return key;
  return lang == Lang::fr ? it->second.first : it->second.second;
}
// A state's words ("s_" + value), the value itself when unknown.
std::string state(const json& v, Lang lang) {
  if (!v.is_string()) return "";
  auto it = words().find("s_" + v.get<std::string>());
  return it == words().end() ? v.get<std::string>()
                             : (lang == Lang::fr ? it->second.first : it->second.second);
}
std::string str(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}
// A state as a DSFR badge: said in words, its colour only repeats them.
std::string badge(const json& v, Lang lang) {
  static const std::map<std::string, const char*> kinds = {
      {"done", "success"},      {"adopted", "success"},  {"adopted-with-amendments", "success"},
      {"published", "success"}, {"in-progress", "info"}, {"compiled", "info"},
      {"delayed", "warning"},   {"rejected", "error"},   {"abandoned", "error"}};
  const auto value = v.is_string() ? v.get<std::string>() : std::string();
  auto it = kinds.find(value);
  return std::string("<span class=\"fr-badge fr-badge--sm fr-badge--no-icon") +
         (it == kinds.end() ? "" : std::string(" fr-badge--") + it->second) + "\">" +
         assembly::core::html_escape(state(v, lang)) + "</span>";
}
// The overdue flag: a badge that says it.
std::string overdue_flag(Lang lang) {
  return "<span class=\"fr-badge fr-badge--sm fr-badge--no-icon fr-badge--error site-overdue\">" +
         t("overdue", lang) + "</span>";
}
std::string e(const std::string& s) {
  return assembly::core::html_escape(s);
}
std::string ed(const json& o, const char* key, Lang lang) {
  return e(long_date(str(o, key).substr(0, 10), lang));
}

void write_decision(std::ostringstream& o, const json& council, Lang lang) {
  o << "<h3>" << t("council", lang) << "</h3>\n";
  if (council.is_null()) {
    o << "<p>" << t("not_on_agenda", lang) << "</p>\n";
    return;
  }
  o << "<p>" << t("session", lang) << " : " << e(str(council, "session_name")) << ", "
    << ed(council, "held_on", lang) << "</p>\n";
  if (!str(council, "presentation").empty())
    o << "<h4>" << t("presentation", lang) << "</h4>\n<p>" << e(str(council, "presentation"))
      << "</p>\n";
  if (!str(council, "debate_summary").empty())
    o << "<h4>" << t("debate", lang) << "</h4>\n<p>" << e(str(council, "debate_summary"))
      << "</p>\n";
  if (council.contains("positions") && !council["positions"].empty()) {
    o << assembly::site::table_start(t("positions", lang)) << "<thead><tr><th scope=\"col\">"
      << t("group", lang) << "</th><th scope=\"col\">" << t("position", lang)
      << "</th><th scope=\"col\">" << t("summary", lang) << "</th></tr></thead>\n<tbody>\n";
    for (const auto& p : council["positions"])
      o << "<tr><th scope=\"row\">" << e(str(p, "group")) << "</th><td>"
        << e(state(p["position"], lang)) << "</td><td>" << e(str(p, "summary")) << "</td></tr>\n";
    o << "</tbody>\n" << assembly::site::table_end();
  }
  if (str(council, "decision").empty()) {
    o << "<p>" << t("awaiting_decision", lang) << "</p>\n";
    return;
  }
  o << "<p><strong>" << t("decision", lang) << " : " << badge(council["decision"], lang)
    << "</strong></p>\n";
  o << assembly::site::table_start(t("votes", lang)) << "<thead><tr><th scope=\"col\">"
    << t("for", lang) << "</th><th scope=\"col\">" << t("against", lang)
    << "</th><th scope=\"col\">" << t("abstentions", lang) << "</th></tr></thead>\n<tbody><tr><td>"
    << e(str(council, "votes_for")) << "</td><td>" << e(str(council, "votes_against"))
    << "</td><td>" << e(str(council, "abstentions")) << "</td></tr></tbody>\n"
    << assembly::site::table_end();
  if (!str(council, "amendments").empty())
    o << "<h4>" << t("amendments", lang) << "</h4>\n<p>" << e(str(council, "amendments"))
      << "</p>\n";
}

void write_commitment(std::ostringstream& o, const json& c, Lang lang) {
  const auto id = e(str(c, "id"));
  o << "<article class=\"fr-callout fr-mb-3w\" aria-labelledby=\"c-" << id << "\">\n<h4 id=\"c-"
    << id << "\">" << e(str(c, "title")) << "</h4>\n";
  if (!str(c, "description").empty()) o << "<p>" << e(str(c, "description")) << "</p>\n";
  o << "<dl>\n<dt>" << t("recommendation", lang) << "</dt><dd>" << e(str(c, "recommendation_title"))
    << "</dd>\n<dt>" << t("department", lang) << "</dt><dd>" << e(str(c, "department"))
    << "</dd>\n";
  if (!str(c, "elected_official").empty())
    o << "<dt>" << t("official", lang) << "</dt><dd>" << e(str(c, "elected_official")) << "</dd>\n";
  o << "<dt>" << t("status", lang) << "</dt><dd>" << badge(c["status"], lang);
  if (!str(c, "status_reason").empty()) o << " (" << e(str(c, "status_reason")) << ")";
  o << "</dd>\n</dl>\n";
  const auto progress = e(str(c, "progress"));
  o << "<p><label for=\"p-" << id << "\">" << t("progress", lang) << "</label> <progress id=\"p-"
    << id << "\" max=\"100\" value=\"" << progress << "\">" << progress << " %</progress> "
    << progress << " %</p>\n";
  if (c.contains("deliverables") && !c["deliverables"].empty()) {
    o << "<h5>" << t("deliverables", lang) << "</h5>\n<ul>\n";
    for (const auto& d : c["deliverables"])
      o << "<li>" << e(d.is_string() ? d.get<std::string>() : d.dump()) << "</li>\n";
    o << "</ul>\n";
  }
  if (c.contains("milestones") && !c["milestones"].empty()) {
    o << assembly::site::table_start(t("milestones", lang)) << "<thead><tr><th scope=\"col\">"
      << t("milestone", lang) << "</th><th scope=\"col\">" << t("due_on", lang)
      << "</th><th scope=\"col\">" << t("state", lang) << "</th></tr></thead>\n<tbody>\n";
    for (const auto& m : c["milestones"]) {
      o << "<tr><th scope=\"row\">" << e(str(m, "title")) << "</th><td>" << ed(m, "due_on", lang)
        << "</td><td>";
      if (!str(m, "done_on").empty())
        o << t("done_on", lang) << " " << ed(m, "done_on", lang);
      else if (m.value("overdue", false))
        o << overdue_flag(lang);
      else
        o << t("to_come", lang);
      o << "</td></tr>\n";
    }
    o << "</tbody>\n" << assembly::site::table_end();
  }
  if (c.contains("evidence") && !c["evidence"].empty()) {
    o << "<h5>" << t("evidence", lang) << "</h5>\n<ul>\n";
    for (const auto& ev : c["evidence"]) {
      // A document uploaded as evidence is at its stable address (api/uploads.cpp): said so.
      const auto url = str(ev, "url");
      o << "<li><a href=\"" << e(url) << "\">" << e(str(ev, "label")) << "</a>";
      if (url.rfind("/api/followup/v1/documents/", 0) == 0) o << " (" << t("document", lang) << ")";
      o << "</li>\n";
    }
    o << "</ul>\n";
  }
  if (c.contains("timeline") && !c["timeline"].empty()) {
    o << "<details>\n<summary>" << t("timeline", lang) << " ("
      << assembly::site::counted(static_cast<long long>(c["timeline"].size()), {"étape", "étapes"},
                                 {"change", "changes"}, lang)
      << ")</summary>\n<ol>\n";
    for (const auto& s : c["timeline"]) {
      o << "<li><time datetime=\"" << e(str(s, "at")) << "\">" << ed(s, "at", lang)
        << "</time> : " << e(state(s["change"], lang)) << ", " << e(state(s["status"], lang))
        << ", " << e(str(s, "progress")) << " %";
      if (!str(s, "note").empty()) o << " (" << e(str(s, "note")) << ")";
      o << "</li>\n";
    }
    o << "</ol>\n</details>\n";
  }
  o << "</article>\n";
}

void write_reports(std::ostringstream& o, const json& reports, Lang lang) {
  o << "<section aria-labelledby=\"rapports\">\n<h2 id=\"rapports\">" << t("reports", lang)
    << "</h2>\n";
  if (!reports.is_array() || reports.empty()) {
    o << "<p>" << t("no_reports", lang) << "</p>\n</section>\n";
    return;
  }
  o << assembly::site::table_start(t("reports", lang)) << "<thead><tr><th scope=\"col\">"
    << t("report", lang) << "</th><th scope=\"col\">" << t("due_on", lang)
    << "</th><th scope=\"col\">" << t("status", lang) << "</th><th scope=\"col\">"
    << t("as_of", lang) << "</th><th scope=\"col\">" << t("report_commitments", lang)
    << "</th><th scope=\"col\">" << t("report_done", lang) << "</th><th scope=\"col\">"
    << t("report_overdue", lang) << "</th></tr></thead>\n<tbody>\n";
  for (const auto& r : reports) {
    const bool published = str(r, "status") == "published";
    o << "<tr><th scope=\"row\">" << t("report", lang) << " " << e(str(r, "sequence"))
      << "</th><td>" << ed(r, "due_on", lang) << "</td><td>" << badge(r["status"], lang);
    if (published) {
      o << " (" << ed(r, "published_at", lang);
      // How many members and former members it reached, once the notifications service counted.
      if (r.contains("members_informed") && r["members_informed"].is_number())
        o << ", " << t("informed", lang) << " " << e(str(r, "members_informed")) << " "
          << t("informed_whom", lang);
      o << ")";
    } else if (r.value("overdue", false))
      o << " " << overdue_flag(lang);
    o << "</td>";
    if (published && r["snapshot"].is_object()) {
      const auto& s = r["snapshot"];
      o << "<td>" << ed(s, "as_of", lang) << "</td><td>" << s["commitments"].size() << "</td><td>"
        << e(str(s["by_status"], "done")) << "</td><td>" << e(str(s, "milestones_overdue"))
        << "</td>";
    } else {
      o << "<td>–</td><td>–</td><td>–</td><td>–</td>";
    }
    o << "</tr>\n";
  }
  o << "</tbody>\n" << assembly::site::table_end();
  for (const auto& r : reports)
    if (str(r, "status") == "published" && !str(r, "summary").empty())
      o << "<h3>" << t("report", lang) << " " << e(str(r, "sequence")) << "</h3>\n<p>"
        << e(str(r, "summary")) << "</p>\n";
  o << "</section>\n";
}

}  // namespace

std::string transparency_href(const std::string& assembly_id, Lang lang) {
  return (lang == Lang::fr ? "/transparence/" : "/en/transparency/") + assembly_id;
}

assembly::site::Page transparency_page(const json& tree, Lang lang) {
  std::ostringstream o;
  const auto id = str(tree, "assembly_id");
  const auto assembly = e(id);
  assembly::site::Page page;
  page.lang = lang;
  page.title = t("title", lang);
  page.description = t("intro", lang);
  page.other_lang_href = transparency_href(id, assembly::site::other(lang));
  page.trail = {{(lang == Lang::fr ? "/assemblee/" : "/en/assembly/") + id, id}};
  o << "<p class=\"fr-text--lead\">" << t("intro", lang) << "</p>\n";
  const json motions =
      tree.contains("motions") && tree["motions"].is_array() ? tree["motions"] : json::array();
  if (!motions.empty()) {
    o << "<nav aria-label=\"" << t("contents", lang) << "\">\n<h2>" << t("contents", lang)
      << "</h2>\n<ol>\n";
    for (std::size_t i = 0; i < motions.size(); ++i)
      o << "<li><a href=\"#voeu-" << i + 1 << "\">"
        << e(str(motions[i], "title").empty() ? str(motions[i], "theme") : str(motions[i], "title"))
        << "</a></li>\n";
    o << "<li><a href=\"#rapports\">" << t("reports", lang) << "</a></li>\n</ol>\n</nav>\n";
  }
  for (std::size_t i = 0; i < motions.size(); ++i) {
    const auto& m = motions[i];
    const auto title = str(m, "title").empty() ? str(m, "theme") : str(m, "title");
    o << "<section class=\"fr-mt-6w\" aria-labelledby=\"voeu-" << i + 1 << "\">\n<h2 id=\"voeu-"
      << i + 1 << "\">" << t("motion", lang) << " : " << e(title) << "</h2>\n<dl>\n<dt>"
      << t("workshop", lang) << "</dt><dd>" << e(str(m, "theme")) << "</dd>\n";
    if (!str(m, "adopted_by_assembly_at").empty())
      o << "<dt>" << t("adopted_by_assembly", lang) << "</dt><dd>"
        << ed(m, "adopted_by_assembly_at", lang) << "</dd>\n";
    if (!str(m, "sent_to_council_at").empty())
      o << "<dt>" << t("sent_to_council", lang) << "</dt><dd>" << ed(m, "sent_to_council_at", lang)
        << "</dd>\n";
    if (m.value("spokespersons", 0) > 0)
      o << "<dt>" << t("spokespersons", lang) << "</dt><dd>" << m.value("spokespersons", 0)
        << "</dd>\n";
    o << "</dl>\n";
    if (!str(m, "text").empty()) o << "<p>" << e(str(m, "text")) << "</p>\n";
    o << "<h3>" << t("recommendations", lang) << "</h3>\n";
    if (m.contains("recommendations") && !m["recommendations"].empty()) {
      o << "<ol>\n";
      for (const auto& r : m["recommendations"]) {
        o << "<li><strong>" << e(str(r, "title").empty() ? str(r, "id") : str(r, "title"))
          << "</strong>";
        if (!str(r, "text").empty()) o << "<p>" << e(str(r, "text")) << "</p>";
        o << "</li>\n";
      }
      o << "</ol>\n";
    } else {
      o << "<p>" << t("no_recommendations", lang) << "</p>\n";
    }
    write_decision(o, m.contains("council") ? m["council"] : json(), lang);
    o << "<h3>" << t("commitments", lang) << "</h3>\n";
    if (m.contains("commitments") && !m["commitments"].empty())
      for (const auto& c : m["commitments"]) write_commitment(o, c, lang);
    else
      o << "<p>" << t("no_commitments", lang) << "</p>\n";
    o << "</section>\n";
  }
  write_reports(o, tree.contains("reports") ? tree["reports"] : json(), lang);
  o << "<section aria-labelledby=\"donnees\">\n<h2 id=\"donnees\">" << t("open_data", lang)
    << "</h2>\n<ul>\n<li><a href=\"/open-data/assemblies/" << assembly << "/follow-up.json\">"
    << t("open_data_json", lang) << "</a></li>\n<li><a href=\"/open-data/assemblies/" << assembly
    << "/commitments.csv\">" << t("open_data_commitments", lang)
    << "</a></li>\n<li><a href=\"/open-data/assemblies/" << assembly << "/milestones.csv\">"
    << t("open_data_milestones", lang) << "</a></li>\n<li><a href=\""
    << (lang == Lang::fr ? "/donnees-ouvertes" : "/en/open-data") << "\">"
    << t("open_data_about", lang) << "</a></li>\n</ul>\n</section>\n";
  page.body = o.str();
  return page;
}

std::string render_html(const json& tree, Lang lang) {
  return assembly::site::render(transparency_page(tree, lang));
}

std::string commitments_csv(const json& tree) {
  std::ostringstream o;
  o << "motion_id,motion_title,workshop,council_decision,council_session_date,recommendation_id,"
       "recommendation_title,commitment_id,"
       "commitment_title,department,elected_official,status,progress,milestones,milestones_done,"
       "milestones_overdue,updated_at\r\n";
  if (!tree.contains("motions")) return o.str();
  for (const auto& m : tree["motions"]) {
    const json council = m.contains("council") ? m["council"] : json();
    for (const auto& c : m.value("commitments", json::array())) {
      int done = 0, overdue = 0;
      for (const auto& ms : c.value("milestones", json::array())) {
        done += !str(ms, "done_on").empty();
        overdue += ms.value("overdue", false);
      }
      o << csv_text(str(m, "motion_id")) << ',' << csv_text(str(m, "title")) << ','
        << csv_text(str(m, "theme")) << ','
        << csv_text(council.is_object() ? str(council, "decision") : "") << ','
        << csv_text(council.is_object() ? str(council, "held_on") : "") << ','
        << csv_text(str(c, "recommendation_id")) << ',' << csv_text(str(c, "recommendation_title"))
        << ',' << csv_text(str(c, "id")) << ',' << csv_text(str(c, "title")) << ','
        << csv_text(str(c, "department")) << ',' << csv_text(str(c, "elected_official")) << ','
        << csv_text(str(c, "status")) << ',' << csv_text(str(c, "progress")) << ','
        << c.value("milestones", json::array()).size() << ',' << done << ',' << overdue << ','
        << csv_text(str(c, "updated_at")) << "\r\n";
    }
  }
  return o.str();
}

std::string milestones_csv(const json& tree) {
  std::ostringstream o;
  o << "commitment_id,milestone_id,title,due_on,done_on,overdue\r\n";
  if (!tree.contains("motions")) return o.str();
  for (const auto& m : tree["motions"])
    for (const auto& c : m.value("commitments", json::array()))
      for (const auto& ms : c.value("milestones", json::array()))
        o << csv_text(str(c, "id")) << ',' << csv_text(str(ms, "id")) << ','
          << csv_text(str(ms, "title")) << ',' << csv_text(str(ms, "due_on")) << ','
          << csv_text(str(ms, "done_on")) << ',' << (ms.value("overdue", false) ? "true" : "false")
          << "\r\n";
  return o.str();
}

}  // namespace followup::page
