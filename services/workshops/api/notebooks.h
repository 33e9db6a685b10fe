#pragma once
#include "assembly/service/service.h"

namespace workshops::api {
// What anyone reads of the notebooks once submitted: the list, a version's text, its PDF, and the
// version a mandate answers.
void add_notebook_routes(assembly::service::Context& ctx);
}  // namespace workshops::api
