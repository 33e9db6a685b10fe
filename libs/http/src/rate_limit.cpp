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

}  // namespace assembly::http
