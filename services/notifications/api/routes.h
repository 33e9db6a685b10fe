#pragma once
#include "assembly/service/service.h"

namespace notifications::api {

// The messages (the secretariat's view, a member's own), sending again, the members' choices of
// optional messages, the kinds, an assembly's figures; the scope of the routes that change.
void add_routes(assembly::service::Context& ctx);
// The dashboards' gauges, from the database.
void add_metrics(assembly::service::Context& ctx);

}  // namespace notifications::api
