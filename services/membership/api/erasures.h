#pragma once
#include "assembly/service/service.h"

namespace membership::api {
// The erasure of one person on request (secretariat, not limited to assemblies): ask for it, read
// its report (each service done or pending, and what it erased). Also gathers the services'
// ErasureCompleted into the report.
void add_erasure_routes(assembly::service::Context& ctx);
}  // namespace membership::api
