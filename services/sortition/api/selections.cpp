#include "api/selections.h"

#include "api/json.h"
#include "api/uploads.h"
#include "app/replacement.h"
#include "app/selections.h"
#include "assembly/auth/auth.h"
#include "assembly/http/body.h"
#include "assembly/service/api.h"
#include "assembly/service/site.h"
#include "domain/fair.h"
#include "domain/panel_draw.h"
#include "page/record.h"

namespace sortition::api {
using namespace assembly::service::api;

namespace {

// Every field at fault is named at once ("" from a reader: named already).
app::SelectionRequest parse_selection(const json& b) {
  body::Fields f(b);
  app::SelectionRequest r;
  r.assembly_id = f.string("assembly_id", 64);
  r.quota_set_id = f.string("quota_set_id", 64);
  r.seed_commitment = f.string("seed_commitment", 64);
  f.check(r.seed_commitment.empty() || domain::is_sha256_hex(r.seed_commitment), "/seed_commitment",
          "seed_commitment must be the SHA-256 of the seed, 64 lower-case hex digits");
  const auto& draws = f.array("invitation_draw_ids");
  if (f.has("invitation_draw_ids") && b.at("invitation_draw_ids").is_array())
    f.check(!draws.empty(), "/invitation_draw_ids", "at least one invitation draw");
  for (const auto& d : draws)
    r.invitation_draw_ids.push_back(d.is_string() ? std::optional(d.get<std::string>())
                                                  : std::nullopt);
  if (f.has("replacement_deadline")) {
    r.replacement_deadline = f.string("replacement_deadline", 10);
    const auto& d = r.replacement_deadline;
    f.check(d.empty() || (d.size() == 10 && d[4] == '-' && d[7] == '-'), "/replacement_deadline",
            "replacement_deadline must be a date, YYYY-MM-DD");
  }
  r.algorithm = "leximin";
  if (f.has("algorithm")) {
    r.algorithm = f.string("algorithm", 16);
    f.check(r.algorithm.empty() || fair::parse_algorithm(r.algorithm).has_value(), "/algorithm",
            "algorithm must be leximin, maximin or legacy");
  }
  f.done();
  return r;
}

}  // namespace

namespace {

http::Response create_selection(Deps d, http::Request& req) {
  auto request = parse_selection(req.json());
  http::require_scope(req, http::Scope{request.assembly_id});
  request.created_by = req.caller().actor();
  auto sel = d.db.transact([&](pqxx::work& tx) { return app::create_selection(tx, request); });
  auto res = http::Response::json(201, to_json(sel));
  res.headers.emplace_back("Location", "/v1/selections/" + sel.id);
  return res;
}

// Reveal the seed: the draw is queued and runs off the request path (GET shows its state).
http::Response draw_selection(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto seed = f.string("seed", 256);
  f.done();
  auto sel = d.db.transact(
      [&](pqxx::work& tx) { return app::reveal_seed(tx, id, seed, req.caller().actor()); });
  return http::Response::json(202, to_json(sel));
}

// 200 with the selection: 'cancelled', or still 'running' with cancel_requested_at while its
// worker stops.
http::Response cancel_selection(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  req.json();  // an empty object: nothing to give (a body that is not JSON is refused)
  auto sel = d.db.transact(
      [&](pqxx::work& tx) { return app::cancel_selection(tx, id, req.caller().actor()); });
  return http::Response::json(200, to_json(sel));
}

http::Response get_selection(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto s = d.db.transact([&](pqxx::work& tx) { return app::selection_with_lists(tx, id); });
  return http::Response::json(200, to_json(s.selection, s.people));
}

// Public: the draw record, as JSON and as the printable bailiff's record. No names.
store::Selection done_selection_of(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  return d.db.transact([&](pqxx::work& tx) { return app::done_selection(tx, id); });
}

http::Response selection_record(Deps d, http::Request& req) {
  return http::Response::json(200, record_json(done_selection_of(d, req)));
}

// The printable record's former address: the record is a page of the site now, at one address
// (the links printed and sent before keep working). The selection must exist (404 otherwise).
http::Response selection_record_page(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  d.db.transact([&](pqxx::work& tx) { return app::public_selection(tx, id); });
  auto r = http::Response::text(301, "", "text/plain; charset=utf-8");
  r.headers.emplace_back("Location", page::record_href(id, assembly::site::Lang::fr));
  return r;
}

// The site's page of the record (docs/site.md), in French and English.
assembly::site::Page record_site_page(Deps d, http::Request& req, assembly::site::Lang lang) {
  auto id = body::uuid_param(req, "id");
  auto [selection, signed_records] = d.db.transact([&](pqxx::work& tx) {
    auto s = app::public_selection(tx, id);
    return std::pair{s, signed_records_of(tx, id)};
  });
  std::optional<std::string> signed_record;
  if (!signed_records.empty()) signed_record = signed_records.back().id;
  return page::record_page(selection, lang, signed_record);
}

http::Response draw_replacement(Deps d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  app::ReplacementRequest r{id, f.string("person_id", 64), f.string("reason", 200),
                            req.caller().actor(), ""};
  f.done();
  auto out = d.db.transact([&](pqxx::work& tx) { return app::replace(tx, d.outbox, r); });
  return http::Response::json(out.drawn ? 201 : 200, to_json(out));
}

}  // namespace

void add_selection_routes(assembly::service::Context& ctx) {
  const Access staff = Access::roles_of({assembly::auth::kSecretariat});
  auto route = routes_with(ctx);
  auto& r = ctx.router;
  r.add(Method::Post, "/v1/selections", staff, route(create_selection),
        http::RouteOptions{1 << 20, true, http::ScopeCheck::in_handler});
  r.add(Method::Post, "/v1/selections/:id/draw", staff, route(draw_selection));
  r.add(Method::Post, "/v1/selections/:id/cancel", staff, route(cancel_selection));
  r.add(Method::Get, "/v1/selections/:id", staff, route(get_selection));
  r.add(Method::Get, "/v1/selections/:id/record", Access::anyone(), route(selection_record));
  r.add(Method::Get, "/v1/selections/:id/record.html", Access::anyone(),
        route(selection_record_page));
  r.add(Method::Post, "/v1/selections/:id/replacements", staff, route(draw_replacement));
  assembly::service::add_site_page(ctx, "/tirages/:id", "/en/draws/:id", record_site_page);
}

}  // namespace sortition::api
