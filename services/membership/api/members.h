#pragma once
#include "assembly/service/service.h"

namespace membership::api {
// Members: list, read, history, the lifecycle actions, preferences, the staff's workshop override.
void add_member_routes(assembly::service::Context& ctx);
// Assemblies: describe, read, the assembly-wide actions (invite all, the opening plenary, the end
// of the mandate), anonymisation.
void add_assembly_routes(assembly::service::Context& ctx, int default_retention_days);
}  // namespace membership::api
