#include "api/json.h"

namespace membership::api {
using nlohmann::json;

namespace {
json or_null(const std::string& s) {
  return s.empty() ? json() : json(s);
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

}  // namespace membership::api
