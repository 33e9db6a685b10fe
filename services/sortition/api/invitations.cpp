#include "api/invitations.h"

#include <chrono>

#include "api/json.h"
#include "app/invitations.h"
#include "assembly/auth/auth.h"
#include "assembly/http/body.h"
#include "assembly/http/page.h"
#include "assembly/logging/log.h"
#include "assembly/service/api.h"
#include "domain/invitation.h"
#include "domain/panel_draw.h"

namespace sortition::api {
using namespace assembly::service::api;

namespace {

// The invitees and the mailing list come by pages of 1,000 rows (at most 5,000 with ?limit=);
// the cursor is the draw rank of the page's last row.
constexpr std::size_t kPageDefault = 1000, kPageCap = 5000;

app::Page invitation_page(const http::Request& req) {
  auto p = http::page_request(req, kPageDefault, kPageCap);
  app::Page page{-1, p.limit};
  if (!p.after.empty()) {
    std::size_t used = 0;
    try {
      page.after_rank = std::stoll(p.after, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != p.after.size() || page.after_rank < 0)
      throw http::bad_request("cursor is not one this list gave (use next_cursor as it is)",
                              "cursor");
  }
  return page;
}

std::optional<std::string> next_key(const std::optional<long long>& after) {
  if (!after) return std::nullopt;
  return std::to_string(*after);
}

app::InvitationDrawRequest parse_invitation_draw(const nlohmann::json& b) {
  body::Fields f(b);
  app::InvitationDrawRequest r;
  r.assembly_id = f.string("assembly_id", 64);
  r.pool_id = f.string("pool_id", 64);
  r.invited = f.integer("invited", 1, 1'000'000);
  r.seed_commitment = f.string("seed_commitment", 64);
  if (!r.seed_commitment.empty())  // an empty or missing one is already named
    f.check(domain::is_sha256_hex(r.seed_commitment), "/seed_commitment",
            "seed_commitment must be the SHA-256 of the seed, 64 lower-case hex digits");
  if (f.has("stratify_by")) {
    r.stratify_by = f.string("stratify_by", 32);
    f.check(domain::is_stratification_column(r.stratify_by), "/stratify_by",
            "stratify_by must be sex, birth_year or arrondissement");
  }
  f.done();
  return r;
}

}  // namespace

void add_invitation_routes(assembly::service::Context& ctx,
                           std::shared_ptr<assembly::pii::Keyring> keyring) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  const Access staff = Access::roles_of({assembly::auth::kSecretariat});

  // The commitment comes first: the secretariat publishes SHA-256(seed) before the draw.
  auto commit = [&db](http::Request& req) {
    auto request = parse_invitation_draw(req.json());
    http::require_scope(req, http::Scope{request.assembly_id});
    request.committed_by = req.caller().actor();
    auto draw =
        db.transact([&](pqxx::work& tx) { return app::commit_invitation_draw(tx, request); });
    auto res = http::Response::json(201, to_json(draw));
    res.headers.emplace_back("Location", "/v1/invitation-draws/" + draw.id);
    return res;
  };
  // Public: the commitment before the draw, the seed, hashes and strata after it. No one's name.
  auto list = [&db](http::Request& req) {
    auto assembly_id = body::required_query(req, "assembly_id");
    auto draws =
        db.transact([&](pqxx::work& tx) { return store::list_invitation_draws(tx, assembly_id); });
    return http::Response::items(draws, [](const auto& d) { return to_json(d); });
  };
  auto get = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto draw = db.transact([&](pqxx::work& tx) { return app::invitation_draw(tx, id); });
    return http::Response::json(200, to_json(draw));
  };
  auto draw = [&db, &outbox, keyring](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    const auto b = req.json();
    body::Fields f(b);
    auto seed = f.string("seed", 256);
    f.check(seed.empty() || seed.size() >= 8, "/seed",  // "" is named already
            "seed must be 8 to 256 characters");
    f.done();
    auto started = std::chrono::steady_clock::now();
    auto d = db.transact([&](pqxx::work& tx) {
      return app::draw_invitations(tx, outbox, *keyring, id, seed, req.caller().actor(), started);
    });
    auto out = to_json(d);
    assembly::log::info(
        "invitation draw made",
        {{"draw_id", id}, {"invited", out["invited"]}, {"server_ms", out["server_ms"]}});
    return http::Response::json(200, out);
  };
  // The invitees by pseudonymous id, in draw order: what sortition-verify prints; by pages.
  auto invitees = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto page = invitation_page(req);
    auto out = db.transact([&](pqxx::work& tx) { return app::invitees(tx, id, page); });
    return http::page_response(req, out.person_ids, next_key(out.next_after));
  };
  // The mailing list, decrypted: names, addresses and response codes. Every export is recorded
  // (who, when, how many) in pii_reads; nothing of it is logged.
  // By pages: the next one is linked from the Link header.
  auto mailing_list = [&db, keyring](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto by = req.caller().actor();
    auto page = invitation_page(req);
    auto list =
        db.transact([&](pqxx::work& tx) { return app::mailing_list(tx, *keyring, id, by, page); });
    assembly::log::info("mailing list exported",
                        {{"draw_id", id}, {"rows", list.rows}, {"by", by}});
    auto r = http::page_response(req, nlohmann::json::array(), next_key(list.next_after));
    r.body = std::move(list.csv);
    r.content_type = "text/csv; charset=utf-8";
    return r;
  };

  // The secretariat closes the answer period: later answers are refused as an unknown code is.
  auto close = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto d = db.transact([&](pqxx::work& tx) { return app::close_answers(tx, id); });
    return http::Response::json(200, to_json(d));
  };

  ctx.router.add(Method::Post, "/v1/invitation-draws", staff, commit,
                 http::RouteOptions{1 << 20, true, http::ScopeCheck::in_handler});
  ctx.router.add(Method::Get, "/v1/invitation-draws", Access::anyone(), list);
  ctx.router.add(Method::Get, "/v1/invitation-draws/:id", Access::anyone(), get);
  ctx.router.add(Method::Post, "/v1/invitation-draws/:id/draw", staff, draw);
  ctx.router.add(Method::Post, "/v1/invitation-draws/:id/close", staff, close);
  ctx.router.add(Method::Get, "/v1/invitation-draws/:id/invitees", staff, invitees,
                 http::personal_data());
  // The notifications service reads it with its own token (role notifier) to make the letters.
  ctx.router.add(Method::Get, "/v1/invitation-draws/:id/mailing-list",
                 Access::roles_of({assembly::auth::kSecretariat, assembly::auth::kNotifier}),
                 mailing_list, http::personal_data());
}

}  // namespace sortition::api
