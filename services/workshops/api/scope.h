#pragma once
// The limits of staff accounts: the assembly (and workshop) of each resource the change routes
// name by `:id`, and what a facilitator may read.
#include <string>

#include "assembly/auth/auth.h"
#include "assembly/http/http.h"
#include "assembly/service/service.h"

namespace workshops::api {

// Registers the resolvers of workshops, sessions, mandates and assemblies.
void add_scope_resolvers(assembly::service::Context& ctx);

// Whether the caller reads as a facilitator only (no secretariat or member role that reads more).
bool reads_as_facilitator(const assembly::auth::Principal& caller);
// Refuses (403) a facilitator reading what belongs to another workshop than its own ("" for a
// plenary, which belongs to no single workshop).
void facilitator_reads(const assembly::auth::Principal& caller, const std::string& workshop_id);

}  // namespace workshops::api
