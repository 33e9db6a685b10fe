#pragma once
#include "assembly/service/service.h"

namespace sortition::api {
// Panel selections under quotas: POST /v1/selections, POST .../draw, GET /v1/selections/:id, the
// public record as JSON and HTML, POST .../replacements. The draws run in
// workers/selection_worker.h; membership's events are handled in events/handlers.h.
void add_selection_routes(assembly::service::Context& ctx);
}  // namespace sortition::api
