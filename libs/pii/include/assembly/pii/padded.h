#pragma once
// Sealing a value whose size at rest must not tell it apart from others (a secret vote, an
// anonymous answer): padded to a fixed size (ISO/IEC 7816-4), then sealed under the keyring's
// current key with a fresh random nonce kept after the header (XChaCha20's 24-byte
// nonces do not repeat by chance). Every value sealed at one size is size + kPaddedOverhead bytes.
#include <cstddef>
#include <string>
#include <string_view>

#include "assembly/pii/pii.h"

namespace assembly::pii {

constexpr std::size_t kPaddedOverhead = 24 + Keyring::kSealOverhead;

// Throws std::invalid_argument when `plain` is not shorter than `size`. `context` is
// authenticated, as in Keyring::seal: moved to another row, the value does not open.
std::string seal_padded(const Keyring& keyring, std::string_view plain, std::size_t size,
                        std::string_view context);
// The value seal_padded sealed; throws std::runtime_error as Keyring::open does.
std::string open_padded(const Keyring& keyring, std::string_view sealed, std::string_view context);
// The value sealed again under the keyring's current key, at the same size, a fresh nonce.
std::string reseal_padded(const Keyring& keyring, std::string_view sealed,
                          std::string_view context);

}  // namespace assembly::pii
