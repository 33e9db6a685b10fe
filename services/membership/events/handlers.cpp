#include "events/handlers.h"

#include <regex>
#include <set>

#include "app/accounts.h"
#include "assembly/core/ids.h"
#include "assembly/logging/log.h"
#include "assembly/recommendations/v1/events.pb.h"
#include "assembly/sortition/v1/events.pb.h"
#include "assembly/workshops/v1/events.pb.h"
#include "domain/assignment.h"
#include "events/publish.h"
#include "store/engagement.h"
#include "store/members.h"

namespace membership::events {

namespace {

nlohmann::json attributes_of(const assembly::sortition::v1::SelectedPerson& p) {
  nlohmann::json a = nlohmann::json::object();
  for (const auto& [k, v] : p.attributes()) a[k] = v;
  return a;
}

}  // namespace

void add_handlers(assembly::service::Context& ctx, int retention) {
  // Each selected person becomes a member, `selected`, once: a redelivered or replayed panel
  // finds them already there (unique per assembly and person) and changes nothing.
  ctx.dispatcher.on<assembly::sortition::v1::PanelSelected>(
      [retention](pqxx::work& tx, const assembly::sortition::v1::PanelSelected& panel,
                  const assembly::events::Envelope&) {
        if (panel.assembly_id().empty())
          throw assembly::events::Poison("PanelSelected without assembly_id");
        store::ensure_assembly(tx, panel.assembly_id(), domain::default_themes(), retention);
        int added = 0;
        for (const auto& p : panel.members()) {
          if (p.person_id().empty())
            throw assembly::events::Poison("PanelSelected with a member without person_id");
          store::Member m;
          m.id = assembly::core::new_uuid();
          m.assembly_id = panel.assembly_id();
          m.person_id = p.person_id();
          m.pool = p.pool();
          m.draw_id = panel.draw_id();
          m.status = domain::Status::selected;
          m.attributes = attributes_of(p);
          added +=
              store::insert_if_new(tx, m, "sortition", "drawn in selection " + panel.draw_id());
        }
        assembly::log::info("panel became members",
                            {{"assembly_id", panel.assembly_id()}, {"added", added}});
      });

  // A replacement drawn by sortition joins as a new member already `invited` (the seat is being
  // refilled: nobody has to step in), linked both ways to the member it replaces.
  ctx.dispatcher.on<assembly::sortition::v1::ReplacementDrawn>(
      [retention, &ctx](pqxx::work& tx, const assembly::sortition::v1::ReplacementDrawn& r,
                        const assembly::events::Envelope&) {
        if (r.assembly_id().empty() || r.replacement().person_id().empty())
          throw assembly::events::Poison("ReplacementDrawn without assembly_id or replacement");
        store::ensure_assembly(tx, r.assembly_id(), domain::default_themes(), retention);
        auto leaver = store::find_by_person(tx, r.assembly_id(), r.replaced_person_id());
        store::Member m;
        m.id = assembly::core::new_uuid();
        m.assembly_id = r.assembly_id();
        m.person_id = r.replacement().person_id();
        m.pool = r.replacement().pool();
        m.draw_id = r.draw_id();
        m.status = domain::Status::selected;
        m.replaces = leaver ? leaver->id : "";
        m.attributes = attributes_of(r.replacement());
        if (!store::insert_if_new(tx, m, "sortition", "replacement drawn: " + r.reason())) return;
        store::change_status(tx, m.id, domain::Status::selected, domain::Status::invited,
                             "replacement invited automatically", "membership");
        app::account_after_status(tx, m.id, domain::Status::invited);
        if (leaver) store::set_replaced_by(tx, leaver->id, m.id);
        events::member_invited(tx, ctx.outbox, m, m.replaces);
        if (!r.quotas_met())
          assembly::log::warn("replacement breaks a quota",
                              {{"assembly_id", r.assembly_id()}, {"why", r.message()}});
      });

  // Attendance as workshops records it; a correction carries a higher revision and wins, an older
  // one arriving late changes nothing.
  ctx.dispatcher.on<assembly::workshops::v1::AttendanceRecorded>(
      [](pqxx::work& tx, const assembly::workshops::v1::AttendanceRecorded& a,
         const assembly::events::Envelope&) {
        static const std::regex time(
            R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");
        if (a.session_id().empty() || a.member_id().empty() || a.assembly_id().empty())
          throw assembly::events::Poison("AttendanceRecorded without session, member or assembly");
        if (a.status() != "present" && a.status() != "excused" && a.status() != "absent")
          throw assembly::events::Poison("AttendanceRecorded with status \"" + a.status() + "\"");
        if (!std::regex_match(a.held_at(), time))
          throw assembly::events::Poison("AttendanceRecorded with held_at \"" + a.held_at() +
                                         "\" (RFC 3339 expected)");
        store::upsert_attendance(tx, a.session_id(), a.member_id(), a.assembly_id(),
                                 a.workshop_id(),
                                 a.session_type().empty() ? "working-session" : a.session_type(),
                                 a.status(), a.held_at(), a.revision());
      });

  // The spokespersons of a motion, chosen in the recommendations service: each becomes (or stays)
  // a spokesperson here; one no longer listed has their role ended. Both kept in the history.
  auto& outbox = ctx.outbox;
  ctx.dispatcher.on<assembly::recommendations::v1::SpokespersonsAssigned>(
      [&outbox](pqxx::work& tx, const assembly::recommendations::v1::SpokespersonsAssigned& e,
                const assembly::events::Envelope&) {
        if (e.motion_id().empty())
          throw assembly::events::Poison("SpokespersonsAssigned without motion id");
        std::set<std::string> listed(e.member_ids().begin(), e.member_ids().end());
        for (const auto& r : store::spokespersons_of(tx, e.motion_id())) {
          if (listed.erase(r.member_id)) continue;  // still a spokesperson
          store::end_role(tx, r.id, "recommendations");
          store::append_history(tx, r.member_id, "recommendations", "role", r.role, "", "ended",
                                r.id);
          role_assigned(tx, outbox, r, true);
        }
        for (const auto& member_id : listed) {
          auto m = store::find(tx, member_id);
          if (!m || m->status != domain::Status::active) {
            assembly::log::warn("spokesperson is not an active member",
                                {{"motion_id", e.motion_id()}, {"member_id", member_id}});
            continue;
          }
          store::Role role{assembly::core::new_uuid(),
                           member_id,
                           m->assembly_id,
                           "spokesperson",
                           e.motion_id(),
                           ""};
          if (!store::insert_role(tx, role, "recommendations")) continue;
          store::append_history(tx, member_id, "recommendations", "role", "", role.role,
                                role.motion_id, role.id);
          role_assigned(tx, outbox, role, false);
        }
      });
}

}  // namespace membership::events
