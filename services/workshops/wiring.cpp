#include "wiring.h"

#include "api/axes.h"
#include "api/metrics.h"
#include "api/notebooks.h"
#include "api/routes.h"
#include "api/scope.h"
#include "api/sessions.h"
#include "api/uploads.h"
#include "events/handlers.h"

namespace workshops {

assembly::service::Definition definition() {
  return {"workshops",
          {assembly::service::topic_of("membership"),
           assembly::service::topic_of("recommendations")},  // decisions at the plenaries
          migrations(),
          openapi_document(),
          [](assembly::service::Context& ctx) {
            auto keyring = assembly::service::pii_keyring(ctx);  // signs members' calendar links
            api::add_scope_resolvers(ctx);
            api::add_routes(ctx);
            api::add_session_routes(ctx, keyring);
            api::add_participant_routes(ctx);
            api::add_document_routes(ctx);
            api::add_upload_routes(ctx, assembly::documents::Store::from_env(ctx.env, "workshops"));
            api::add_axes_routes(ctx);
            api::add_notebook_routes(ctx);
            api::add_metrics(ctx);
            events::add_handlers(ctx);
          }};
}

}  // namespace workshops
