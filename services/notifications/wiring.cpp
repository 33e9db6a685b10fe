#include "wiring.h"

#include "api/letters.h"
#include "api/routes.h"
#include "delivery/directory.h"
#include "events/handlers.h"
#include "workers/letters.h"
#include "workers/sender.h"

namespace notifications {

assembly::service::Definition definition() {
  return {"notifications",
          {assembly::service::topic_of("membership"), assembly::service::topic_of("workshops"),
           assembly::service::topic_of("recommendations"), assembly::service::topic_of("followup")},
          migrations(),
          openapi_document(),
          [](assembly::service::Context& ctx) {
            assembly::service::pii_keyring(ctx);  // the bodies of messages kept, sealed
            api::add_routes(ctx);
            api::add_metrics(ctx);
            events::add_handlers(ctx);
            // One token of the service's own for its calls to membership and sortition.
            auto credentials = delivery::service_credentials(ctx.env);
            workers::add_sender(ctx, credentials);
            // The invitation letters: their files sealed in the document store.
            auto store = assembly::documents::Store::from_env(ctx.env, "notifications");
            auto sortition = delivery::Sortition::from_env(ctx.env, credentials);
            api::add_letter_routes(ctx, store, sortition);
            workers::add_letters(ctx, store, sortition);
          }};
}

}  // namespace notifications
