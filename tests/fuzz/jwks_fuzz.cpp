// The issuer's key set (KeySet::from_jwks, RFC 7517), as fetched from its jwks_uri: any document
// is read or refused with std::invalid_argument; a set read holds usable, distinct keys.
#include <set>
#include <stdexcept>
#include <string>

#include "assembly/auth/auth.h"
#include "fuzz_check.h"

using assembly::auth::KeySet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::shared_ptr<const KeySet> keys;
  try {
    keys = KeySet::from_jwks(text);
  } catch (const std::invalid_argument& e) {
    FUZZ_CHECK(e.what()[0] != '\0');
    return 0;
  }
  FUZZ_CHECK(keys && keys->size() >= 1);
  const auto kids = keys->kids();
  FUZZ_CHECK(std::set<std::string>(kids.begin(), kids.end()).size() == kids.size());
  for (const auto& kid : kids) FUZZ_CHECK(keys->find(kid) != nullptr);
  if (keys->size() == 1) FUZZ_CHECK(keys->only() != nullptr);
  return 0;
}
