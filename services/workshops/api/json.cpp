#include "api/json.h"

namespace workshops::api {
using nlohmann::json;

namespace {
json or_null(const std::string& s) {
  return s.empty() ? json() : json(s);
}
}  // namespace

json to_json(const store::Session& s, const assembly::auth::Principal* caller) {
  // The check-in code: the secretariat, and the facilitators of the session's workshop.
  bool staff =
      caller &&
      (caller->has(assembly::auth::kSecretariat) ||
       (caller->has(assembly::auth::kFacilitator) && caller->workshops.count(s.workshop_id) > 0));
  json out = {{"id", s.id},
              {"assembly_id", s.assembly_id},
              {"workshop_id", or_null(s.workshop_id)},
              {"workshop_theme", or_null(s.workshop_theme)},
              {"type", domain::to_string(s.type)},
              {"title", s.title},
              {"starts_at", s.starts_at},
              {"ends_at", s.ends_at},
              {"place", s.place},
              {"agenda", s.agenda},
              {"site", s.site},
              {"state", domain::to_string(s.state)},
              {"state_reason", s.state_reason},
              {"sequence", s.sequence},
              {"phase", or_null(s.phase)}};
  json speakers = json::array();
  for (const auto& sp : s.speakers)
    speakers.push_back({{"name", sp.name}, {"organisation", sp.organisation}, {"topic", sp.topic}});
  out["speakers"] = speakers;
  if (caller) {
    json documents = json::array();
    for (const auto& d : s.documents) documents.push_back({{"title", d.title}, {"url", d.url}});
    out["documents"] = documents;
    out["minutes"] = s.minutes;
    out["online_link"] = s.online_link;
  }
  if (staff) out["checkin_code"] = s.checkin_code;
  return out;
}

json to_json(const store::Workshop& w) {
  return {{"id", w.id},
          {"assembly_id", w.assembly_id},
          {"theme", w.theme},
          {"title", w.title},
          {"roster_size", w.roster_size},
          {"departments", w.departments},
          {"created_at", w.created_at}};
}

json to_json(const store::Phase& p) {
  return {{"kind", p.kind}, {"starts_on", p.starts_on}, {"ends_on", p.ends_on}};
}

json to_json(const store::Change& c) {
  return {{"at", c.at}, {"actor", c.actor}, {"change", c.change}, {"detail", c.detail}};
}

json to_json(const store::Axis& a) {
  return {{"rank", a.rank},
          {"title", a.title},
          {"description", a.description},
          {"chosen_on", a.chosen_on}};
}

json to_json(const store::AxisProposal& p) {
  return {{"id", p.id},
          {"workshop_id", p.workshop_id},
          {"title", p.title},
          {"text", p.text},
          {"proposer", domain::to_string(p.proposer)},
          {"proposed_at", p.proposed_at}};
}

json to_json(const store::AxesChoice& c) {
  auto text = [](const std::optional<std::string>& s) { return s ? json(*s) : json(); };
  return {{"workshop_id", c.workshop_id},
          {"state", domain::to_string(c.state)},
          {"seats", c.seats},
          {"opened_at", c.opened_at},
          {"closed_at", text(c.closed_at)},
          {"chosen_on", text(c.chosen_on)},
          {"result", c.result ? json::parse(*c.result) : json()}};
}

json to_json(const store::AxesCorrection& c) {
  return {{"reason", c.reason},
          {"chosen_on", c.chosen_on},
          {"titles", c.titles},
          {"corrected_at", c.corrected_at}};
}

json to_json(const store::NotebookVersion& v, bool with_text) {
  json out = {{"version", v.version},
              {"note", v.note},
              {"author", v.author},
              {"created_at", v.created_at},
              {"submitted_at", v.submitted_at ? json(*v.submitted_at) : json()}};
  if (with_text) out["text"] = v.text;
  return out;
}

json to_json(const store::Mandate& m) {
  auto number = [](const std::optional<int>& n) { return n ? json(*n) : json(); };
  auto text = [](const std::optional<std::string>& s) { return s ? json(*s) : json(); };
  return {{"id", m.id},
          {"workshop_id", m.workshop_id},
          {"text", m.text},
          {"state", domain::to_string(m.state)},
          {"proposed_by", m.proposed_by},
          {"department", m.department},
          {"votes_for", number(m.votes_for)},
          {"votes_against", number(m.votes_against)},
          {"abstentions", number(m.abstentions)},
          {"session_id", text(m.session_id)},
          {"decided_at", text(m.decided_at)},
          // The submitted notebook version it answers (GET /v1/mandates/{id}/notebook).
          {"notebook_version", number(m.notebook_version)},
          // Adopted with no vote against and no abstention (null until voted).
          {"unanimous", m.votes_for ? json(domain::unanimous(m.state, m.votes_against.value_or(0),
                                                             m.abstentions.value_or(0)))
                                    : json()}};
}

json to_json(const store::Participant& p, bool named) {
  json out = {{"id", p.id},
              {"session_id", p.session_id},
              {"kind", domain::to_string(p.kind)},
              {"organisation", p.organisation}};
  if (named) {
    out["name"] = p.name;
    out["title"] = p.title;
    out["added_by"] = p.added_by;
    out["added_at"] = p.added_at;
  }
  return out;
}

json to_json(const store::ParticipantAttendance& a) {
  json changes = json::array();
  for (const auto& c : a.changes)
    changes.push_back({{"revision", c.revision},
                       {"status", c.status},
                       {"recorded_by", c.recorded_by},
                       {"recorded_at", c.recorded_at}});
  return {{"participant_id", a.participant_id},
          {"kind", domain::to_string(a.kind)},
          {"organisation", a.organisation},
          {"status", a.status},
          {"revision", a.revision},
          {"recorded_by", a.recorded_by},
          {"recorded_at", a.recorded_at},
          {"changes", changes}};
}

json to_json(const store::PlenaryDecision& d) {
  return {{"kind", d.kind},
          {"ref_id", d.ref_id},
          {"title", d.title},
          {"outcome", d.outcome},
          {"details", d.details},
          {"source", d.source},
          {"recorded_at", d.recorded_at}};
}

json to_json(const domain::AttendanceCount& c) {
  return {{"present", c.present}, {"excused", c.excused}, {"absent", c.absent}};
}

}  // namespace workshops::api
