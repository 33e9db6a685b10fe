#include "wiring.h"

#include "api/metrics.h"
#include "api/routes.h"
#include "api/scope.h"
#include "app/ballots.h"
#include "events/handlers.h"

namespace recommendations {

assembly::service::Definition definition() {
  return {"recommendations",
          {assembly::service::topic_of("workshops"), assembly::service::topic_of("membership")},
          migrations(),
          openapi_document(),
          [](assembly::service::Context& ctx) {
            api::add_scope_resolvers(ctx);
            api::add_routes(ctx);
            api::add_ballot_routes(ctx, assembly::service::pii_keyring(ctx));
            ctx.sealed = {app::sealed_held_votes()};
            api::add_drafting_routes(ctx);
            api::add_motion_version_routes(ctx);
            api::add_debate_routes(ctx);
            api::add_metrics(ctx);
            events::add_handlers(ctx);
          }};
}

}  // namespace recommendations
