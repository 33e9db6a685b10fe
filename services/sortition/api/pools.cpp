#include "api/pools.h"

#include <ctime>

#include "api/json.h"
#include "app/pools.h"
#include "assembly/auth/auth.h"
#include "assembly/core/time.h"
#include "assembly/http/body.h"
#include "assembly/http/file_body.h"
#include "assembly/http/rate_limit.h"
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

namespace {

// What the pool routes use: the pool, the importer, and how snapshots are made.
struct Pools {
  assembly::db::Pool& db;
  std::shared_ptr<PoolImporter> importer;
  std::shared_ptr<http::ConcurrencyLimit> snapshots;
  std::string snapshot_dir;
};

http::Response create_pool(const Pools& d, http::Request& req) {
  const auto b = req.json();
  body::Fields f(b);
  auto name = f.string("name", 200);
  auto kind = f.string("kind", 32);
  if (f.has("kind"))
    f.check(kind == "roll" || kind == "non-eu-residents" || kind == "minors", "/kind",
            "kind must be roll, non-eu-residents or minors");
  std::optional<std::int64_t> rows_total;
  if (f.has("rows_total")) rows_total = f.integer("rows_total", 1, 100'000'000);
  std::string mandate_end;
  if (f.has("mandate_end")) mandate_end = f.date("mandate_end");
  f.done();
  auto [pool, job] = d.db.transact([&](pqxx::work& tx) {
    return d.importer->create(tx, name, kind, rows_total, mandate_end, req.caller().actor());
  });
  assembly::log::info("pool import started",
                      {{"pool_id", pool.id}, {"import_id", job.id}, {"kind", kind}});
  auto res = http::Response::json(201, {{"pool", to_json(pool)}, {"import", to_json(job)}});
  res.headers.emplace_back("Location", "/v1/pool-imports/" + job.id);
  return res;
}

http::Response list_pools(const Pools& d, http::Request&) {
  auto pools = d.db.transact([&](pqxx::work& tx) { return PoolImporter::list_pools(tx); });
  return http::Response::items(pools, [](const PoolRow& p) { return to_json(p); });
}

http::Response get_pool(const Pools& d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto pool = d.db.transact([&](pqxx::work& tx) { return PoolImporter::find_pool(tx, id); });
  if (!pool) throw http::not_found("no pool " + id);
  return http::Response::json(200, to_json(*pool));
}

// The pseudonymous snapshot whose SHA-256 is the pool's snapshot_sha256: what an observer needs
// to redo an invitation draw with sortition-verify. No names, addresses or birth dates. Written
// to a temporary file, then sent from it (1.35 M rows are 40 MB); a slot of the limit on
// snapshots at once is held until the answer is sent or its client has gone.
http::Response pool_snapshot(const Pools& d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto slot = d.snapshots->enter("pool snapshots");
  auto file = d.db.transact([&](pqxx::work& tx) {
    auto f = std::make_shared<http::FileBody>(d.snapshot_dir);
    app::pool_snapshot(tx, id, [&f](std::string_view bytes) { f->append(bytes); });
    f->finish();
    return f;
  });
  file->hold(std::move(slot));
  return http::Response::from_file(200, std::move(file), "text/csv; charset=utf-8");
}

// The end of the mandate the pool serves, known after the import: its retention date follows.
http::Response set_mandate_end(const Pools& d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto mandate_end = f.date("mandate_end");
  f.done();
  auto pool = d.db.transact([&](pqxx::work& tx) {
    return app::set_mandate_end(tx, id, mandate_end, d.importer->limits().retention_days);
  });
  return http::Response::json(200, to_json(pool));
}

http::Response get_import(const Pools& d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto job = d.db.transact([&](pqxx::work& tx) { return PoolImporter::find_import(tx, id); });
  if (!job) throw http::not_found("no pool import " + id);
  return http::Response::json(200, to_json(*job));
}

http::Response put_part(const Pools& d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  int n = part_param(req);
  auto today = today_utc();
  auto out = d.db.transact(
      [&](pqxx::work& tx) { return d.importer->add_part(tx, id, n, req.body, today); });
  if (out && out->status != 200)
    assembly::log::warn("pool import failed",
                        {{"import_id", id}, {"part", n}, {"status", out->status}});
  return answer(out, id);
}

http::Response complete_import(const Pools& d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  const auto b = req.json();
  body::Fields f(b);
  auto parts = static_cast<int>(f.integer("parts", 0, 1'000'000));
  f.done();
  auto today = today_utc();
  auto out =
      d.db.transact([&](pqxx::work& tx) { return d.importer->complete(tx, id, parts, today); });
  if (out && out->status == 200)
    assembly::log::info("pool imported", {{"import_id", id}, {"rows", out->job.rows_read}});
  return answer(out, id);
}

http::Response cancel_import(const Pools& d, http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto out = d.db.transact([&](pqxx::work& tx) { return d.importer->cancel(tx, id); });
  return answer(out, id);
}

}  // namespace

void add_pool_routes(assembly::service::Context& ctx, std::shared_ptr<PoolImporter> importer,
                     const SnapshotOptions& snapshots) {
  const Pools d{
      ctx.db, std::move(importer),
      std::make_shared<http::ConcurrencyLimit>(snapshots.at_once, snapshots.retry_after_seconds),
      snapshots.dir};
  auto route = [d](http::Response (*handler)(const Pools&, http::Request&)) -> http::Handler {
    return [d, handler](http::Request& req) { return handler(d, req); };
  };
  const Access staff = Access::roles_of({assembly::auth::kSecretariat});
  auto& r = ctx.router;
  // Pools (the city's electoral roll...) serve every assembly: no resolver, so an account limited
  // to some assemblies may not create or import one (the dispatcher refuses it).
  r.add(Method::Post, "/v1/pools", staff, route(create_pool));
  r.add(Method::Get, "/v1/pools", staff, route(list_pools));
  r.add(Method::Get, "/v1/pools/:id", staff, route(get_pool));
  r.add(Method::Get, "/v1/pools/:id/snapshot", staff, route(pool_snapshot), http::personal_data());
  r.add(Method::Put, "/v1/pools/:id/mandate-end", staff, route(set_mandate_end));
  r.add(Method::Get, "/v1/pool-imports/:id", staff, route(get_import), http::personal_data());
  r.add(Method::Put, "/v1/pool-imports/:id/parts/:n", staff, route(put_part),
        http::RouteOptions{kMaxPartBytes, false});
  r.add(Method::Post, "/v1/pool-imports/:id/complete", staff, route(complete_import));
  r.add(Method::Delete, "/v1/pool-imports/:id", staff, route(cancel_import));
}

}  // namespace sortition::api
