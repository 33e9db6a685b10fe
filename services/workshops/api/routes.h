#pragma once
#include "assembly/service/service.h"

namespace workshops::api {
// GET /v1/workshops (public), GET /v1/workshops/:id (public; the roster for staff only), PUT
// /v1/workshops/:id/departments (the departments it concerns: secretariat)
void add_routes(assembly::service::Context& ctx);
}  // namespace workshops::api
