#include "api/routes.h"

#include "api/json.h"
#include "app/panel_draws.h"
#include "assembly/auth/auth.h"
#include "assembly/http/body.h"
#include "assembly/logging/log.h"
#include "assembly/service/api.h"
#include "domain/panel_draw.h"
#include "store/panel_draw_store.h"

namespace sortition::api {
using namespace assembly::service::api;

namespace {

domain::PanelDrawRequest parse_request(const nlohmann::json& b) {
  body::Fields f(b);
  domain::PanelDrawRequest r;
  r.assembly_id = f.string("assembly_id", 64);
  r.seats = static_cast<int>(f.integer("seats", 1, 100000));
  r.seed = f.string("seed", 256);
  const auto& candidates = f.array("candidates");
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    auto at = "/candidates/" + std::to_string(i);
    const auto& c = candidates[i];
    auto cf = f.nested(c, at);
    domain::Candidate cand;
    cand.person_id = cf.string("person_id", 64);
    cand.pool = cf.string_or("pool", "roll", 64);
    if (c.is_object() && c.contains("attributes")) {
      const auto& attributes = c["attributes"];
      cf.check(attributes.is_object(), at + "/attributes",
               "attributes must be an object of strings");
      if (attributes.is_object()) {
        for (const auto& [k, v] : attributes.items()) {
          cf.check(v.is_string(), at + "/attributes/" + k, "attribute values must be strings");
          if (v.is_string()) cand.attributes[k] = v.get<std::string>();
        }
      }
    }
    r.candidates.push_back(std::move(cand));
  }
  f.done();
  return r;
}

}  // namespace

void add_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  const Access staff = Access::roles_of({assembly::auth::kSecretariat});

  auto draw = [&db, &outbox](http::Request& req) {
    auto request = parse_request(req.json());
    http::require_scope(req, http::Scope{request.assembly_id});
    auto stored = db.transact(
        [&](pqxx::work& tx) { return app::draw_panel(tx, outbox, request, req.caller().actor()); });
    assembly::log::info("panel drawn", {{"draw_id", stored.id}, {"seats", stored.seats}});
    auto res = http::Response::json(201, to_json(stored, true));
    res.headers.emplace_back("Location", "/v1/panel-draws/" + stored.id);
    return res;
  };
  auto list = [&db](http::Request& req) {
    auto assembly_id = body::required_query(req, "assembly_id");
    auto draws = db.transact([&](pqxx::work& tx) { return store::list(tx, assembly_id); });
    return http::Response::items(draws, [](const auto& d) { return to_json(d, false); });
  };
  auto get = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto draw = db.read([&](pqxx::transaction_base& tx) { return store::find(tx, id); });
    if (!draw) throw http::not_found("no panel draw " + id);
    return http::Response::json(200, to_json(*draw, true));
  };

  // The assembly is named in the body: the handler checks the caller's limits.
  ctx.router.add(Method::Post, "/v1/panel-draws", staff, draw,
                 http::RouteOptions{8 << 20, true, http::ScopeCheck::in_handler});
  ctx.router.add(Method::Get, "/v1/panel-draws", staff, list);
  ctx.router.add(Method::Get, "/v1/panel-draws/:id", staff, get);
}

}  // namespace sortition::api
