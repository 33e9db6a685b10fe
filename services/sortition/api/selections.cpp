#include "api/selections.h"

#include "api/json.h"
#include "app/replacement.h"
#include "app/selections.h"
#include "assembly/auth/auth.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"
#include "domain/fair.h"
#include "domain/panel_draw.h"
#include "page/record.h"

namespace sortition::api {
using namespace assembly::service::api;

namespace {

app::SelectionRequest parse_selection(const json& b) {
  app::SelectionRequest r;
  r.assembly_id = body::string(b, "assembly_id", "", 64);
  r.quota_set_id = body::string(b, "quota_set_id", "", 64);
  r.seed_commitment = body::string(b, "seed_commitment", "", 64);
  if (!domain::is_sha256_hex(r.seed_commitment))
    throw http::unprocessable(
        "seed_commitment must be the SHA-256 of the seed, 64 lower-case hex digits",
        "/seed_commitment");
  const auto& draws = body::array(b, "invitation_draw_ids");
  if (draws.empty())
    throw http::unprocessable("at least one invitation draw", "/invitation_draw_ids");
  for (const auto& d : draws)
    r.invitation_draw_ids.push_back(d.is_string() ? std::optional(d.get<std::string>())
                                                  : std::nullopt);
  if (b.contains("replacement_deadline") && !b["replacement_deadline"].is_null()) {
    r.replacement_deadline = body::string(b, "replacement_deadline", "", 10);
    const auto& d = r.replacement_deadline;
    if (d.size() != 10 || d[4] != '-' || d[7] != '-')
      throw http::unprocessable("replacement_deadline must be a date, YYYY-MM-DD",
                                "/replacement_deadline");
  }
  r.algorithm = "leximin";
  if (b.contains("algorithm") && !b["algorithm"].is_null()) {
    r.algorithm = body::string(b, "algorithm", "", 16);
    if (!fair::parse_algorithm(r.algorithm))
      throw http::unprocessable("algorithm must be leximin, maximin or legacy", "/algorithm");
  }
  return r;
}

}  // namespace

void add_selection_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  const Access staff = Access::roles_of({assembly::auth::kSecretariat});

  auto create = [&db](http::Request& req) {
    auto request = parse_selection(req.json());
    request.created_by = req.caller().subject;
    auto sel = db.transact([&](pqxx::work& tx) { return app::create_selection(tx, request); });
    auto res = http::Response::json(201, to_json(sel));
    res.headers.emplace_back("Location", "/v1/selections/" + sel.id);
    return res;
  };
  // Reveal the seed: the draw is queued and runs off the request path (GET shows its state).
  auto draw = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto seed = body::string(req.json(), "seed", "", 256);
    auto sel = db.transact(
        [&](pqxx::work& tx) { return app::reveal_seed(tx, id, seed, req.caller().subject); });
    return http::Response::json(202, to_json(sel));
  };
  auto get = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto s = db.transact([&](pqxx::work& tx) { return app::selection_with_lists(tx, id); });
    return http::Response::json(200, to_json(s.selection, s.people));
  };
  // Public: the draw record, as JSON and as the printable bailiff's record. No names.
  auto done = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    return db.transact([&](pqxx::work& tx) { return app::done_selection(tx, id); });
  };
  auto record = [done](http::Request& req) {
    return http::Response::json(200, record_json(done(req)));
  };
  auto record_html = [done](http::Request& req) {
    return http::Response::text(200, page::record_html(done(req)), "text/html; charset=utf-8");
  };
  auto replacement = [&db, &outbox](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto b = req.json();
    app::ReplacementRequest r{id, body::string(b, "person_id", "", 64),
                              body::string(b, "reason", "", 200), req.caller().subject, ""};
    auto out = db.transact([&](pqxx::work& tx) { return app::replace(tx, outbox, r); });
    return http::Response::json(out.drawn ? 201 : 200, to_json(out));
  };

  ctx.router.add(Method::Post, "/v1/selections", staff, create);
  ctx.router.add(Method::Post, "/v1/selections/:id/draw", staff, draw);
  ctx.router.add(Method::Get, "/v1/selections/:id", staff, get);
  ctx.router.add(Method::Get, "/v1/selections/:id/record", Access::anyone(), record);
  ctx.router.add(Method::Get, "/v1/selections/:id/record.html", Access::anyone(), record_html);
  ctx.router.add(Method::Post, "/v1/selections/:id/replacements", staff, replacement);
}

}  // namespace sortition::api
