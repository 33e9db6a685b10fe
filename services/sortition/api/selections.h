#pragma once
#include "assembly/service/service.h"

namespace sortition::api {
// Panel selections under quotas (POST /v1/selections, .../draw, GET, public record as JSON and
// HTML, replacements), the worker that runs queued draws off the request path, and the handlers
// of membership's MemberDeclined / MemberWithdrew (replacements with no one doing anything).
void add_selection_routes(assembly::service::Context& ctx);
}  // namespace sortition::api
