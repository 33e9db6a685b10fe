#include "wiring.h"

#include "api/routes.h"

namespace sortition {

assembly::service::Definition definition() {
  return {"sortition",
          {},  // consumes membership's MemberDeclined/MemberWithdrew once replacements exist
          migrations(),
          openapi_document(),
          [](assembly::service::Context& ctx) { api::add_routes(ctx); }};
}

}  // namespace sortition
