#pragma once
// A short-lived cache for public GET routes (the transparency pages every resident may open at
// once): a 200 answer is reused for `ttl`, keyed by path and query. Data may be up to `ttl` old.
#include <chrono>
#include <memory>

#include "assembly/http/http.h"

namespace assembly::http {

// Wraps handler; ttl 0 disables caching. At most max_entries answers are kept per route.
Handler cached(Handler handler, std::chrono::milliseconds ttl, std::size_t max_entries = 1024);

}  // namespace assembly::http
