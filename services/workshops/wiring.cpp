#include "wiring.h"

#include "api/routes.h"
#include "events/handlers.h"

namespace workshops {

assembly::service::Definition definition() {
  return {"workshops",
          {assembly::service::topic_of("membership")},
          migrations(),
          openapi_document(),
          [](assembly::service::Context& ctx) {
            api::add_routes(ctx);
            events::add_handlers(ctx);
          }};
}

}  // namespace workshops
