#include "events/handlers.h"

#include "assembly/core/ids.h"
#include "assembly/followup/v1/events.pb.h"
#include "assembly/recommendations/v1/events.pb.h"
#include "domain/dossier.h"
#include "store/dossier_store.h"

namespace followup::events {

void add_handlers(assembly::service::Context& ctx) {
  auto& outbox = ctx.outbox;
  ctx.dispatcher.on<assembly::recommendations::v1::MotionOpened>(
      [&outbox](pqxx::work& tx, const assembly::recommendations::v1::MotionOpened& e,
                const assembly::events::Envelope&) {
        if (e.motion_id().empty() || e.assembly_id().empty())
          throw assembly::events::Poison("MotionOpened without motion or assembly id");
        store::Dossier d{assembly::core::new_uuid(), e.motion_id(), e.assembly_id(), e.theme(),
                         domain::to_string(domain::DossierStage::awaiting_council), ""};
        if (!store::insert_if_new(tx, d)) return;
        assembly::followup::v1::DossierOpened opened;
        opened.set_dossier_id(d.id);
        opened.set_motion_id(d.motion_id);
        opened.set_assembly_id(d.assembly_id);
        outbox.append(tx, opened, d.id);
      });
}

}  // namespace followup::events
