#pragma once
#include "assembly/service/service.h"

namespace membership::api {
// The limits of staff accounts: the assembly of the objects of `/v1/assemblies/:id/...` (the id
// itself), `/v1/members/:id/...`, `/v1/roles/:id/...`, `/v1/trainings/:id/...` and
// `/v1/evaluations/:id/...`, for the dispatcher's check. Members are not limited by assembly:
// their own record is checked by member id in the handlers.
void add_scopes(assembly::service::Context& ctx);
}  // namespace membership::api
