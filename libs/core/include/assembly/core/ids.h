#pragma once
// Identifiers: random UUIDs (v4) for events and aggregates; slugs for what people name.
#include <string>
#include <string_view>

namespace assembly::core {

std::string new_uuid();            // lower-case canonical form, from libsodium's CSPRNG
bool is_uuid(std::string_view s);  // canonical 8-4-4-4-12 hex form
// A slug (assembly, workshop theme, pool, question ids): 1 to 64 of a-z, 0-9 and '-', not
// starting with '-'.
bool is_slug(std::string_view s);

}  // namespace assembly::core
