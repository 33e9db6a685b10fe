#include "api/respondents.h"

#include <optional>

#include "api/json.h"
#include "app/respondents.h"
#include "app/response_code.h"
#include "assembly/auth/auth.h"
#include "assembly/core/ids.h"
#include "assembly/http/body.h"
#include "assembly/http/rate_limit.h"
#include "assembly/logging/log.h"
#include "assembly/service/api.h"
#include "domain/contact.h"
#include "domain/quotas.h"
#include "store/quota_sets.h"

namespace sortition::api {
using namespace assembly::service::api;

namespace {

// The self-declared criteria: an object of short strings (gender, age_band, arrondissement,
// diploma, and whatever the quota set names), and consent, which must be given.
store::Criteria read_criteria(body::Fields& f, const nlohmann::json& b) {
  store::Criteria out;
  if (!b.is_object()) return out;  // named already
  if (!b.contains("criteria")) {
    f.check(false, "/criteria", "criteria is required");
  } else if (const auto& c = b.at("criteria"); !c.is_object()) {
    f.check(false, "/criteria", "expected a JSON object");
  } else if (c.empty()) {
    f.check(false, "/criteria", "criteria must name at least one category");
  } else if (c.size() > 20) {
    f.check(false, "/criteria", "at most 20 criteria");
  } else {
    bool names_ok = true;
    for (const auto& [k, v] : c.items()) {
      names_ok = names_ok && !k.empty() && k.size() <= 40;
      const bool ok =
          v.is_string() && !v.get<std::string>().empty() && v.get<std::string>().size() <= 100;
      f.check(ok || k.empty() || k.size() > 40, "/criteria/" + k,
              "each criterion is a string of 1 to 100 characters");
      if (ok) out[k] = v.get<std::string>();
    }
    f.check(names_ok, "/criteria", "criterion names are 1 to 40 characters");
  }
  const bool consent =
      b.contains("consent") && b.at("consent").is_boolean() && b.at("consent").get<bool>();
  f.check(consent, "/consent", "consent must be true: no one is drawn without it");
  return out;
}

// Contact details: {email?, phone?}, at least one; required of an invitee answering yes on the
// public route (the secretariat must be able to reach them if drawn), optional on a phone answer.
std::optional<domain::Contact> read_contact(body::Fields& f, const nlohmann::json& b,
                                            bool required) {
  if (!b.contains("contact") || b.at("contact").is_null()) {
    f.check(!required, "/contact",
            "contact details are required: an e-mail address, a phone number or both");
    return std::nullopt;
  }
  const auto& c = b.at("contact");
  if (!c.is_object()) {
    f.check(false, "/contact", "expected a JSON object {email, phone}");
    return std::nullopt;
  }
  auto cf = f.nested(c, "/contact");
  domain::Contact out;
  out.email = cf.string_or("email", "", 254);
  const auto phone = cf.string_or("phone", "", 40);
  f.check(c.contains("email") || c.contains("phone"), "/contact",
          "give an e-mail address, a phone number or both");
  if (auto problem = out.email.empty() ? std::nullopt : domain::email_problem(out.email))
    f.check(false, "/contact/email", *problem);
  if (auto problem = phone.empty() ? std::nullopt : domain::phone_problem(phone))
    f.check(false, "/contact/phone", *problem);
  out.phone = domain::normalise_phone(phone);
  return out;
}

// A yes or a no (`willing`; an answer without it is a yes, as earlier clients sent). A yes
// carries the criteria, consent and contact details; a "no" nothing else (nothing is kept of it
// but the answer).
app::Answer read_answer(body::Fields& f, const nlohmann::json& b, bool contact_required) {
  app::Answer a;
  if (!b.is_object()) return a;  // named already
  if (b.contains("willing")) {
    f.check(b.at("willing").is_boolean(), "/willing", "willing must be true or false");
    a.willing = !b.at("willing").is_boolean() || b.at("willing").get<bool>();
  }
  if (!a.willing) {
    for (const std::string key : {"criteria", "consent", "contact"})
      f.check(!b.contains(key), "/" + key, "an answer \"no\" carries no " + key);
    return a;
  }
  a.criteria = read_criteria(f, b);
  a.contact = read_contact(f, b, contact_required);
  return a;
}

// {assembly_id, name, seat_pools: [{pool: "roll", seats: 80, quotas_csv:
// "feature,value,min,max\n..."}]}
store::QuotaSet read_quota_set(const nlohmann::json& b) {
  body::Fields f(b);
  std::optional<int> csv_line;
  store::QuotaSet q;
  q.assembly_id = f.string("assembly_id", 64);
  q.name = f.string("name", 200);
  const auto& pools = f.array("seat_pools");
  if (f.has("seat_pools") && pools.is_array())
    f.check(!pools.empty(), "/seat_pools", "at least one seat pool");
  for (std::size_t i = 0; i < pools.size(); ++i) {
    auto at = "/seat_pools/" + std::to_string(i);
    auto pf = f.nested(pools[i], at);
    store::SeatPoolRow p;
    p.pool_kind = pf.string("pool", 32);
    if (!p.pool_kind.empty()) {
      pf.check(
          p.pool_kind == "roll" || p.pool_kind == "non-eu-residents" || p.pool_kind == "minors",
          at + "/pool", "pool must be roll, non-eu-residents or minors");
      for (const auto& other : q.seat_pools)
        pf.check(other.pool_kind != p.pool_kind, at + "/pool",
                 "seat pool " + p.pool_kind + " appears twice");
    }
    p.seats = static_cast<int>(pf.integer("seats", 1, 10000));
    p.quotas_csv = pf.string("quotas_csv", 1 << 20);
    if (!p.quotas_csv.empty()) {
      try {
        domain::parse_quotas(p.quotas_csv);
      } catch (const domain::QuotaError& e) {
        pf.check(false, at + "/quotas_csv", std::string("quotas_csv: ") + e.what());
        if (!csv_line) csv_line = e.line();
      }
    }
    q.seat_pools.push_back(std::move(p));
  }
  try {
    f.done();
  } catch (http::Problem& p) {
    if (csv_line) p.with("line", *csv_line);  // the first quotas CSV line at fault
    throw;
  }
  return q;
}

}  // namespace

void add_respondent_routes(assembly::service::Context& ctx,
                           std::shared_ptr<const assembly::pii::Keyring> keyring,
                           double answers_per_minute) {
  auto& db = ctx.db;
  const Access staff = Access::roles_of({assembly::auth::kSecretariat});
  auto limiter = std::make_shared<http::RateLimiter>(answers_per_minute, answers_per_minute);

  // Public: an invitee answers with the code printed on the letter. Rate-limited per address, and
  // an unknown code says nothing about which codes exist.
  auto answer = [&db, limiter, keyring](http::Request& req) {
    limiter->take(req.remote());
    const auto b = req.json();
    body::Fields f(b);
    auto code = app::normalise_code(f.string("code", 40));
    auto answer = read_answer(f, b, true);
    f.done();
    auto r = db.transact(
        [&](pqxx::work& tx) { return app::answer_with_code(tx, *keyring, code, answer); });
    // Never the code, the criteria or the contact details.
    assembly::log::info(
        "invitation answered",
        {{"respondent_id", r.id}, {"channel", "code"}, {"state", domain::to_string(r.state)}});
    return http::Response::json(201, {{"id", r.id}, {"state", domain::to_string(r.state)}});
  };
  // Public: what the invitee with this code is asked (the categories the quotas count). Shares
  // the answers' rate limit, and refuses an unknown or used code as an answer does. The code
  // travels in the body, never in an address (which logs keep).
  auto questions = [&db, limiter, keyring](http::Request& req) {
    limiter->take(req.remote());
    const auto b = req.json();
    body::Fields f(b);
    auto code = app::normalise_code(f.string("code", 40));
    f.done();
    auto list =
        db.transact([&](pqxx::work& tx) { return app::questions_for_code(tx, *keyring, code); });
    auto out = nlohmann::json::array();
    for (const auto& q : list) out.push_back({{"name", q.name}, {"values", q.values}});
    return http::Response::json(200, {{"questions", out}});
  };
  // The secretariat enters an answer given by phone (the caller gave the code on the letter).
  auto answer_by_phone = [&db, keyring](http::Request& req) {
    auto draw_id = body::uuid_param(req, "id");
    const auto b = req.json();
    body::Fields f(b);
    auto code = app::normalise_code(f.string("code", 40));
    auto answer = read_answer(f, b, false);
    f.done();
    auto r = db.transact([&](pqxx::work& tx) {
      return app::answer_by_phone(tx, *keyring, draw_id, code, answer, req.caller().actor());
    });
    return http::Response::json(201, to_json(r));
  };
  // The secretariat's list, with the contact details opened (a read of personal data: on the
  // audit trail, never logged).
  auto list = [&db, keyring](http::Request& req) {
    auto draw_id = body::uuid_param(req, "id");
    auto rows =
        db.transact([&](pqxx::work& tx) { return app::respondents(tx, *keyring, draw_id); });
    return http::Response::items(rows, [](const auto& r) { return to_json(r); });
  };
  // A withdrawn answer is kept, marked withdrawn; it no longer counts for draws.
  auto withdraw = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto r = db.transact([&](pqxx::work& tx) { return app::withdraw(tx, id); });
    return http::Response::json(200, to_json(r));
  };

  ctx.router.add(Method::Post, "/v1/responses", Access::anyone(), answer);
  ctx.router.add(Method::Post, "/v1/responses/questions", Access::anyone(), questions);
  ctx.router.add(Method::Post, "/v1/invitation-draws/:id/respondents", staff, answer_by_phone);
  ctx.router.add(Method::Get, "/v1/invitation-draws/:id/respondents", staff, list,
                 http::personal_data());
  ctx.router.add(Method::Post, "/v1/respondents/:id/withdraw", staff, withdraw);
  // The answers so far by criterion, beside the pool's shares: counts only, no one's answer.
  ctx.router.add(
      Method::Get, "/v1/invitation-draws/:id/answer-figures", staff, [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto f = db.transact([&](pqxx::work& tx) { return app::answer_figures(tx, id); });
        return http::Response::json(200, to_json(f));
      });
}

void add_quota_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  const Access staff = Access::roles_of({assembly::auth::kSecretariat});

  auto create = [&db](http::Request& req) {
    auto q = read_quota_set(req.json());
    http::require_scope(req, http::Scope{q.assembly_id});
    q.id = assembly::core::new_uuid();
    q.created_by = req.caller().actor();
    db.transact([&](pqxx::work& tx) { store::insert_quota_set(tx, q); });
    nlohmann::json out = {{"id", q.id},
                          {"assembly_id", q.assembly_id},
                          {"name", q.name},
                          {"seat_pools", nlohmann::json::array()}};
    for (const auto& p : q.seat_pools)
      out["seat_pools"].push_back({{"pool", p.pool_kind}, {"seats", p.seats}});
    auto res = http::Response::json(201, out);
    res.headers.emplace_back("Location", "/v1/quota-sets/" + q.id);
    return res;
  };
  auto get = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto q = db.transact([&](pqxx::work& tx) { return app::quota_set(tx, id); });
    return http::Response::json(200, to_json(q));
  };
  // One seat pool's quotas back in the Sortition Foundation's layout.
  auto quotas_csv = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto pool = req.param("pool");
    auto csv = db.transact([&](pqxx::work& tx) { return app::export_quotas(tx, id, pool); });
    return http::Response::text(200, csv, "text/csv; charset=utf-8");
  };

  ctx.router.add(Method::Post, "/v1/quota-sets", staff, create,
                 http::RouteOptions{1 << 20, true, http::ScopeCheck::in_handler});
  ctx.router.add(Method::Get, "/v1/quota-sets/:id", staff, get);
  ctx.router.add(Method::Get, "/v1/quota-sets/:id/seat-pools/:pool/quotas.csv", staff, quotas_csv);
  // Before drawing: can these quotas be met by the respondents of these invitation draws?
  ctx.router.add(Method::Post, "/v1/quota-sets/:id/feasibility", staff, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    const auto b = req.json();
    body::Fields f(b);
    std::vector<std::optional<std::string>> draws;
    const auto& ids = f.array("invitation_draw_ids");
    if (f.has("invitation_draw_ids") && b.at("invitation_draw_ids").is_array())
      f.check(!ids.empty(), "/invitation_draw_ids", "at least one invitation draw");
    for (const auto& d : ids)
      draws.push_back(d.is_string() ? std::optional(d.get<std::string>()) : std::nullopt);
    f.done();
    auto pools = db.transact([&](pqxx::work& tx) { return app::feasibility(tx, id, draws); });
    bool feasible = true;
    auto out = nlohmann::json::array();
    for (const auto& p : pools) {
      feasible = feasible && p.feasible;
      out.push_back(to_json(p));
    }
    return http::Response::json(
        200, {{"quota_set_id", id}, {"feasible", feasible}, {"seat_pools", out}});
  });
}

}  // namespace sortition::api
