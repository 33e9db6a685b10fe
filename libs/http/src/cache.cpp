#include "assembly/http/cache.h"

#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace assembly::http {
namespace {

struct Entry {
  std::chrono::steady_clock::time_point expires;
  Response response;
};

struct Cache {
  std::shared_mutex mutex;
  std::unordered_map<std::string, Entry> entries;
};

std::string key_of(const Request& r) {
  std::string key = r.path;
  for (const auto& [k, v] : r.query) key += '\x1f' + k + '=' + v;  // std::map: sorted
  return key;
}

}  // namespace

Handler cached(Handler handler, std::chrono::milliseconds ttl, std::size_t max_entries) {
  if (ttl.count() <= 0) return handler;
  auto cache = std::make_shared<Cache>();
  return [handler = std::move(handler), cache, ttl, max_entries](Request& req) {
    auto key = key_of(req);
    auto now = std::chrono::steady_clock::now();
    {
      std::shared_lock lock(cache->mutex);
      auto it = cache->entries.find(key);
      if (it != cache->entries.end() && it->second.expires > now) return it->second.response;
    }
    auto res = handler(req);
    if (res.status == 200) {
      std::unique_lock lock(cache->mutex);
      if (cache->entries.size() >= max_entries)
        cache->entries.clear();  // bounded; simple beats LRU here
      cache->entries[key] = {now + ttl, res};
    }
    return res;
  };
}

}  // namespace assembly::http
