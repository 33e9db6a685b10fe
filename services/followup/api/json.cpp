#include "api/json.h"

#include "domain/report.h"

namespace followup::api {
using nlohmann::json;

namespace {
json text_or_null(const std::string& s) {
  return s.empty() ? json() : json(s);
}
template <typename T>
json or_null(const std::optional<T>& v) {
  return v ? json(*v) : json();
}
}  // namespace

json to_json(const store::Dossier& d) {
  return {{"id", d.id},
          {"motion_id", d.motion_id},
          {"assembly_id", d.assembly_id},
          {"theme", d.theme},
          {"stage", domain::to_string(d.stage)},
          {"opened_at", d.opened_at},
          {"title", d.title},
          {"adopted_by_assembly_at", text_or_null(d.adopted_by_assembly_at)},
          {"sent_to_council_at", text_or_null(d.sent_to_council_at)},
          {"spokespersons", d.spokespersons}};
}

json to_json(const store::RecommendationText& r) {
  return {{"id", r.id}, {"title", r.title}, {"text", r.text}};
}

json to_json(const store::AgendaItem& a) {
  json recommendations = json::array(), positions = json::array();
  for (const auto& r : a.recommendations) recommendations.push_back(to_json(r));
  for (const auto& p : a.positions)
    positions.push_back({{"group", p.group}, {"position", p.position}, {"summary", p.summary}});
  return {{"id", a.id},
          {"session_id", a.session_id},
          {"session_name", a.session_name},
          {"held_on", a.held_on},
          {"position", a.position},
          {"dossier_id", a.dossier_id},
          {"motion_id", a.motion_id},
          {"assembly_id", a.assembly_id},
          {"theme", a.theme},
          {"title", a.title},
          {"spokespersons", a.spokespersons},
          {"recommendations", recommendations},
          {"presentation", a.presentation},
          {"debate_summary", a.debate_summary},
          {"positions", positions},
          {"decision", or_null(a.decision)},
          {"votes_for", or_null(a.votes_for)},
          {"votes_against", or_null(a.votes_against)},
          {"abstentions", or_null(a.abstentions)},
          {"amendments", a.amendments},
          {"decided_at", or_null(a.decided_at)}};
}

json to_json(const store::Session& s, const std::vector<store::AgendaItem>& agenda) {
  json items = json::array();
  for (const auto& a : agenda) items.push_back(to_json(a));
  return {
      {"id", s.id}, {"name", s.name}, {"body", s.body}, {"held_on", s.held_on}, {"agenda", items}};
}

json to_json(const store::CommitmentView& c) {
  json out = {{"id", c.id},
              {"assembly_id", c.assembly_id},
              {"dossier_id", c.dossier_id},
              {"motion_id", c.motion_id},
              {"motion_title", c.motion_title},
              {"recommendation_id", c.recommendation_id},
              {"recommendation_title", c.recommendation_title},
              {"title", c.title},
              {"description", c.description},
              {"department", c.department},
              {"elected_official", c.elected_official},
              {"deliverables", json::parse(c.deliverables_json)},
              {"status", domain::to_string(c.status)},
              {"progress", c.progress},
              {"status_reason", c.status_reason},
              {"created_at", c.created_at},
              {"updated_at", c.updated_at},
              {"milestones_total", c.milestones_total},
              {"milestones_overdue", c.milestones_overdue}};
  json milestones = json::array();
  for (const auto& m : c.milestones)
    milestones.push_back({{"id", m.id},
                          {"title", m.title},
                          {"due_on", m.due_on},
                          {"done_on", or_null(m.done_on)},
                          {"overdue", m.overdue}});
  out["milestones"] = milestones;
  if (!c.full) return out;
  json timeline = json::array(), evidence = json::array();
  for (const auto& t : c.timeline)
    timeline.push_back({{"seq", t.seq},
                        {"at", t.at},
                        {"change", t.change},
                        {"status", domain::to_string(t.status)},
                        {"progress", t.progress},
                        {"note", t.note}});
  for (const auto& e : c.evidence)
    evidence.push_back({{"url", e.url}, {"label", e.label}, {"added_at", e.added_at}});
  out["timeline"] = timeline;
  out["evidence"] = evidence;
  return out;
}

json to_json(const store::ReportRow& r, const std::string& today, bool with_draft) {
  const bool published = r.report.status == domain::ReportStatus::published;
  return {{"id", r.id},
          {"assembly_id", r.assembly_id},
          {"sequence", r.report.sequence},
          {"due_on", r.report.due_on},
          {"status", domain::to_string(r.report.status)},
          {"as_of", text_or_null(r.report.as_of)},
          {"summary", r.summary},
          {"published_at", text_or_null(r.published_at)},
          {"overdue", domain::overdue(r.report, today)},
          {"overdue_flagged_at", text_or_null(r.overdue_flagged_at)},
          {"members_informed", r.members_informed < 0 ? json() : json(r.members_informed)},
          {"members_not_reached", r.members_not_reached < 0 ? json() : json(r.members_not_reached)},
          {"snapshot", published || with_draft ? r.report.snapshot : json()}};
}

json reports_json(const std::vector<store::ReportRow>& reports, const std::string& today) {
  json items = json::array();
  for (const auto& r : reports) items.push_back(to_json(r, today));
  return items;
}

json to_json(const app::Flagged& flagged) {
  json out = {{"reports", json::array()}, {"milestones", json::array()}};
  for (const auto& r : flagged.reports)
    out["reports"].push_back({{"id", r.id},
                              {"assembly_id", r.assembly_id},
                              {"sequence", r.report.sequence},
                              {"due_on", r.report.due_on}});
  for (const auto& m : flagged.milestones)
    out["milestones"].push_back({{"id", m.milestone.id},
                                 {"commitment_id", m.commitment_id},
                                 {"due_on", m.milestone.due_on}});
  return out;
}

json tree_json(const std::string& assembly_id, const store::PublicTree& tree,
               const std::string& generated_at, const std::string& today) {
  json motions = json::array();
  for (const auto& d : tree.dossiers) {
    json council;
    if (auto item = tree.agenda_items.find(d.id); item != tree.agenda_items.end()) {
      council = to_json(item->second);
      for (const char* k : {"recommendations", "dossier_id", "motion_id", "assembly_id", "theme",
                            "title", "spokespersons", "id"})
        council.erase(k);
    }
    json recommendations = json::array(), commitments = json::array();
    if (auto rs = tree.recommendations.find(d.id); rs != tree.recommendations.end())
      for (const auto& r : rs->second) recommendations.push_back(to_json(r));
    if (auto cs = tree.commitments.find(d.id); cs != tree.commitments.end())
      for (const auto& c : cs->second) commitments.push_back(to_json(c));
    motions.push_back({{"dossier_id", d.id},
                       {"motion_id", d.motion_id},
                       {"theme", d.theme},
                       {"title", d.title},
                       {"text", d.text},
                       {"stage", domain::to_string(d.stage)},
                       {"adopted_by_assembly_at", text_or_null(d.adopted_by_assembly_at)},
                       {"sent_to_council_at", text_or_null(d.sent_to_council_at)},
                       {"spokespersons", d.spokespersons},
                       {"recommendations", recommendations},
                       {"council", council},
                       {"commitments", commitments}});
  }
  return {{"assembly_id", assembly_id},
          {"generated_at", generated_at},
          {"motions", motions},
          {"reports", reports_json(tree.reports, today)}};
}

}  // namespace followup::api
