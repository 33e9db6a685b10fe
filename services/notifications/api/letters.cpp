#include "api/letters.h"

#include "assembly/core/time.h"
#include "assembly/logging/log.h"
#include "assembly/service/api.h"
#include "domain/letter_jobs.h"
#include "store/letters.h"
#include "workers/letters.h"

namespace notifications::api {
using namespace assembly::service::api;

namespace {

namespace documents = assembly::documents;

json to_json(const store::LetterJob& j) {
  long work = 0;
  for (const auto& f : domain::plan_files(j.total, j.batch_size)) work += f.count;
  json files = json::array();
  for (const auto& f : j.files)
    files.push_back({{"part", f.part},
                     {"kind", f.part == 0 ? "all" : "batch"},
                     {"first_letter", f.first_letter},
                     {"letters", f.letters},
                     {"size_bytes", f.size_bytes},
                     {"sha256", f.sha256},
                     {"url", "/v1/letter-jobs/" + j.id + "/files/" + std::to_string(f.part)}});
  auto opt = [](const std::string& s) { return s.empty() ? json() : json(s); };
  return {{"id", j.id},
          {"draw_id", j.draw_id},
          {"assembly_id", j.assembly_id},
          {"state", j.state},
          {"batch_size", j.batch_size},
          {"answer_by", j.answer_by},
          {"letters", j.total},
          {"erased_invitees", j.skipped},
          {"progress_percent", work > 0 ? (j.done * 100) / work : 0},
          {"attempts", j.attempts},
          {"error", opt(j.error)},
          {"requested_by", j.requested_by},
          {"created_at", j.created_at},
          {"finished_at", opt(j.finished_at)},
          {"expires_at", opt(j.expires_at)},
          {"erased_at", opt(j.erased_at)},
          {"files", files}};
}

store::LetterJob job_in_scope(assembly::db::Pool& db, const http::Request& req) {
  auto id = body::uuid_param(req, "id");
  auto job = db.transact([&](pqxx::work& tx) { return store::letter_job(tx, id); });
  if (!job) throw http::not_found("no letters job " + id);
  http::require_scope(req, {job->assembly_id});
  return *job;
}

struct Deps {
  assembly::db::Pool& db;
  std::shared_ptr<documents::Store> store;
  std::shared_ptr<delivery::Sortition> sortition;
  std::shared_ptr<const assembly::pii::Keyring> keyring;
};

// POST /v1/invitation-draws/:id/letters {"answer_by": "YYYY-MM-DD", "batch_size": 1000}
http::Response start(const Deps& d, http::Request& req) {
  auto draw_id = body::uuid_param(req, "id");
  const auto& b = req.json();
  body::Fields f(b);
  auto answer_by = f.date("answer_by");
  long batch =
      f.has("batch_size")
          ? static_cast<long>(f.integer("batch_size", domain::kMinBatch, domain::kMaxBatch))
          : 1000;
  f.check(answer_by.empty() || answer_by >= assembly::core::utc_today(), "/answer_by",
          "answer_by must not be in the past");
  f.done();
  if (!d.store || !d.sortition)
    throw http::unavailable("the invitation letters are not configured on this service");
  std::optional<delivery::Draw> draw;
  try {
    draw = d.sortition->draw(draw_id);
  } catch (const delivery::SortitionError& e) {
    throw http::unavailable("sortition does not answer now; try again later");
  }
  if (!draw) throw http::not_found("no invitation draw " + draw_id);
  http::require_scope(req, {draw->assembly_id});
  if (draw->state != "drawn")
    throw http::conflict("the invitation draw has not been made yet: no invitee to write to");
  auto job = d.db.transact([&](pqxx::work& tx) {
    return store::create_letter_job(
        tx, {draw_id, draw->assembly_id, answer_by, req.caller().actor(), batch});
  });
  assembly::log::info("letters: job asked for", {{"job_id", job.id}, {"draw_id", draw_id}});
  auto res = http::Response::json(202, to_json(job));
  res.headers.emplace_back("Location", "/v1/letter-jobs/" + job.id);
  return res;
}

http::Response list(const Deps& d, http::Request& req) {
  auto assembly_id = req.param("id");
  http::require_scope(req, {assembly_id});
  auto jobs = d.db.transact([&](pqxx::work& tx) { return store::letter_jobs(tx, assembly_id); });
  return http::Response::items(jobs, [](const store::LetterJob& j) { return to_json(j); });
}

http::Response get(const Deps& d, http::Request& req) {
  return http::Response::json(200, to_json(job_in_scope(d.db, req)));
}

// The file, opened from its seal; on the audit trail (personal_data).
http::Response file(const Deps& d, http::Request& req) {
  auto job = job_in_scope(d.db, req);
  long part = -1;
  const auto p = req.param("part");
  if (!p.empty() && p.size() < 6 && p.find_first_not_of("0123456789") == std::string::npos)
    part = std::stol(p);
  if (job.state == "erased")
    throw http::Problem(410, "Gone", "the letters' files were erased at " + job.erased_at);
  if (job.state != "done")
    throw http::conflict("the letters are not made yet (the job is " + job.state + ")");
  const store::LetterFile* f = nullptr;
  for (const auto& x : job.files)
    if (x.part == part) f = &x;
  if (!f) throw http::not_found("the job has no file " + p);
  if (!d.store) throw http::unavailable("no document store is configured");
  std::optional<std::string> sealed;
  try {
    sealed = d.store->objects().get(f->object_key);
  } catch (const documents::S3Error& e) {
    assembly::log::error("letters: the store did not give a file", {{"error", e.what()}});
    throw http::unavailable("the document store is unavailable; try again later");
  }
  if (!sealed) throw http::Problem(410, "Gone", "the file is no longer in the document store");
  auto pdf = d.keyring->open_random(*sealed, workers::letter_file_context(job.id, part));
  auto res = http::Response::text(200, std::move(pdf), "application/pdf");
  const auto name = "lettres-" + job.draw_id.substr(0, 8) +
                    (part == 0 ? std::string("-toutes") : "-lot-" + std::to_string(part)) + ".pdf";
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
  res.headers.emplace_back("Cache-Control", "private, no-store");
  return res;
}

// DELETE /v1/letter-jobs/:id/files: the files erased now (printed, or made by mistake).
http::Response erase(const Deps& d, http::Request& req) {
  auto job = job_in_scope(d.db, req);
  if (job.state == "queued" || job.state == "running")
    throw http::conflict("the job is " + job.state + ": its files are erased once it has ended");
  auto keys = d.db.transact([&](pqxx::work& tx) { return store::erase_letter_files(tx, job.id); });
  workers::remove_letter_objects(*d.store, keys);
  auto after = d.db.transact([&](pqxx::work& tx) { return store::letter_job(tx, job.id); });
  return http::Response::json(200, to_json(*after));
}

}  // namespace

void add_letter_routes(assembly::service::Context& ctx, std::shared_ptr<documents::Store> store,
                       std::shared_ptr<delivery::Sortition> sortition) {
  auto& r = ctx.router;
  auto& db = ctx.db;
  r.scope("letter-jobs", [&db](const std::string& id) -> std::optional<http::Scope> {
    auto j = db.transact([&](pqxx::work& tx) { return store::letter_job(tx, id); });
    if (!j) return std::nullopt;
    return http::Scope{j->assembly_id};
  });
  auto deps =
      std::make_shared<Deps>(Deps{ctx.db, std::move(store), std::move(sortition), ctx.keyring});
  auto with = [deps](http::Response (*h)(const Deps&, http::Request&)) {
    return [deps, h](http::Request& req) { return h(*deps, req); };
  };
  const auto secretariat = Access::secretariat();
  http::RouteOptions in_handler;
  in_handler.scope = http::ScopeCheck::in_handler;
  r.add(Method::Post, "/v1/invitation-draws/:id/letters", secretariat, with(start), in_handler);
  r.add(Method::Get, "/v1/assemblies/:id/letter-jobs", secretariat, with(list));
  r.add(Method::Get, "/v1/letter-jobs/:id", secretariat, with(get));
  r.add(Method::Get, "/v1/letter-jobs/:id/files/:part", secretariat, with(file),
        http::personal_data());
  r.add(Method::Delete, "/v1/letter-jobs/:id/files", secretariat, with(erase));
}

}  // namespace notifications::api
