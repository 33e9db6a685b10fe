#pragma once
// A short-lived cache for public GET routes (the transparency pages every resident may open at
// once): a 200 answer is reused for `ttl`. Data may be up to `ttl` old.
//
// The work a public request can cause is bounded:
// - the key is the path and, of the query, only the parameters the route names (`query`), in
//   a canonical order; any other parameter is dropped before the handler runs, so a random
//   query string (a cache buster) neither misses nor changes the answer;
// - misses on one key share one build (single flight): a burst on a cold or just-expired page
//   runs the handler once, the other requests wait for its answer (or its error, not cached).
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "assembly/http/http.h"

namespace assembly::http {

// Wraps handler; ttl 0 disables caching (the query is still reduced to `query`). At most
// max_entries answers are kept per route.
Handler cached(Handler handler, std::chrono::milliseconds ttl, std::vector<std::string> query = {},
               std::size_t max_entries = 1024);

}  // namespace assembly::http
