#include "wiring.h"

#include "api/routes.h"
#include "events/handlers.h"

namespace membership {

assembly::service::Definition definition() {
  return {"membership",
          {assembly::service::topic_of("sortition")},
          migrations(),
          openapi_document(),
          [](assembly::service::Context& ctx) {
            api::add_routes(ctx);
            events::add_handlers(ctx);
          }};
}

}  // namespace membership
