#include "assembly/http/versioned_cache.h"

namespace assembly::http {

VersionedCache::VersionedCache(std::size_t max_entries, std::chrono::seconds max_age)
    : max_entries_(max_entries), max_age_(max_age) {}

std::optional<Response> VersionedCache::find(const std::string& key, std::int64_t version) {
  std::shared_ptr<const Response> hit;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    if (now() - it->second.built >= max_age_) {
      entries_.erase(it);
      return std::nullopt;
    }
    if (it->second.version != version) return std::nullopt;
    hit = it->second.answer;
  }
  return *hit;
}

void VersionedCache::keep(const std::string& key, std::int64_t version, const Response& answer) {
  if (answer.status != 200 || answer.file) return;
  auto kept = std::make_shared<const Response>(answer);
  const auto at = now();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    if (it->second.version > version) return;  // a newer one is there already
    it->second = {version, at, std::move(kept)};
    return;
  }
  if (entries_.size() >= max_entries_) drop_old(at);
  if (entries_.size() >= max_entries_) entries_.clear();  // bounded; simple beats LRU here
  entries_.emplace(key, Entry{version, at, std::move(kept)});
}

std::size_t VersionedCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void VersionedCache::drop_old(Clock::time_point at) {
  for (auto it = entries_.begin(); it != entries_.end();)
    it = at - it->second.built >= max_age_ ? entries_.erase(it) : std::next(it);
}

}  // namespace assembly::http
