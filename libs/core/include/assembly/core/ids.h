#pragma once
// Identifiers: random UUIDs (v4) for events and aggregates.
#include <string>
#include <string_view>

namespace assembly::core {

std::string new_uuid();            // lower-case canonical form, from libsodium's CSPRNG
bool is_uuid(std::string_view s);  // canonical 8-4-4-4-12 hex form

}  // namespace assembly::core
