#include "api/pools.h"

#include <ctime>

#include "api/json.h"
#include "app/pools.h"
#include "assembly/auth/auth.h"
#include "assembly/core/time.h"
#include "assembly/http/body.h"
#include "assembly/logging/log.h"
#include "assembly/service/api.h"

namespace sortition::api {
using namespace assembly::service::api;
using imports::ImportRow;
using imports::PoolImporter;
using imports::PoolRow;

namespace {

// A part must fit in one request under the HTTP layer's 4 MiB limit, headers included.
constexpr std::size_t kMaxPartBytes = 4'000'000;

// The outcome of an import step as an answer: the job, or a problem carrying it.
http::Response answer(const std::optional<imports::Outcome>& out, const std::string& id) {
  if (!out) throw http::not_found("no pool import " + id);
  if (out->status == 200) return http::Response::json(200, to_json(out->job));
  http::Problem p(out->status,
                  out->status == 409   ? "Conflict"
                  : out->status == 413 ? "Payload Too Large"
                                       : "Unprocessable Entity",
                  out->detail);
  p.with("import", to_json(out->job));
  if (!out->job.errors.empty()) p.with("errors", out->job.errors);
  throw p;
}

int part_param(const http::Request& req) {
  const auto& s = req.param("n");
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(s) < 1)
    throw http::bad_request("the part number must be a positive integer", "n");
  return std::stoi(s);
}

}  // namespace

std::string today_utc() {
  return assembly::core::utc_today();
}

void add_pool_routes(assembly::service::Context& ctx, std::shared_ptr<PoolImporter> importer) {
  auto& db = ctx.db;
  const Access staff = Access::roles_of({assembly::auth::kSecretariat});

  auto create = [&db, importer](http::Request& req) {
    auto b = req.json();
    auto name = body::string(b, "name", "", 200);
    auto kind = body::string(b, "kind", "", 32);
    if (kind != "roll" && kind != "non-eu-residents" && kind != "minors")
      throw http::unprocessable("kind must be roll, non-eu-residents or minors", "/kind");
    std::optional<std::int64_t> rows_total;
    if (b.contains("rows_total") && !b["rows_total"].is_null())
      rows_total = body::integer(b, "rows_total", 1, 100'000'000);
    auto [pool, job] = db.transact([&](pqxx::work& tx) {
      return importer->create(tx, name, kind, rows_total, req.caller().subject);
    });
    assembly::log::info("pool import started",
                        {{"pool_id", pool.id}, {"import_id", job.id}, {"kind", kind}});
    auto res = http::Response::json(201, {{"pool", to_json(pool)}, {"import", to_json(job)}});
    res.headers.emplace_back("Location", "/v1/pool-imports/" + job.id);
    return res;
  };
  auto list = [&db](http::Request&) {
    auto pools = db.transact([&](pqxx::work& tx) { return PoolImporter::list_pools(tx); });
    return http::Response::items(pools, [](const PoolRow& p) { return to_json(p); });
  };
  auto get = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto pool = db.transact([&](pqxx::work& tx) { return PoolImporter::find_pool(tx, id); });
    if (!pool) throw http::not_found("no pool " + id);
    return http::Response::json(200, to_json(*pool));
  };
  // The pseudonymous snapshot whose SHA-256 is the pool's snapshot_sha256: what an observer needs
  // to redo an invitation draw with sortition-verify. No names, addresses or birth dates.
  auto snapshot = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto csv = db.transact([&](pqxx::work& tx) { return app::pool_snapshot(tx, id); });
    return http::Response::text(200, std::move(csv), "text/csv; charset=utf-8");
  };
  auto get_import = [&db](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto job = db.transact([&](pqxx::work& tx) { return PoolImporter::find_import(tx, id); });
    if (!job) throw http::not_found("no pool import " + id);
    return http::Response::json(200, to_json(*job));
  };
  auto put_part = [&db, importer](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    int n = part_param(req);
    auto today = today_utc();
    auto out =
        db.transact([&](pqxx::work& tx) { return importer->add_part(tx, id, n, req.body, today); });
    if (out && out->status != 200)
      assembly::log::warn("pool import failed",
                          {{"import_id", id}, {"part", n}, {"status", out->status}});
    return answer(out, id);
  };
  auto complete = [&db, importer](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto parts = static_cast<int>(body::integer(req.json(), "parts", 0, 1'000'000));
    auto today = today_utc();
    auto out =
        db.transact([&](pqxx::work& tx) { return importer->complete(tx, id, parts, today); });
    if (out && out->status == 200)
      assembly::log::info("pool imported", {{"import_id", id}, {"rows", out->job.rows_read}});
    return answer(out, id);
  };
  auto cancel = [&db, importer](http::Request& req) {
    auto id = body::uuid_param(req, "id");
    auto out = db.transact([&](pqxx::work& tx) { return importer->cancel(tx, id); });
    return answer(out, id);
  };

  ctx.router.add(Method::Post, "/v1/pools", staff, create);
  ctx.router.add(Method::Get, "/v1/pools", staff, list);
  ctx.router.add(Method::Get, "/v1/pools/:id", staff, get);
  ctx.router.add(Method::Get, "/v1/pools/:id/snapshot", staff, snapshot);
  ctx.router.add(Method::Get, "/v1/pool-imports/:id", staff, get_import);
  ctx.router.add(Method::Put, "/v1/pool-imports/:id/parts/:n", staff, put_part,
                 http::RouteOptions{kMaxPartBytes, false});
  ctx.router.add(Method::Post, "/v1/pool-imports/:id/complete", staff, complete);
  ctx.router.add(Method::Delete, "/v1/pool-imports/:id", staff, cancel);
}

}  // namespace sortition::api
