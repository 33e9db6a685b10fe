#include "events/handlers.h"

#include "assembly/core/ids.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/workshops/v1/events.pb.h"
#include "domain/themes.h"
#include "store/workshop_store.h"

namespace workshops::events {

void add_handlers(assembly::service::Context& ctx) {
  auto& outbox = ctx.outbox;
  ctx.dispatcher.on<assembly::membership::v1::MemberAssigned>(
      [&outbox](pqxx::work& tx, const assembly::membership::v1::MemberAssigned& e,
                const assembly::events::Envelope&) {
        if (!domain::is_valid_theme(e.workshop_theme()))
          throw assembly::events::Poison("invalid workshop theme \"" + e.workshop_theme() + "\"");
        if (e.member_id().empty() || e.assembly_id().empty())
          throw assembly::events::Poison("MemberAssigned without member or assembly id");
        auto title = domain::title_of(e.workshop_theme()).value_or(e.workshop_theme());
        bool created = false;
        auto w = store::get_or_create(tx, assembly::core::new_uuid(), e.assembly_id(), e.workshop_theme(),
                                      title, created);
        if (created) {
          assembly::workshops::v1::WorkshopOpened opened;
          opened.set_workshop_id(w.id);
          opened.set_assembly_id(w.assembly_id);
          opened.set_theme(w.theme);
          outbox.append(tx, opened, w.id);
        }
        store::leave_other_workshops(tx, e.assembly_id(), e.member_id(), w.id);  // a reassignment moves them
        int size = store::add_member(tx, w.id, e.member_id());
        if (size > 0) {
          assembly::workshops::v1::WorkshopMemberJoined joined;
          joined.set_workshop_id(w.id);
          joined.set_member_id(e.member_id());
          joined.set_roster_size(static_cast<unsigned>(size));
          outbox.append(tx, joined, w.id);
        }
      });
}

}  // namespace workshops::events
