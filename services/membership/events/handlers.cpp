#include "events/handlers.h"

#include <map>

#include "assembly/core/ids.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/sortition/v1/events.pb.h"
#include "domain/assignment.h"
#include "store/member_store.h"

namespace membership::events {

namespace {

// Inserts the member unless the person already is one of the assembly (a redelivered event), and
// publishes MemberAssigned with it.
void admit(pqxx::work& tx, const assembly::events::Outbox& outbox, const store::Member& m) {
  if (!store::insert_if_new(tx, m)) return;
  assembly::membership::v1::MemberAssigned e;
  e.set_member_id(m.id);
  e.set_assembly_id(m.assembly_id);
  e.set_person_id(m.person_id);
  e.set_workshop_theme(m.workshop_theme);
  outbox.append(tx, e, m.id);
}

}  // namespace

void add_handlers(assembly::service::Context& ctx) {
  auto& outbox = ctx.outbox;
  ctx.dispatcher.on<assembly::sortition::v1::PanelSelected>(
      [&outbox](pqxx::work& tx, const assembly::sortition::v1::PanelSelected& panel,
                const assembly::events::Envelope&) {
        if (panel.assembly_id().empty()) throw assembly::events::Poison("PanelSelected without assembly_id");
        std::map<std::string, std::string> pool_of;
        std::vector<std::string> ids;
        for (const auto& m : panel.members()) {
          pool_of[m.person_id()] = m.pool();
          ids.push_back(m.person_id());
        }
        for (const auto& a : domain::assign_workshops(ids)) {
          admit(tx, outbox,
                {assembly::core::new_uuid(), panel.assembly_id(), a.person_id, pool_of[a.person_id], panel.draw_id(),
                 "selected", a.workshop_theme, "", "", ""});
        }
      });

  // A replacement drawn by sortition joins as a new selected member, in the workshop of the one it
  // replaces (so the workshops keep their sizes), linked to them.
  ctx.dispatcher.on<assembly::sortition::v1::ReplacementDrawn>(
      [&outbox](pqxx::work& tx, const assembly::sortition::v1::ReplacementDrawn& r, const assembly::events::Envelope&) {
        if (r.assembly_id().empty() || r.replacement().person_id().empty())
          throw assembly::events::Poison("ReplacementDrawn without assembly_id or replacement");
        auto leaver = store::find_by_person(tx, r.assembly_id(), r.replaced_person_id());
        std::string theme = leaver ? leaver->workshop_theme : domain::assign_workshops({r.replacement().person_id()})[0].workshop_theme;
        admit(tx, outbox,
              {assembly::core::new_uuid(), r.assembly_id(), r.replacement().person_id(), r.replacement().pool(),
               r.draw_id(), "selected", theme, "", leaver ? leaver->id : "", ""});
      });
}

}  // namespace membership::events
