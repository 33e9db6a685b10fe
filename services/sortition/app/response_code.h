#pragma once
#include <string>
#include <string_view>

#include "assembly/pii/pii.h"

namespace sortition::app {
// The response code printed on an invitee's letter: 10 characters of an unambiguous alphabet,
// "XXXXX-XXXXX", derived by keyed hash from the draw and the person (never stored).
std::string response_code(const assembly::pii::Keyring& keyring, const std::string& draw_id,
                          const std::string& person_id);
// The normal form of a code as typed by someone (upper case, no separators), for hashing.
std::string normalise_code(std::string_view typed);
}  // namespace sortition::app
