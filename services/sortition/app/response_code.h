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
// What the database keeps of a (normalised) code to find its invitation: "k1:" and a keyed
// BLAKE2b-256 under the service's key. A code has ~50 bits: a plain hash of it could be searched
// exhaustively from a copy of the database; a keyed one cannot without the key file.
std::string code_key(const assembly::pii::Keyring& keyring, std::string_view normalised);
// The prefix of code_key; a stored value without it is the SHA-256 of an earlier version.
inline constexpr std::string_view kCodeKeyPrefix = "k1:";
}  // namespace sortition::app
