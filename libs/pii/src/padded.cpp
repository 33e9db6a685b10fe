#include "assembly/pii/padded.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace assembly::pii {

std::string seal_padded(const Keyring& keyring, std::string_view plain, std::size_t size,
                        std::string_view context) {
  if (size == 0 || plain.size() >= size)
    throw std::invalid_argument("a value of " + std::to_string(plain.size()) +
                                " bytes does not pad to " + std::to_string(size));
  std::string padded(size, '\0');
  std::copy(plain.begin(), plain.end(), padded.begin());
  std::size_t padded_len = 0;
  sodium_pad(&padded_len, reinterpret_cast<unsigned char*>(padded.data()), plain.size(), size,
             size);
  auto out = keyring.seal_random(padded, context);
  sodium_memzero(padded.data(), padded.size());
  return out;
}

std::string open_padded(const Keyring& keyring, std::string_view sealed, std::string_view context) {
  auto padded = keyring.open_random(sealed, context);
  std::size_t len = 0;
  if (padded.empty() || sodium_unpad(&len, reinterpret_cast<const unsigned char*>(padded.data()),
                                     padded.size(), padded.size()) != 0)
    throw std::runtime_error("sealed data is not padded");
  padded.resize(len);
  return padded;
}

std::string reseal_padded(const Keyring& keyring, std::string_view sealed,
                          std::string_view context) {
  auto padded = keyring.open_random(sealed, context);
  auto out = keyring.seal_random(padded, context);
  sodium_memzero(padded.data(), padded.size());
  return out;
}

}  // namespace assembly::pii
