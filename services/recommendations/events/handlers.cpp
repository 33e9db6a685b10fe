#include "events/handlers.h"

#include "assembly/core/ids.h"
#include "assembly/recommendations/v1/events.pb.h"
#include "assembly/workshops/v1/events.pb.h"
#include "domain/motion.h"
#include "store/motion_store.h"

namespace recommendations::events {

void add_handlers(assembly::service::Context& ctx) {
  auto& outbox = ctx.outbox;
  ctx.dispatcher.on<assembly::workshops::v1::WorkshopOpened>(
      [&outbox](pqxx::work& tx, const assembly::workshops::v1::WorkshopOpened& e,
                const assembly::events::Envelope&) {
        if (e.workshop_id().empty() || e.assembly_id().empty())
          throw assembly::events::Poison("WorkshopOpened without workshop or assembly id");
        store::Motion m{assembly::core::new_uuid(), e.workshop_id(), e.assembly_id(), e.theme(),
                        domain::to_string(domain::MotionStatus::drafting), ""};
        if (!store::insert_if_new(tx, m)) return;
        assembly::recommendations::v1::MotionOpened opened;
        opened.set_motion_id(m.id);
        opened.set_workshop_id(m.workshop_id);
        opened.set_assembly_id(m.assembly_id);
        opened.set_theme(m.theme);
        outbox.append(tx, opened, m.id);
      });
}

}  // namespace recommendations::events
