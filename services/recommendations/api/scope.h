#pragma once
// The limits of staff accounts: the assembly of each resource the change routes name by `:id`.
#include "assembly/service/service.h"

namespace recommendations::api {

// Registers the resolvers of ballots, motions, recommendations and amendments.
void add_scope_resolvers(assembly::service::Context& ctx);

}  // namespace recommendations::api
