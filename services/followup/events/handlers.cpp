#include "events/handlers.h"

#include <nlohmann/json.hpp>

#include "assembly/core/ids.h"
#include "assembly/logging/log.h"
#include "assembly/notifications/v1/events.pb.h"
#include "assembly/recommendations/v1/events.pb.h"
#include "assembly/service/erasure.h"
#include "domain/dossier.h"
#include "events/publish.h"
#include "store/council.h"
#include "store/dossier_store.h"
#include "store/reports.h"

namespace followup::events {

void add_handlers(assembly::service::Context& ctx) {
  // The erasure of one person (docs/privacy.md): this service names members only as the
  // spokespersons' ids of a dossier.
  assembly::service::on_erasure_requested(
      ctx, [](pqxx::work&, const assembly::membership::v1::ErasureRequested&) {
        return assembly::service::Erased{};
      });
  // How far a published report reached the members (the notifications service).
  ctx.dispatcher.on<assembly::notifications::v1::
                        AudienceReached>([](pqxx::work& tx,
                                            const assembly::notifications::v1::AudienceReached& e,
                                            const assembly::events::Envelope&) {
    if (e.kind() != "report-published") return;  // not about a report
    if (!store::set_report_reach(tx, e.subject_id(), static_cast<int>(e.sent()),
                                 static_cast<int>(e.not_sent())))
      assembly::log::warn("AudienceReached for an unknown report", {{"report_id", e.subject_id()}});
  });
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
                         domain::DossierStage::awaiting_council,
                         ""};
        if (!store::insert_if_new(tx, d)) return;
        dossier_opened(tx, outbox, d.id, d.motion_id, d.assembly_id);
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
        store::add_dossier_recommendations(
            tx, store::dossier_of_motion(tx, e.motion_id()).value(),
            {e.recommendation_ids().begin(), e.recommendation_ids().end()});
        store::place_waiting_motions(tx, "followup");
      });
  // A recommendation handed over: its title and text, for the agenda and the public page.
  ctx.dispatcher.on<rv1::RecommendationSubmitted>(
      [](pqxx::work& tx, const rv1::RecommendationSubmitted& e, const assembly::events::Envelope&) {
        if (e.recommendation_id().empty())
          throw assembly::events::Poison("RecommendationSubmitted without recommendation id");
        store::upsert_recommendation(
            tx, {e.recommendation_id(), e.assembly_id(), e.workshop_id(), e.theme(), e.title(),
                 e.text(), static_cast<int>(e.version())});
      });
}

}  // namespace followup::events
