#pragma once
#include "assembly/service/service.h"

namespace membership::workers {
// Anonymises, every ANONYMISE_CHECK_SECONDS, the assemblies whose retention delay has passed.
void add_anonymisation_worker(assembly::service::Context& ctx);
}  // namespace membership::workers
