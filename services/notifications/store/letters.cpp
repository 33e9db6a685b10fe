#include "store/letters.h"

#include "assembly/core/ids.h"
#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace notifications::store {

namespace {

#define JOB_COLUMNS \
  "id, draw_id, assembly_id, state, answer_by::text AS answer_by, error, requested_by, "        \
  "batch_size, total, done, skipped, attempts, " SQL_UTC("created_at") " AS created_at, "       \
  "COALESCE(" SQL_UTC("finished_at") ", '') AS finished_at, "                                   \
  "COALESCE(" SQL_UTC("expires_at") ", '') AS expires_at, "                                     \
  "COALESCE(" SQL_UTC("erased_at") ", '') AS erased_at"

constexpr const char* kCreate =
    "INSERT INTO letter_jobs (id, draw_id, assembly_id, batch_size, answer_by, requested_by) "
    "VALUES ($1, $2, $3, $4, $5::date, $6) RETURNING " JOB_COLUMNS;
constexpr const char* kJob = "SELECT " JOB_COLUMNS " FROM letter_jobs WHERE id = $1";
constexpr const char* kJobs = "SELECT " JOB_COLUMNS
                              " FROM letter_jobs WHERE assembly_id = $1 "
                              "ORDER BY created_at DESC, id LIMIT 100";
constexpr const char* kFiles =
    "SELECT part, first_letter, letters, size_bytes, sha256, object_key FROM letter_files "
    "WHERE job_id = $1 ORDER BY part";
constexpr const char* kFailWornOut =
    "UPDATE letter_jobs SET state = 'failed', claim = '', claimed_at = NULL, finished_at = now(), "
    "error = 'stopped ' || attempts || ' times before it ended', updated_at = now() "
    "WHERE state = 'running' AND claimed_at < now() - make_interval(secs => $1::int) "
    "AND attempts >= $2";
constexpr const char* kClaim =
    "UPDATE letter_jobs SET state = 'running', claim = $1, claimed_at = now(), "
    "attempts = attempts + 1, updated_at = now() "
    "WHERE id = (SELECT id FROM letter_jobs WHERE state = 'queued' OR (state = 'running' "
    "AND claimed_at < now() - make_interval(secs => $2::int)) ORDER BY created_at LIMIT 1 "
    "FOR UPDATE SKIP LOCKED) RETURNING " JOB_COLUMNS;
constexpr const char* kForgetFiles =
    "DELETE FROM letter_files f USING letter_jobs j WHERE f.job_id = j.id AND j.id = $1 "
    "AND j.claim = $2 RETURNING f.object_key";
constexpr const char* kProgress =
    "UPDATE letter_jobs SET total = $3, done = $4, skipped = $5, claimed_at = now(), "
    "updated_at = now() WHERE id = $1 AND claim = $2 AND state = 'running'";
constexpr const char* kAddFile =
    "INSERT INTO letter_files (job_id, part, first_letter, letters, size_bytes, sha256, "
    "object_key) SELECT id, $3, $4, $5, $6, $7, $8 FROM letter_jobs "
    "WHERE id = $1 AND claim = $2 AND state = 'running'";
constexpr const char* kFinish =
    "UPDATE letter_jobs SET state = CASE WHEN $3::boolean THEN 'done' ELSE 'failed' END, error = "
    "$4, "
    "claim = '', claimed_at = NULL, finished_at = now(), "
    "expires_at = CASE WHEN $3::boolean THEN now() + make_interval(hours => $5::int) END, "
    "updated_at = now() WHERE id = $1 AND claim = $2 AND state = 'running'";
constexpr const char* kEraseDue =
    "UPDATE letter_jobs SET state = 'erased', erased_at = now(), updated_at = now() "
    "WHERE state = 'done' AND expires_at <= now() RETURNING id";
constexpr const char* kEraseOne =
    "UPDATE letter_jobs SET state = 'erased', erased_at = now(), updated_at = now() "
    "WHERE id = $1 AND state IN ('done', 'failed') RETURNING id";
constexpr const char* kDropFiles =
    "DELETE FROM letter_files WHERE job_id = ANY($1::text[]) RETURNING object_key";

LetterJob job_of(const pqxx::row& r) {
  LetterJob j;
  j.id = r["id"].as<std::string>();
  j.draw_id = r["draw_id"].as<std::string>();
  j.assembly_id = r["assembly_id"].as<std::string>();
  j.state = r["state"].as<std::string>();
  j.answer_by = r["answer_by"].as<std::string>();
  j.error = r["error"].as<std::string>();
  j.requested_by = r["requested_by"].as<std::string>();
  j.batch_size = r["batch_size"].as<long>();
  j.total = r["total"].as<long>();
  j.done = r["done"].as<long>();
  j.skipped = r["skipped"].as<long>();
  j.attempts = r["attempts"].as<long>();
  j.created_at = r["created_at"].as<std::string>();
  j.finished_at = r["finished_at"].as<std::string>();
  j.expires_at = r["expires_at"].as<std::string>();
  j.erased_at = r["erased_at"].as<std::string>();
  return j;
}

void with_files(pqxx::transaction_base& tx, LetterJob& j) {
  for (const auto& r : assembly::db::exec(tx, kFiles, j.id))
    j.files.push_back({r["part"].as<long>(), r["first_letter"].as<long>(), r["letters"].as<long>(),
                       r["size_bytes"].as<long long>(), r["sha256"].as<std::string>(),
                       r["object_key"].as<std::string>()});
}

}  // namespace

LetterJob create_letter_job(pqxx::work& tx, const NewLetterJob& job) {
  return job_of(tx.exec_params1(kCreate, assembly::core::new_uuid(), job.draw_id, job.assembly_id,
                                job.batch_size, job.answer_by, job.requested_by));
}

std::optional<LetterJob> letter_job(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kJob, id);
  if (rows.empty()) return std::nullopt;
  auto j = job_of(rows[0]);
  with_files(tx, j);
  return j;
}

std::vector<LetterJob> letter_jobs(pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<LetterJob> out;
  for (const auto& r : assembly::db::exec(tx, kJobs, assembly_id)) {
    out.push_back(job_of(r));
    with_files(tx, out.back());
  }
  return out;
}

std::optional<LetterJob> claim_letter_job(pqxx::work& tx, const std::string& claim,
                                          int lease_seconds, int max_attempts) {
  assembly::db::exec(tx, kFailWornOut, lease_seconds, max_attempts);
  auto rows = assembly::db::exec(tx, kClaim, claim, lease_seconds);
  if (rows.empty()) return std::nullopt;
  return job_of(rows[0]);
}

std::vector<std::string> restart_letter_job(pqxx::work& tx, const std::string& id,
                                            const std::string& claim) {
  std::vector<std::string> keys;
  for (const auto& r : assembly::db::exec(tx, kForgetFiles, id, claim))
    keys.push_back(r[0].as<std::string>());
  return keys;
}

bool letter_progress(pqxx::work& tx, const std::string& id, const std::string& claim, long total,
                     long done, long skipped) {
  return assembly::db::exec(tx, kProgress, id, claim, total, done, skipped).affected_rows() == 1;
}

bool add_letter_file(pqxx::work& tx, const std::string& id, const std::string& claim,
                     const LetterFile& f) {
  return assembly::db::exec(tx, kAddFile, id, claim, f.part, f.first_letter, f.letters,
                            f.size_bytes, f.sha256, f.object_key)
             .affected_rows() == 1;
}

bool finish_letter_job(pqxx::work& tx, const std::string& id, const std::string& claim, bool ok,
                       const std::string& error, int keep_hours) {
  return assembly::db::exec(tx, kFinish, id, claim, ok, error, keep_hours).affected_rows() == 1;
}

std::vector<std::string> erase_letter_files(pqxx::work& tx, const std::string& id) {
  std::vector<std::string> ids;
  for (const auto& r : id.empty() ? tx.exec(kEraseDue) : assembly::db::exec(tx, kEraseOne, id))
    ids.push_back(r[0].as<std::string>());
  std::vector<std::string> keys;
  if (ids.empty()) return keys;
  for (const auto& r : assembly::db::exec(tx, kDropFiles, assembly::db::text_array(ids)))
    keys.push_back(r[0].as<std::string>());
  return keys;
}

}  // namespace notifications::store
