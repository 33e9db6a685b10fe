#pragma once
// Answers kept while the data they were built from is unchanged: each is stored with the version
// of that data it was built at (a counter the database raises in the same transaction as every
// write to it, e.g. a statement-level trigger), and served again only while that version is still
// the current one; the caller reads the current version (one small query) before asking. So an
// answer from here is exactly the one the handler would build now, unlike cached() (cache.h),
// whose answers may be up to its ttl old.
//
// For authenticated reads whose answer does not depend on the caller (the route has checked the
// token, the role and the object before): the members' list of an assembly. Bounded: at most
// max_entries answers, each kept at most max_age (personal data is not kept in memory longer than
// that after it stops being asked for, or after an erasure changed its version).
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "assembly/http/http.h"

namespace assembly::http {

class VersionedCache {
 public:
  using Clock = std::chrono::steady_clock;
  explicit VersionedCache(std::size_t max_entries = 256,
                          std::chrono::seconds max_age = std::chrono::seconds(60));

  // The answer kept for `key` if it was built at `version` and is younger than max_age.
  std::optional<Response> find(const std::string& key, std::int64_t version);
  // Keeps `answer` for `key`, built at `version` (only a 200; a newer version replaces an older
  // one, never the reverse).
  void keep(const std::string& key, std::int64_t version, const Response& answer);

  std::size_t size() const;
  // For tests: the clock the ages are measured on.
  std::function<Clock::time_point()> now = [] { return Clock::now(); };

 private:
  struct Entry {
    std::int64_t version;
    Clock::time_point built;
    std::shared_ptr<const Response> answer;  // copied out after the lock is released
  };
  void drop_old(Clock::time_point at);  // with the lock held

  const std::size_t max_entries_;
  const std::chrono::seconds max_age_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace assembly::http
