#include "domain/random.h"

#include <sodium.h>

namespace sortition::domain {

std::uint64_t SeededRandom::next_u64() {
  std::string input = seed_ + ":" + std::to_string(counter_++);
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | out[i];
  return v;
}

std::uint64_t SeededRandom::uniform(std::uint64_t n) {
  std::uint64_t limit = UINT64_MAX - (UINT64_MAX % n);
  std::uint64_t v;
  do {
    v = next_u64();
  } while (v >= limit);
  return v % n;
}

}  // namespace sortition::domain
