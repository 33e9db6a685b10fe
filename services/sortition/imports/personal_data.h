#pragma once
// What a pool row seals (see imports/pool_import.cpp): the voter id, names, birth date, address
// and postcode, joined by U+001F, under the nonce nonce_of(pool_id, position) and the context
// "<pool_id>/<position>", so a sealed value only opens in its own row.
#include <string>

#include "assembly/pii/pii.h"

namespace sortition::imports {

struct PersonalData {
  std::string voter_id, last_name, first_names, birth_date, address, postcode;
};

std::string seal_personal_data(const assembly::pii::Keyring& keyring, const std::string& pool_id,
                               long long position, const PersonalData& data);
// Throws std::runtime_error when the value does not open (wrong key, wrong row, tampering).
PersonalData open_personal_data(const assembly::pii::Keyring& keyring, const std::string& pool_id,
                                long long position, std::string_view sealed);

// The same value sealed again under the keyring's current key (a key rotation).
std::string reseal_personal_data(const assembly::pii::Keyring& keyring, const std::string& pool_id,
                                 long long position, std::string_view sealed);

}  // namespace sortition::imports
