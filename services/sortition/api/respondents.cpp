#include "api/respondents.h"

#include "app/response_code.h"
#include "assembly/auth/auth.h"
#include "assembly/core/ids.h"
#include "assembly/db/sql_time.h"
#include "assembly/http/body.h"
#include "assembly/http/rate_limit.h"
#include "assembly/logging/log.h"
#include "domain/panel_draw.h"
#include "domain/quotas.h"

namespace sortition::api {
namespace http = assembly::http;
namespace body = assembly::http::body;
using assembly::http::Access;
using assembly::http::Method;

namespace {

constexpr const char* kRespondentColumns =
    "id, invitation_draw_id, person_id, pool_kind, criteria::text, channel, state, " SQL_UTC(
        "responded_at") ", " SQL_UTC("withdrawn_at") ", " SQL_UTC("consent_at");

nlohmann::json respondent_json(const pqxx::row& r) {
  return {
      {"id", r[0].as<std::string>()},
      {"invitation_draw_id", r[1].as<std::string>()},
      {"person_id", r[2].as<std::string>()},
      {"pool_kind", r[3].as<std::string>()},
      {"criteria", nlohmann::json::parse(r[4].as<std::string>())},
      {"channel", r[5].as<std::string>()},
      {"state", r[6].as<std::string>()},
      {"responded_at", r[7].as<std::string>()},
      {"withdrawn_at", r[8].is_null() ? nlohmann::json() : nlohmann::json(r[8].as<std::string>())},
      {"consent_at", r[9].as<std::string>()}};
}

// The self-declared criteria: an object of short strings (gender, age_band, arrondissement,
// diploma, and whatever the quota set names), and consent, which must be given.
nlohmann::json read_criteria(const nlohmann::json& b) {
  if (!b.contains("criteria")) throw http::unprocessable("criteria is required", "/criteria");
  const auto& c = body::object(b["criteria"], "/criteria");
  if (c.empty()) throw http::unprocessable("criteria must name at least one category", "/criteria");
  if (c.size() > 20) throw http::unprocessable("at most 20 criteria", "/criteria");
  for (const auto& [k, v] : c.items()) {
    if (k.empty() || k.size() > 40)
      throw http::unprocessable("criterion names are 1 to 40 characters", "/criteria");
    if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > 100)
      throw http::unprocessable("each criterion is a string of 1 to 100 characters",
                                "/criteria/" + k);
  }
  if (!b.contains("consent") || !b["consent"].is_boolean() || !b["consent"].get<bool>())
    throw http::unprocessable("consent must be true: no one is drawn without it", "/consent");
  return c;
}

// Records an answer for an invitation found by `where` (code hash or person id).
nlohmann::json respond(pqxx::work& tx, const pqxx::row& invitation, const nlohmann::json& criteria,
                       const std::string& channel, const std::string& actor) {
  const auto draw_id = invitation[0].as<std::string>();
  const auto person_id = invitation[1].as<std::string>();
  auto existing = tx.exec_params(
      "SELECT state FROM respondents WHERE invitation_draw_id = $1 AND person_id = $2", draw_id,
      person_id);
  if (!existing.empty())
    throw http::conflict("this invitation was already answered (" +
                         existing[0][0].as<std::string>() + ")");
  auto id = assembly::core::new_uuid();
  tx.exec_params(
      "INSERT INTO respondents (id, invitation_draw_id, person_id, pool_id, pool_kind, household, "
      "criteria, "
      "consent_at, channel, state, recorded_by) "
      "SELECT $1, $2, $3, p.pool_id, pl.kind, p.household, $4::jsonb, now(), $5, 'interested', $6 "
      "FROM pool_people p JOIN pools pl ON pl.id = p.pool_id WHERE p.pool_id = $7 AND p.position = "
      "$8",
      id, draw_id, person_id, criteria.dump(), channel, actor, invitation[2].as<std::string>(),
      invitation[3].as<long long>());
  return respondent_json(tx.exec_params(
      std::string("SELECT ") + kRespondentColumns + " FROM respondents WHERE id = $1", id)[0]);
}

}  // namespace

void add_respondent_routes(assembly::service::Context& ctx, double answers_per_minute) {
  auto& db = ctx.db;
  const Access staff = Access::roles_of({assembly::auth::kSecretariat});
  auto limiter = std::make_shared<http::RateLimiter>(answers_per_minute, answers_per_minute);

  // Public: an invitee answers with the code printed on the letter. Rate-limited per address, and
  // an unknown code says nothing about which codes exist.
  ctx.router.add(Method::Post, "/v1/responses", Access::anyone(),
                 [&db, limiter](http::Request& req) {
                   limiter->take(req.remote());
                   auto b = req.json();
                   auto code = app::normalise_code(body::string(b, "code", "", 40));
                   auto criteria = read_criteria(b);
                   auto out = db.transact([&](pqxx::work& tx) {
                     auto inv = tx.exec_params(
                         "SELECT i.draw_id, i.person_id, i.pool_id, i.position FROM invitations i "
                         "WHERE i.code_sha256 = $1",
                         domain::sha256_hex(code));
                     if (inv.empty()) throw http::not_found("no invitation has this code");
                     return respond(tx, inv[0], criteria, "code", "invitee");
                   });
                   assembly::log::info("invitation answered",
                                       {{"respondent_id", out["id"]}, {"channel", "code"}});
                   return http::Response::json(201, {{"id", out["id"]}, {"state", out["state"]}});
                 });

  // The secretariat enters an answer given by phone (the caller gave the code on the letter).
  ctx.router.add(
      Method::Post, "/v1/invitation-draws/:id/respondents", staff, [&db](http::Request& req) {
        auto draw_id = body::uuid_param(req, "id");
        auto b = req.json();
        auto code = app::normalise_code(body::string(b, "code", "", 40));
        auto criteria = read_criteria(b);
        auto out = db.transact([&](pqxx::work& tx) {
          auto inv = tx.exec_params(
              "SELECT draw_id, person_id, pool_id, position FROM invitations WHERE draw_id = $1 "
              "AND code_sha256 = $2",
              draw_id, domain::sha256_hex(code));
          if (inv.empty())
            throw http::unprocessable("no invitation of this draw has this code", "/code");
          return respond(tx, inv[0], criteria, "phone", req.caller().subject);
        });
        return http::Response::json(201, out);
      });

  ctx.router.add(
      Method::Get, "/v1/invitation-draws/:id/respondents", staff, [&db](http::Request& req) {
        auto draw_id = body::uuid_param(req, "id");
        auto rows = db.transact([&](pqxx::work& tx) {
          return tx.exec_params(
              std::string("SELECT ") + kRespondentColumns +
                  " FROM respondents WHERE invitation_draw_id = $1 ORDER BY responded_at, id",
              draw_id);
        });
        return http::Response::items(rows, [](const pqxx::row& r) { return respondent_json(r); });
      });

  // A withdrawn answer is kept, marked withdrawn; it no longer counts for draws.
  ctx.router.add(Method::Post, "/v1/respondents/:id/withdraw", staff, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto out = db.transact([&](pqxx::work& tx) {
      auto rows = tx.exec_params(
          "UPDATE respondents SET state = 'withdrawn', withdrawn_at = now() "
          "WHERE id = $1 AND state = 'interested' RETURNING id",
          id);
      if (rows.empty()) {
        auto any = tx.exec_params("SELECT state FROM respondents WHERE id = $1", id);
        if (any.empty()) throw http::not_found("no respondent " + id);
        throw http::conflict("the respondent is already " + any[0][0].as<std::string>());
      }
      return respondent_json(tx.exec_params(
          std::string("SELECT ") + kRespondentColumns + " FROM respondents WHERE id = $1", id)[0]);
    });
    return http::Response::json(200, out);
  });
}

void add_quota_routes(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  const Access staff = Access::roles_of({assembly::auth::kSecretariat});

  // {assembly_id, name, seat_pools: [{pool: "roll", seats: 80, quotas_csv:
  // "feature,value,min,max\n..."}]}
  ctx.router.add(Method::Post, "/v1/quota-sets", staff, [&db](http::Request& req) {
    auto b = req.json();
    auto assembly_id = body::string(b, "assembly_id", "", 64);
    auto name = body::string(b, "name", "", 200);
    const auto& pools = body::array(b, "seat_pools");
    if (pools.empty()) throw http::unprocessable("at least one seat pool", "/seat_pools");
    struct Pool {
      std::string kind, csv;
      int seats;
    };
    std::vector<Pool> parsed;
    for (std::size_t i = 0; i < pools.size(); ++i) {
      auto at = "/seat_pools/" + std::to_string(i);
      Pool p;
      p.kind = body::string(pools[i], "pool", at, 32);
      if (p.kind != "roll" && p.kind != "non-eu-residents" && p.kind != "minors")
        throw http::unprocessable("pool must be roll, non-eu-residents or minors", at + "/pool");
      for (const auto& q : parsed)
        if (q.kind == p.kind)
          throw http::unprocessable("seat pool " + p.kind + " appears twice", at + "/pool");
      p.seats = static_cast<int>(body::integer(pools[i], "seats", 1, 10000, at));
      p.csv = body::string(pools[i], "quotas_csv", at, 1 << 20);
      try {
        domain::parse_quotas(p.csv);
      } catch (const domain::QuotaError& e) {
        throw http::unprocessable(std::string("quotas_csv: ") + e.what(), at + "/quotas_csv")
            .with("line", e.line());
      }
      parsed.push_back(std::move(p));
    }
    auto id = assembly::core::new_uuid();
    db.transact([&](pqxx::work& tx) {
      tx.exec_params(
          "INSERT INTO quota_sets (id, assembly_id, name, created_by) VALUES ($1, $2, $3, $4)", id,
          assembly_id, name, req.caller().subject);
      for (const auto& p : parsed)
        tx.exec_params(
            "INSERT INTO quota_seat_pools (quota_set_id, pool_kind, seats, quotas_csv) VALUES ($1, "
            "$2, $3, $4)",
            id, p.kind, p.seats, p.csv);
    });
    nlohmann::json out = {{"id", id},
                          {"assembly_id", assembly_id},
                          {"name", name},
                          {"seat_pools", nlohmann::json::array()}};
    for (const auto& p : parsed)
      out["seat_pools"].push_back({{"pool", p.kind}, {"seats", p.seats}});
    auto res = http::Response::json(201, out);
    res.headers.emplace_back("Location", "/v1/quota-sets/" + id);
    return res;
  });

  ctx.router.add(Method::Get, "/v1/quota-sets/:id", staff, [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto out = db.transact([&](pqxx::work& tx) {
      auto set = tx.exec_params("SELECT assembly_id, name FROM quota_sets WHERE id = $1", id);
      if (set.empty()) throw http::not_found("no quota set " + id);
      nlohmann::json j = {{"id", id},
                          {"assembly_id", set[0][0].as<std::string>()},
                          {"name", set[0][1].as<std::string>()},
                          {"seat_pools", nlohmann::json::array()}};
      for (const auto& r :
           tx.exec_params("SELECT pool_kind, seats, quotas_csv FROM quota_seat_pools WHERE "
                          "quota_set_id = $1 ORDER BY pool_kind",
                          id)) {
        auto q = domain::parse_quotas(r[2].as<std::string>());
        nlohmann::json cats = nlohmann::json::array();
        for (const auto& c : q.categories) {
          nlohmann::json values = nlohmann::json::array();
          for (const auto& v : c.values)
            values.push_back({{"value", v.value}, {"min", v.min}, {"max", v.max}});
          cats.push_back({{"category", c.name}, {"values", values}});
        }
        j["seat_pools"].push_back(
            {{"pool", r[0].as<std::string>()}, {"seats", r[1].as<int>()}, {"categories", cats}});
      }
      return j;
    });
    return http::Response::json(200, out);
  });

  // One seat pool's quotas back in the Sortition Foundation's layout.
  ctx.router.add(
      Method::Get, "/v1/quota-sets/:id/seat-pools/:pool/quotas.csv", staff,
      [&db](http::Request& req) {
        auto id = body::uuid_param(req, "id");
        auto pool = req.param("pool");
        auto csv = db.transact([&](pqxx::work& tx) {
          auto r = tx.exec_params(
              "SELECT quotas_csv FROM quota_seat_pools WHERE quota_set_id = $1 AND pool_kind = $2",
              id, pool);
          if (r.empty()) throw http::not_found("no seat pool " + pool + " in quota set " + id);
          return domain::export_quotas(domain::parse_quotas(r[0][0].as<std::string>()));
        });
        return http::Response::text(200, csv, "text/csv; charset=utf-8");
      });
}

}  // namespace sortition::api
