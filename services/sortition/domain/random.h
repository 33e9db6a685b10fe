#pragma once
// A reproducible random stream from a public seed: the i-th number is the first 8 bytes of
// SHA-256(seed || ":" || i), big-endian. Anyone holding the seed can redo every draw made with it,
// which is the point: no draw may depend on a hidden generator state.
// Pure domain: no I/O.
#include <cstdint>
#include <string>
#include <vector>

namespace sortition::domain {

class SeededRandom {
 public:
  explicit SeededRandom(std::string seed, std::uint64_t counter = 0)
      : seed_(std::move(seed)), counter_(counter) {}

  // The next raw 64-bit value; advances the counter by one.
  std::uint64_t next_u64();
  // Uniform in [0, n), n >= 1, by rejection sampling (re-hash while v >= 2^64 - 2^64 mod n) so
  // there is no modulo bias. Consumes one or more counter values.
  std::uint64_t uniform(std::uint64_t n);
  // Fisher-Yates from the front: position i (i = 0 ... size-2) swaps with i + uniform(size - i).
  template <typename T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = 0; i + 1 < v.size(); ++i) std::swap(v[i], v[i + uniform(v.size() - i)]);
  }

  const std::string& seed() const { return seed_; }
  // The counter the next hash will use: a caller that stores it can resume the stream.
  std::uint64_t counter() const { return counter_; }

 private:
  std::string seed_;
  std::uint64_t counter_;
};

}  // namespace sortition::domain
