#include "api/json.h"

namespace sortition::api {
namespace {

using nlohmann::json;

json optional_json(const std::optional<std::string>& v) {
  return v ? json(*v) : json();
}

}  // namespace

json to_json(const store::Selection& s) {
  return {{"id", s.id},
          {"assembly_id", s.assembly_id},
          {"quota_set_id", s.quota_set_id},
          {"invitation_draw_ids", s.invitation_draw_ids},
          {"seed_commitment", s.seed_commitment},
          {"seed", optional_json(s.seed)},
          {"state", domain::to_string(s.state)},
          {"failure", optional_json(s.failure)},
          {"algorithm", optional_json(s.algorithm)},
          {"input_sha256", optional_json(s.input_sha256)},
          {"result_sha256", optional_json(s.result_sha256)},
          {"replacement_deadline", optional_json(s.replacement_deadline)},
          {"record", s.record},
          {"created_by", s.created_by},
          {"created_at", s.created_at},
          {"drawn_by", optional_json(s.drawn_by)},
          {"finished_at", optional_json(s.finished_at)},
          {"requested_algorithm", s.requested_algorithm},
          {"progress", s.progress},
          {"started_at", optional_json(s.started_at)},
          {"cancel_requested_at", optional_json(s.cancel_requested_at)},
          {"cancelled_by", optional_json(s.cancelled_by)}};
}

json to_json(const store::Selection& s, const std::vector<store::ListedPerson>& people) {
  json out = to_json(s);
  json panel = json::array(), reserve = json::array();
  for (const auto& p : people) {
    json j = {{"person_id", p.person_id}, {"pool", p.pool}};
    if (p.probability) j["probability"] = *p.probability;
    if (p.kind == domain::ListKind::panel) {
      j["seated"] = p.seated;
      if (p.left_reason) j["left_reason"] = *p.left_reason;
      if (p.replaces) j["replaces"] = *p.replaces;
      panel.push_back(j);
    } else {
      reserve.push_back(j);
    }
  }
  out["panel"] = panel;
  out["reserve"] = reserve;
  return out;
}

json record_json(const store::Selection& s) {
  json rec = s.record;
  rec["finished_at"] = optional_json(s.finished_at);
  return rec;
}

json to_json(const app::Replacement& r) {
  if (!r.drawn) return {{"id", r.id}};
  return {{"id", r.id},          {"selection_id", r.selection_id},
          {"leaver", r.leaver},  {"replacement", r.replacement},
          {"reason", r.reason},  {"quotas_met", r.quotas_met},
          {"message", r.message}};
}

json to_json(const store::InvitationDraw& d) {
  return {{"id", d.id},
          {"assembly_id", d.assembly_id},
          {"pool_id", d.pool_id},
          {"invited", d.invited},
          {"stratify_by", d.stratify_by.empty() ? json() : json(d.stratify_by)},
          {"seed_commitment", d.seed_commitment},
          {"state", domain::to_string(d.state)},
          {"seed", optional_json(d.seed)},
          {"algorithm", d.algorithm},
          {"snapshot_sha256", optional_json(d.snapshot_sha256)},
          {"result_sha256", optional_json(d.result_sha256)},
          {"strata", d.strata},
          {"server_ms", d.server_ms ? json(*d.server_ms) : json()},
          {"committed_by", d.committed_by},
          {"committed_at", d.committed_at},
          {"drawn_by", optional_json(d.drawn_by)},
          {"drawn_at", optional_json(d.drawn_at)},
          {"answers_closed_at", optional_json(d.answers_closed_at)},
          {"answers", d.answers}};
}

json to_json(const store::Respondent& r) {
  return {{"id", r.id},
          {"invitation_draw_id", r.invitation_draw_id},
          {"person_id", r.person_id},
          {"pool_kind", r.pool_kind},
          {"criteria", r.criteria},
          {"channel", r.channel},
          {"state", domain::to_string(r.state)},
          {"responded_at", r.responded_at},
          {"withdrawn_at", optional_json(r.withdrawn_at)},
          {"consent_at", optional_json(r.consent_at)}};
}

json to_json(const app::RespondentView& r) {
  auto out = to_json(r.respondent);
  out["contact"] = json();
  if (r.contact) {
    out["contact"] = json::object();
    if (!r.contact->email.empty()) out["contact"]["email"] = r.contact->email;
    if (!r.contact->phone.empty()) out["contact"]["phone"] = r.contact->phone;
  }
  return out;
}

json to_json(const app::QuotaSetView& q) {
  json pools = json::array();
  for (const auto& p : q.seat_pools) {
    json cats = json::array();
    for (const auto& c : p.quotas.categories) {
      json values = json::array();
      for (const auto& v : c.values)
        values.push_back({{"value", v.value}, {"min", v.min}, {"max", v.max}});
      cats.push_back({{"category", c.name}, {"values", values}});
    }
    pools.push_back({{"pool", p.pool}, {"seats", p.seats}, {"categories", cats}});
  }
  return {{"id", q.id}, {"assembly_id", q.assembly_id}, {"name", q.name}, {"seat_pools", pools}};
}

json to_json(const app::AnswerFiguresView& f) {
  json categories = json::array();
  for (const auto& c : f.categories) {
    json values = json::array();
    for (const auto& v : c.values) {
      json value = {{"value", v.value}, {"respondents", v.respondents}, {"share", v.share}};
      value["pool_share"] = v.pool_share ? json(*v.pool_share) : json(nullptr);
      values.push_back(std::move(value));
    }
    categories.push_back({{"name", c.name}, {"values", values}});
  }
  return {{"invitation_draw_id", f.draw.id},
          {"invited", f.draw.invited},
          {"answers", f.draw.answers},
          {"answers_closed_at",
           f.draw.answers_closed_at ? json(*f.draw.answers_closed_at) : json(nullptr)},
          {"pool_size", f.pool_size},
          {"interested", f.interested},
          {"categories", categories}};
}

json to_json(const app::PoolFeasibility& f) {
  json j = {{"pool", f.pool},
            {"seats", f.seats},
            {"respondents", f.respondents},
            {"feasible", f.feasible}};
  if (!f.feasible) {
    j["constraint"] = f.constraint;
    j["message"] = f.message;
  }
  return j;
}

nlohmann::json to_json(const store::PanelDrawRecord& d, bool with_members) {
  nlohmann::json j = {{"id", d.id},
                      {"assembly_id", d.assembly_id},
                      {"seats", d.seats},
                      {"seed_sha256", d.seed_sha256},
                      {"candidates_sha256", d.candidates_sha256},
                      {"candidate_count", d.candidate_count},
                      {"created_by", d.created_by},
                      {"created_at", d.created_at}};
  if (with_members) {
    j["members"] = nlohmann::json::array();
    for (const auto& m : d.members)
      j["members"].push_back(
          {{"person_id", m.person_id}, {"pool", m.pool}, {"attributes", m.attributes}});
  }
  return j;
}

nlohmann::json to_json(const imports::PoolRow& p) {
  nlohmann::json j = {{"id", p.id},
                      {"name", p.name},
                      {"kind", p.kind},
                      {"state", p.state},
                      {"created_by", p.created_by},
                      {"created_at", p.created_at}};
  j["row_count"] = p.row_count ? nlohmann::json(*p.row_count) : nlohmann::json();
  j["snapshot_sha256"] = p.snapshot_sha256 ? nlohmann::json(*p.snapshot_sha256) : nlohmann::json();
  j["ready_at"] = p.ready_at ? nlohmann::json(*p.ready_at) : nlohmann::json();
  j["mandate_end"] = optional_json(p.mandate_end);
  j["retain_until"] = p.retain_until;
  j["personal_data_erased_at"] = optional_json(p.personal_data_erased_at);
  return j;
}

nlohmann::json to_json(const imports::ImportRow& j) {
  nlohmann::json o = {{"id", j.id},
                      {"pool_id", j.pool_id},
                      {"state", j.state},
                      {"parts_received", j.parts_received},
                      {"bytes_received", j.bytes_received},
                      {"rows_read", j.rows_read},
                      {"errors", j.errors},
                      {"created_by", j.created_by},
                      {"created_at", j.created_at},
                      {"updated_at", j.updated_at},
                      {"next_part_url", "/v1/pool-imports/" + j.id + "/parts/" +
                                            std::to_string(j.parts_received + 1)}};
  o["rows_total"] = j.rows_total ? nlohmann::json(*j.rows_total) : nlohmann::json();
  o["failure"] = j.failure ? nlohmann::json(*j.failure) : nlohmann::json();
  o["finished_at"] = j.finished_at ? nlohmann::json(*j.finished_at) : nlohmann::json();
  if (j.state != "receiving") o.erase("next_part_url");
  return o;
}

}  // namespace sortition::api
