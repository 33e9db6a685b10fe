#pragma once
// Cursor pagination, the shape of every paginated list: `?limit=` (default and cap per route) and
// `?cursor=` (opaque: the key of the last item of the previous page). The answer is
// {"items": [...], "next_cursor": "..."} (null on the last page) with, when there is a next page,
// a `Link: <path?...&cursor=...>; rel="next"` header. Keys are the list's order (say
// "2022-01-12T10:00:00Z|<id>"); a store reads `limit + 1` rows after the key to know if more
// follow.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "assembly/http/http.h"

namespace assembly::http {

struct PageRequest {
  std::size_t limit = 0;
  std::string after;  // the decoded cursor: "" from the start
};

// A 400 naming `limit` or `cursor` when they are malformed; limit 1..cap.
PageRequest page_request(const Request& request, std::size_t default_limit, std::size_t cap);

// The answer for a page: `items` (at most request.limit of them: the store read one more to know
// whether a next page exists, and says so with `next_key`). The Link to the next page repeats
// `limit` and the query parameters named in `kept` (those the list reads, e.g. its filters), and
// no other: a page kept and served again to another caller never carries the first one's
// parameters.
Response page_response(const Request& request, nlohmann::json items,
                       const std::optional<std::string>& next_key,
                       const std::vector<std::string>& kept = {});

std::string encode_cursor(const std::string& key);
std::optional<std::string> decode_cursor(const std::string& cursor);

}  // namespace assembly::http
