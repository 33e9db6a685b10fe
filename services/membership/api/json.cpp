#include "api/json.h"

#include <algorithm>

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

json to_json(const store::Training& t) {
  json places_left;  // null: no limit
  if (t.capacity) places_left = std::max(0L, static_cast<long>(*t.capacity) - t.placed);
  return {{"id", t.id},
          {"assembly_id", t.assembly_id},
          {"topic", t.topic},
          {"topic_text", or_null(t.topic_text)},
          {"title", t.title},
          {"held_on", t.held_on},
          {"starts_at", or_null(t.starts_at)},
          {"ends_at", or_null(t.ends_at)},
          {"place", or_null(t.place)},
          {"online_url", or_null(t.online_url)},
          {"capacity", t.capacity ? json(*t.capacity) : json()},
          {"placed", t.placed},
          {"places_left", places_left},
          {"waiting", t.waiting},
          {"followed_by", t.followed_by},
          {"sign_ups_close_at", domain::training_start(t.held_on, t.starts_at)},
          {"created_by", t.created_by},
          {"created_at", t.created_at}};
}

json to_json(const store::RosterLine& l) {
  return {{"member_id", l.member_id},
          {"state", domain::to_string(l.state)},
          {"waiting_position", l.waiting_position == 0 ? json() : json(l.waiting_position)},
          {"signed_up_at", l.signed_up_at},
          {"signed_up_by", l.signed_up_by},
          {"placed_at", or_null(l.placed_at)},
          {"attendance", or_null(l.attendance)}};
}

json to_json(const store::MemberSignUp& s) {
  auto out = to_json(s.training);
  out["training_id"] = s.training.id;
  out["state"] = domain::to_string(s.state);
  out["waiting_position"] = s.waiting_position == 0 ? json() : json(s.waiting_position);
  out["signed_up_at"] = s.signed_up_at;
  out["attendance"] = or_null(s.attendance);
  out["followed"] = s.attendance && *s.attendance == "present";
  return out;
}

}  // namespace membership::api
