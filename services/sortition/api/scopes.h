#pragma once
#include "assembly/service/service.h"

namespace sortition::api {
// The limits of staff accounts: the assembly of the objects of `/v1/invitation-draws/:id/...`,
// `/v1/respondents/:id/...` and `/v1/selections/:id/...`, for the dispatcher's check.
void add_scopes(assembly::service::Context& ctx);
}  // namespace sortition::api
