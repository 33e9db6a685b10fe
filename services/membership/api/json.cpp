#include "api/json.h"

namespace membership::api {
using nlohmann::json;

namespace {
json or_null(const std::string& s) {
  return s.empty() ? json() : json(s);
}
json or_null(const std::optional<std::string>& s) {
  return s ? json(*s) : json();
}
}  // namespace

json to_json(const store::Assembly& a) {
  return {{"id", a.id},
          {"name", a.name},
          {"mandate_start", or_null(a.mandate_start)},
          {"mandate_end", or_null(a.mandate_end)},
          {"seat_pools", a.seat_pools},
          {"workshops", a.workshops},
          {"retention_days", a.retention_days},
          {"anonymised_at", or_null(a.anonymised_at)},
          {"described", !a.implicit},
          {"created_at", a.created_at}};
}

json to_json(const store::Member& m) {
  return {{"id", m.id},
          {"assembly_id", m.assembly_id},
          {"person_id", or_null(m.person_id)},
          {"pool", m.pool},
          {"draw_id", m.draw_id},
          {"status", domain::text(m.status)},
          {"status_changed_at", or_null(m.status_changed_at)},
          {"status_reason", or_null(m.status_reason)},
          {"workshop_theme", or_null(m.workshop_theme)},
          {"preferences", m.preferences},
          {"attributes", m.attributes},
          {"created_at", m.created_at},
          {"replaces", or_null(m.replaces)},
          {"replaced_by", or_null(m.replaced_by)}};
}

json to_json(const store::HistoryLine& h) {
  return {{"at", h.at},
          {"actor", h.actor},
          {"change", h.change},
          {"from", or_null(h.from)},
          {"to", or_null(h.to)},
          {"reason", or_null(h.reason)},
          {"related", or_null(h.related)}};
}

json to_json(const store::RoleRecord& r) {
  return {{"id", r.id},
          {"member_id", r.member_id},
          {"role", r.role},
          {"motion_id", or_null(r.motion_id)},
          {"workshop_theme", or_null(r.workshop_theme)},
          {"assigned_at", r.assigned_at},
          {"assigned_by", r.assigned_by},
          {"ended_at", or_null(r.ended_at)}};
}

json to_json(const store::Training& t) {
  return {{"id", t.id},       {"assembly_id", t.assembly_id}, {"topic", t.topic},
          {"title", t.title}, {"held_on", t.held_on},         {"followed_by", t.followed_by}};
}

json to_json(const store::TrainingFollowed& t) {
  return {{"id", t.id}, {"topic", t.topic}, {"title", t.title}, {"held_on", t.held_on}};
}

json to_json(const store::Consent& c) {
  return {{"id", c.id},
          {"purpose", c.purpose},
          {"text_version", c.text_version},
          {"given", c.given},
          {"given_on", c.given_on},
          {"channel", c.channel},
          {"recorded_by", c.recorded_by},
          {"recorded_at", c.recorded_at}};
}

}  // namespace membership::api
