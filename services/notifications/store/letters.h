#pragma once
// The invitation letters' jobs and their files (migrations/0004_letters.sql).
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace notifications::store {

struct LetterFile {
  long part = 0, first_letter = 1, letters = 0;
  long long size_bytes = 0;
  std::string sha256, object_key;
};

struct LetterJob {
  std::string id, draw_id, assembly_id, state, answer_by, error, requested_by;
  long batch_size = 0, total = 0, done = 0, skipped = 0, attempts = 0;
  std::string created_at, finished_at, expires_at, erased_at;  // UTC; "" when not yet
  std::vector<LetterFile> files;                               // by part
};

struct NewLetterJob {
  std::string draw_id, assembly_id, answer_by, requested_by;
  long batch_size = 0;
};
LetterJob create_letter_job(pqxx::work& tx, const NewLetterJob& job);
std::optional<LetterJob> letter_job(pqxx::transaction_base& tx, const std::string& id);
// An assembly's jobs, newest first (at most 100).
std::vector<LetterJob> letter_jobs(pqxx::transaction_base& tx, const std::string& assembly_id);

// The oldest job to run: queued, or running with a lease older than `lease_seconds` (its replica
// stopped); claimed under a new `claim`, its attempts counted. A job claimed `max_attempts` times
// already is failed instead. nullopt: nothing to run.
std::optional<LetterJob> claim_letter_job(pqxx::work& tx, const std::string& claim,
                                          int lease_seconds, int max_attempts);
// The files of an earlier attempt of a claimed job, forgotten (their objects' keys returned, to
// be removed) so that the attempt starts again from the first letter.
std::vector<std::string> restart_letter_job(pqxx::work& tx, const std::string& id,
                                            const std::string& claim);
// The progress of a claimed job, its lease renewed; false when the claim is no longer this
// runner's (another replica took the job over): it stops.
bool letter_progress(pqxx::work& tx, const std::string& id, const std::string& claim, long total,
                     long done, long skipped);
bool add_letter_file(pqxx::work& tx, const std::string& id, const std::string& claim,
                     const LetterFile& file);
// Done (the files erased `keep_hours` later) or failed (`error` kept).
bool finish_letter_job(pqxx::work& tx, const std::string& id, const std::string& claim, bool ok,
                       const std::string& error, int keep_hours);
// Every job whose files are to go: done and past its expiry, or `id` when given (the
// secretariat's erasure); marked erased, their files' rows removed, their keys returned.
std::vector<std::string> erase_letter_files(pqxx::work& tx, const std::string& id = "");

}  // namespace notifications::store
