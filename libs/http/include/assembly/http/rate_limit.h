#pragma once
// A token bucket per key (say, the caller's address) for public endpoints that must not be
// hammered, like answering an invitation with its code.
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace assembly::http {

class RateLimiter {
 public:
  // `per_minute` tokens come back each minute, up to `burst`.
  RateLimiter(double per_minute, double burst) : rate_(per_minute / 60.0), burst_(burst) {}
  // Takes a token for `key`; throws a 429 problem with Retry-After when there is none.
  void take(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point at;
  };
  double rate_, burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::chrono::steady_clock::time_point last_sweep_{};
};

}  // namespace assembly::http
