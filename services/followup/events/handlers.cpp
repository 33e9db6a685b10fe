#include "events/handlers.h"

#include <nlohmann/json.hpp>

#include "assembly/core/ids.h"
#include "assembly/followup/v1/events.pb.h"
#include "assembly/recommendations/v1/events.pb.h"
#include "domain/dossier.h"
#include "store/council.h"
#include "store/dossier_store.h"

namespace followup::events {

void add_handlers(assembly::service::Context& ctx) {
  auto& outbox = ctx.outbox;
  ctx.dispatcher.on<assembly::recommendations::v1::MotionOpened>(
      [&outbox](pqxx::work& tx, const assembly::recommendations::v1::MotionOpened& e,
                const assembly::events::Envelope&) {
        if (e.motion_id().empty() || e.assembly_id().empty())
          throw assembly::events::Poison("MotionOpened without motion or assembly id");
        store::Dossier d{assembly::core::new_uuid(),
                         e.motion_id(),
                         e.assembly_id(),
                         e.theme(),
                         domain::to_string(domain::DossierStage::awaiting_council),
                         ""};
        if (!store::insert_if_new(tx, d)) return;
        assembly::followup::v1::DossierOpened opened;
        opened.set_dossier_id(d.id);
        opened.set_motion_id(d.motion_id);
        opened.set_assembly_id(d.assembly_id);
        outbox.append(tx, opened, d.id);
      });

  // The motion's way to the Council, as the recommendations service tells it.
  namespace rv1 = assembly::recommendations::v1;
  ctx.dispatcher.on<rv1::MotionAdopted>(
      [](pqxx::work& tx, const rv1::MotionAdopted& e, const assembly::events::Envelope&) {
        if (e.motion_id().empty())
          throw assembly::events::Poison("MotionAdopted without motion id");
        if (!store::mark_adopted(tx, e.motion_id(), e.title()))
          throw assembly::events::Poison("MotionAdopted for an unknown motion");
      });
  ctx.dispatcher.on<rv1::MotionSentToCouncil>(
      [](pqxx::work& tx, const rv1::MotionSentToCouncil& e, const assembly::events::Envelope&) {
        if (e.motion_id().empty())
          throw assembly::events::Poison("MotionSentToCouncil without motion id");
        nlohmann::json spokespersons = nlohmann::json::array();
        for (const auto& s : e.spokespersons()) spokespersons.push_back(s.member_id());
        if (!store::mark_sent(tx, e.motion_id(), e.title(), e.text(), spokespersons.dump()))
          throw assembly::events::Poison("MotionSentToCouncil for an unknown motion");
        // The recommendations it carries, in its order; then the agenda of the next Council
        // session.
        auto dossier =
            tx.exec_params("SELECT id FROM dossiers WHERE motion_id = $1", e.motion_id())[0][0]
                .as<std::string>();
        for (int i = 0; i < e.recommendation_ids_size(); ++i)
          tx.exec_params(
              "INSERT INTO dossier_recommendations (dossier_id, recommendation_id, position) "
              "VALUES ($1, $2, $3) "
              "ON CONFLICT DO NOTHING",
              dossier, e.recommendation_ids(i), i + 1);
        store::place_waiting_motions(tx, "followup");
      });
  // A recommendation handed over: its title and text, for the agenda and the public page.
  ctx.dispatcher.on<rv1::RecommendationSubmitted>(
      [](pqxx::work& tx, const rv1::RecommendationSubmitted& e, const assembly::events::Envelope&) {
        if (e.recommendation_id().empty())
          throw assembly::events::Poison("RecommendationSubmitted without recommendation id");
        tx.exec_params(
            "INSERT INTO recommendations (id, assembly_id, workshop_id, theme, title, text, "
            "version) VALUES ($1, $2, $3, $4, $5, $6, $7) "
            "ON CONFLICT (id) DO UPDATE SET title = excluded.title, text = excluded.text, version "
            "= excluded.version "
            "WHERE recommendations.version <= excluded.version",
            e.recommendation_id(), e.assembly_id(), e.workshop_id(), e.theme(), e.title(), e.text(),
            static_cast<int>(e.version()));
      });
}

}  // namespace followup::events
