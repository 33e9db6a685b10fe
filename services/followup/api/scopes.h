#pragma once
#include "app/scope.h"
#include "assembly/http/http.h"
#include "assembly/service/service.h"

namespace followup::api {
// The limits of staff accounts: the assembly of the objects of `/v1/assemblies/:id/...` (the id
// itself), `/v1/commitments/:id/...`, `/v1/agenda-items/:id/...` and `/v1/reports/:id/...`, for
// the dispatcher's check. Council sessions and the overdue check belong to no single assembly.
void add_scopes(assembly::service::Context& ctx);
// The check a use case runs once it knows the assembly: 403 when the caller's account is limited
// to other assemblies. `req` must outlive it.
app::AssemblyCheck scope_check(const assembly::http::Request& req);
}  // namespace followup::api
