#include "assembly/http/cache.h"

#include <future>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace assembly::http {
namespace {

struct Entry {
  std::chrono::steady_clock::time_point expires;
  std::shared_ptr<const Response> response;  // copied out after the lock is released
};

struct Cache {
  std::mutex mutex;
  std::unordered_map<std::string, Entry> entries;
  std::unordered_map<std::string, std::shared_future<Response>> building;  // single flight
};

// Keeps only the parameters the route knows (std::map: a canonical order), and keys on them.
std::string reduce(Request& r, const std::vector<std::string>& known) {
  std::map<std::string, std::string> kept;
  for (const auto& name : known)
    if (auto it = r.query.find(name); it != r.query.end()) kept.insert(*it);
  r.query = std::move(kept);
  std::string key = r.path;
  for (const auto& [k, v] : r.query) key += '\x1f' + k + '=' + v;
  return key;
}

}  // namespace

Handler cached(Handler handler, std::chrono::milliseconds ttl, std::vector<std::string> query,
               std::size_t max_entries) {
  if (ttl.count() <= 0)
    return [handler = std::move(handler), query = std::move(query)](Request& req) {
      reduce(req, query);
      return handler(req);
    };
  auto cache = std::make_shared<Cache>();
  return [handler = std::move(handler), query = std::move(query), cache, ttl,
          max_entries](Request& req) {
    const auto key = reduce(req, query);
    std::promise<Response> promise;
    std::shared_ptr<const Response> hit;
    std::shared_future<Response> under_way;
    {
      std::lock_guard lock(cache->mutex);
      auto it = cache->entries.find(key);
      if (it != cache->entries.end() && it->second.expires > std::chrono::steady_clock::now())
        hit = it->second.response;
      else if (auto b = cache->building.find(key); b != cache->building.end())
        under_way = b->second;
      else
        cache->building.emplace(key, promise.get_future().share());
    }
    if (hit) return *hit;
    if (under_way.valid()) return under_way.get();  // the build under way: its answer or error
    Response res;
    std::exception_ptr error;
    try {
      res = handler(req);
    } catch (...) {
      error = std::current_exception();
    }
    {
      std::lock_guard lock(cache->mutex);
      cache->building.erase(key);
      if (!error && res.status == 200) {
        if (cache->entries.size() >= max_entries)
          cache->entries.clear();  // bounded; simple beats LRU here
        cache->entries[key] = {std::chrono::steady_clock::now() + ttl,
                               std::make_shared<const Response>(res)};
      }
    }
    if (error) {
      promise.set_exception(error);  // the waiters get the error; nothing is kept
      std::rethrow_exception(error);
    }
    promise.set_value(res);
    return res;
  };
}

}  // namespace assembly::http
