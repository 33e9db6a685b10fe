#include "assembly/http/rate_limit.h"

#include <cmath>

#include "assembly/http/http.h"

namespace assembly::http {

void RateLimiter::take(const std::string& key) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (now - last_sweep_ > std::chrono::minutes(1)) {  // forget full buckets: memory stays bounded
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      double t =
          it->second.tokens + rate_ * std::chrono::duration<double>(now - it->second.at).count();
      it = t >= burst_ ? buckets_.erase(it) : std::next(it);
    }
    last_sweep_ = now;
  }
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
  auto& b = it->second;
  if (!fresh) {
    b.tokens =
        std::min(burst_, b.tokens + rate_ * std::chrono::duration<double>(now - b.at).count());
    b.at = now;
  }
  if (b.tokens < 1.0) {
    auto wait = static_cast<long>(std::ceil((1.0 - b.tokens) / rate_));
    Problem p(429, "Too Many Requests",
              "too many attempts; try again in " + std::to_string(wait) + " s");
    p.header("Retry-After", std::to_string(wait));
    throw p;
  }
  b.tokens -= 1.0;
}

struct ConcurrencyLimit::State {
  std::mutex mutex;
  std::size_t limit, used = 0;
};

ConcurrencyLimit::ConcurrencyLimit(std::size_t limit, int retry_after_seconds)
    : state_(std::make_shared<State>()), retry_after_(retry_after_seconds) {
  state_->limit = limit;
}

std::shared_ptr<void> ConcurrencyLimit::enter(const std::string& what) {
  {
    std::lock_guard lock(state_->mutex);
    if (state_->used >= state_->limit) {
      Problem p(503, "Service unavailable",
                std::to_string(state_->limit) + " " + what +
                    " are being made at once, the most allowed; try again in " +
                    std::to_string(retry_after_) + " s");
      p.header("Retry-After", std::to_string(retry_after_));
      throw p;
    }
    ++state_->used;
  }
  struct Slot {
    explicit Slot(std::shared_ptr<State> s) : state(std::move(s)) {}
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() {
      std::lock_guard lock(state->mutex);
      --state->used;
    }
    std::shared_ptr<State> state;
  };
  return std::make_shared<Slot>(state_);
}

std::size_t ConcurrencyLimit::in_use() const {
  std::lock_guard lock(state_->mutex);
  return state_->used;
}

}  // namespace assembly::http
