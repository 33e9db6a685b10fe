// The service's routes against its OpenAPI document: every route documented with its responses.
#include <gtest/gtest.h>

#include "assembly/http/openapi.h"
#include "assembly/service/service.h"
#include "wiring.h"

TEST(SortitionApi, OpenApiDocumentsEveryRouteAndResponse) {
  auto def = sortition::definition();
  assembly::config::Env env(std::map<std::string, std::string>{});
  assembly::db::Pool pool({"host=127.0.0.1 port=1", "sortition", 1});  // never connected here
  assembly::events::Outbox outbox("t", "sortition", "sortition");
  assembly::http::Router router;
  assembly::events::Dispatcher dispatcher;
  assembly::service::Context ctx{def.name, env, pool, outbox, router, dispatcher};
  def.wire(ctx);
  assembly::service::add_standard_routes(router, [] { return nlohmann::json::object(); }, "{}");
  auto doc = assembly::http::openapi::complete(nlohmann::json::parse(def.openapi));
  auto gaps = assembly::http::openapi::gaps(router, doc);
  for (const auto& g : gaps) ADD_FAILURE() << g;
}
