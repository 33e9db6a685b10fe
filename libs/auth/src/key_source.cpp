// Key sources: a fixed set, and the issuer's set fetched through discovery with rate-limited
// refreshes.
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>

#include "assembly/auth/auth.h"

namespace assembly::auth {

StaticKeys::StaticKeys(std::shared_ptr<const KeySet> keys) : keys_(std::move(keys)) {
  if (!keys_) throw std::invalid_argument("StaticKeys: no key set");
}

struct RemoteKeys::State {
  RemoteKeysOptions options;
  mutable std::mutex mutex;
  std::condition_variable done;
  std::shared_ptr<const KeySet> keys;
  std::string jwks_uri;  // configured, or found by discovery
  bool in_flight = false;
  // The last fetch an unknown kid caused: the rate limit counts only those (a periodic or start-up
  // refresh just before a rotation must not hold back the new key's first tokens).
  bool attempted = false;
  std::chrono::steady_clock::time_point last_attempt{};
  std::uint64_t generation = 0;  // fetches finished
  std::string last_error;
  std::uint64_t fetches = 0;

  // One fetch: discovery when the key set's address is not known yet, then the key set.
  // Called without the lock.
  std::shared_ptr<const KeySet> fetch(std::string uri) {
    if (uri.empty()) {
      std::string base = options.issuer;
      while (!base.empty() && base.back() == '/') base.pop_back();
      const std::string discovery_url = base + "/.well-known/openid-configuration";
      nlohmann::json doc;
      try {
        doc = nlohmann::json::parse(options.fetch(discovery_url));
      } catch (const nlohmann::json::exception&) {
        throw std::runtime_error("the discovery document " + discovery_url + " is not JSON");
      }
      if (!doc.is_object() || !doc.contains("jwks_uri") || !doc["jwks_uri"].is_string())
        throw std::runtime_error("the discovery document " + discovery_url + " has no jwks_uri");
      if (!doc.contains("issuer") || doc["issuer"] != options.issuer)
        throw std::runtime_error("the discovery document " + discovery_url +
                                 " names another issuer than " + options.issuer);
      uri = doc["jwks_uri"].get<std::string>();
      std::lock_guard lock(mutex);
      if (options.jwks_uri.empty()) jwks_uri = uri;
    }
    try {
      return KeySet::from_jwks(options.fetch(uri));
    } catch (...) {
      // Discovered again next time: the issuer may have moved its keys.
      std::lock_guard lock(mutex);
      if (options.jwks_uri.empty()) jwks_uri.clear();
      throw;
    }
  }

  // Runs one fetch as the caller holding `lock` (in_flight set by the caller), then wakes the
  // waiters. Returns with the lock held.
  void run_fetch(std::unique_lock<std::mutex>& lock) {
    const std::string uri = jwks_uri;
    lock.unlock();
    std::shared_ptr<const KeySet> fresh;
    std::string error;
    try {
      fresh = fetch(uri);
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "fetch failed";
    }
    if (options.on_refresh) {
      try {
        options.on_refresh(error.empty(), error);
      } catch (...) {
      }
    }
    lock.lock();
    if (fresh) keys = std::move(fresh);
    last_error = error;
    ++fetches;
    ++generation;
    in_flight = false;
    done.notify_all();
  }

  // Waits for the fetch in flight to finish (the lock held).
  void wait(std::unique_lock<std::mutex>& lock) {
    const auto gen = generation;
    done.wait(lock, [&] { return generation != gen || !in_flight; });
  }
};

RemoteKeys::RemoteKeys(RemoteKeysOptions options) : state_(std::make_shared<State>()) {
  if (!options.fetch) throw std::invalid_argument("RemoteKeys: no fetch function");
  if (options.issuer.empty() && options.jwks_uri.empty())
    throw std::invalid_argument("RemoteKeys: neither an issuer nor a key set address");
  if (options.min_refresh_interval.count() < 0)
    throw std::invalid_argument("RemoteKeys: negative refresh interval");
  if (!options.clock) options.clock = [] { return std::chrono::steady_clock::now(); };
  state_->jwks_uri = options.jwks_uri;
  state_->options = std::move(options);
}

bool RemoteKeys::refresh() {
  auto& s = *state_;
  std::unique_lock lock(s.mutex);
  if (s.in_flight) {
    s.wait(lock);
  } else {
    s.in_flight = true;
    s.run_fetch(lock);
  }
  return s.keys != nullptr;
}

std::shared_ptr<const KeySet> RemoteKeys::current() const {
  std::lock_guard lock(state_->mutex);
  return state_->keys;
}

std::shared_ptr<const KeySet> RemoteKeys::on_unknown_key(const std::string& kid) {
  auto& s = *state_;
  std::unique_lock lock(s.mutex);
  for (;;) {
    // Another caller's refresh may have brought the key already.
    if (s.keys && s.keys->contains(kid)) return s.keys;
    // A fetch in flight (another caller's, or a periodic one that may have started before the
    // key was published): wait for it, then look again.
    if (s.in_flight) {
      s.wait(lock);
      continue;
    }
    const auto now = s.options.clock();
    if (s.attempted && now - s.last_attempt < s.options.min_refresh_interval) return s.keys;
    s.in_flight = true;
    s.attempted = true;
    s.last_attempt = now;
    s.run_fetch(lock);
    return s.keys;
  }
}

RemoteKeys::Status RemoteKeys::status() const {
  std::lock_guard lock(state_->mutex);
  Status st;
  st.loaded = state_->keys != nullptr;
  st.keys = state_->keys ? state_->keys->size() : 0;
  st.last_error = state_->last_error;
  st.fetches = state_->fetches;
  return st;
}

}  // namespace assembly::auth
