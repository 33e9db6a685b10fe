#pragma once
#include "assembly/service/service.h"

namespace workshops::api {
// The members' choice of their workshop's priority axes: proposals, the choice opened and closed
// by the secretariat, members' approval ballots, the public result.
void add_axes_routes(assembly::service::Context& ctx);
}  // namespace workshops::api
