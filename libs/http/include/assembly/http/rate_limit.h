#pragma once
// Limits on the work requests may cause: a token bucket per key (say, the caller's address) for
// public endpoints that must not be hammered, like answering an invitation with its code; a
// bound on how many costly answers (a pool's snapshot) are made at once.
#include <chrono>
#include <cstddef>
#include <memory>
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

// At most `limit` holders at once of something costly. enter() gives a slot, released when its
// last copy goes (a FileBody can hold it until its answer is sent), or throws a 503 problem with
// Retry-After when every slot is taken: the caller comes back rather than waiting on a thread.
class ConcurrencyLimit {
 public:
  ConcurrencyLimit(std::size_t limit, int retry_after_seconds);
  // `what` names the work in the problem's detail ("pool snapshots").
  std::shared_ptr<void> enter(const std::string& what);
  std::size_t in_use() const;

 private:
  struct State;
  std::shared_ptr<State> state_;  // shared with the slots, which may outlive the limit
  int retry_after_;
};

}  // namespace assembly::http
