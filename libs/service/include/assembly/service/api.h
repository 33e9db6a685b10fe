#pragma once
// What the route files (api/) of every service share: the names they use from the HTTP layer, and
// the service's pool and outbox handed to each route handler. A route file says
// `using namespace assembly::service::api;` inside its own namespace.
#include <nlohmann/json.hpp>

#include "assembly/db/pool.h"
#include "assembly/events/outbox.h"
#include "assembly/http/body.h"
#include "assembly/http/http.h"
#include "assembly/service/service.h"

namespace assembly::service::api {

namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;
using nlohmann::json;

// What a route handler may use of the service: its database pool and its outbox.
struct Deps {
  assembly::db::Pool& db;
  const assembly::events::Outbox& outbox;
};

using DepsHandler = http::Response (*)(Deps, http::Request&);

// Turns `handler(Deps, Request&)` into the router's handler, with the pool and outbox of `ctx`:
// `auto route = routes_with(ctx); r.add(Method::Get, "/v1/x", anyone, route(get_x));`.
inline auto routes_with(Context& ctx) {
  Deps d{ctx.db, ctx.outbox};
  return [d](DepsHandler handler) -> http::Handler {
    return [d, handler](http::Request& req) { return handler(d, req); };
  };
}

}  // namespace assembly::service::api
