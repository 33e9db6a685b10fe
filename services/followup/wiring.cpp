#include "wiring.h"

#include "api/routes.h"
#include "api/scopes.h"
#include "api/uploads.h"
#include "events/handlers.h"
#include "workers/overdue.h"

namespace followup {

assembly::service::Definition definition() {
  return {"followup",
          {assembly::service::topic_of("recommendations"),
           assembly::service::topic_of("membership"),      // ErasureRequested
           assembly::service::topic_of("notifications")},  // AudienceReached
          migrations(),
          openapi_document(),
          [](assembly::service::Context& ctx) {
            api::add_routes(ctx);
            api::add_council_routes(ctx);
            api::add_commitment_routes(ctx);
            api::add_upload_routes(ctx, assembly::documents::Store::from_env(ctx.env, "followup"));
            api::add_report_routes(ctx);
            api::add_scopes(ctx);
            workers::add_overdue_worker(ctx);
            api::add_public_page(ctx);
            api::add_metrics(ctx);
            events::add_handlers(ctx);
          }};
}

}  // namespace followup
