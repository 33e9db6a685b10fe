#pragma once
// Importing a pool, all or nothing, without ever holding the file: the uploader sends the CSV in
// numbered parts (each at most a few MiB); each part is checked, its personal data sealed, and
// its rows copied into the pool's own partition in the part's transaction; the last incomplete
// line waits in the job for the next part. Any invalid row, a duplicate voter id, a file over the
// size limit, a missing part, or an upload that stops (no part for `idle_timeout`) fails the job
// and drops the partition: nothing of it stays. See the service README for the protocol.
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/pii/pii.h"
#include "domain/roll.h"

namespace sortition::imports {

struct Limits {
  std::int64_t max_bytes = 1LL << 30;  // the whole file
  std::size_t max_errors = 20;         // reported in a failed job
  std::chrono::seconds idle_timeout{600};
  // A pool is kept until its mandate's end plus retention_days; a pool created without a mandate
  // end is taken to serve a mandate ending default_mandate_days after its creation.
  int retention_days = 365;
  int default_mandate_days = 730;
};

struct PoolRow {
  std::string id, name, kind, state, created_by, created_at, retain_until;
  std::optional<std::int64_t> row_count;
  std::optional<std::string> snapshot_sha256, ready_at, mandate_end, personal_data_erased_at;
};

struct ImportRow {
  std::string id, pool_id, state, created_by, created_at, updated_at;
  int parts_received = 0;
  std::int64_t bytes_received = 0, rows_read = 0;
  std::optional<std::int64_t> rows_total;
  std::optional<std::string> failure, finished_at;
  nlohmann::json errors = nlohmann::json::array();
};

// What a call did: `status` is the HTTP status the API answers with (200 done; 409 the job is
// not receiving or the part is out of order; 413 over the size limit; 422 invalid content).
struct Outcome {
  int status = 200;
  std::string detail;  // why, when status is not 200
  ImportRow job;
};

class PoolImporter {
 public:
  PoolImporter(const assembly::pii::Keyring& keyring, Limits limits);

  // A new pool (state importing) with its import job and its empty partition; `mandate_end`
  // (YYYY-MM-DD, or empty) sets its retention date.
  std::pair<PoolRow, ImportRow> create(pqxx::work& tx, const std::string& name,
                                       const std::string& kind,
                                       std::optional<std::int64_t> rows_total,
                                       const std::string& mandate_end, const std::string& actor);
  // Part `part_no` (1, 2, …) of the file; the same part sent again (same bytes) is answered as
  // before, so an uploader may retry. `as_of`: today (YYYY-MM-DD), the latest valid birth date.
  std::optional<Outcome> add_part(pqxx::work& tx, const std::string& import_id, int part_no,
                                  std::string_view body, const std::string& as_of);
  // The upload is over: `parts` is how many the uploader sent.
  std::optional<Outcome> complete(pqxx::work& tx, const std::string& import_id, int parts,
                                  const std::string& as_of);
  std::optional<Outcome> cancel(pqxx::work& tx, const std::string& import_id);
  // Fails the jobs that received nothing for `idle_timeout`; returns how many.
  int reap_idle(pqxx::work& tx);

  static std::optional<ImportRow> find_import(pqxx::transaction_base& tx, const std::string& id);
  static std::optional<PoolRow> find_pool(pqxx::transaction_base& tx, const std::string& id);
  static std::vector<PoolRow> list_pools(pqxx::transaction_base& tx);
  static std::string partition_of(const std::string& pool_id);
  const Limits& limits() const { return limits_; }

 private:
  struct Job;
  std::optional<Job> lock(pqxx::work& tx, const std::string& import_id);
  // Reads `head` (the incomplete line left by the previous part) followed by `body`.
  Outcome process(pqxx::work& tx, Job& job, std::string_view head, std::string_view body,
                  bool final, const std::string& as_of);
  Outcome fail(pqxx::work& tx, Job& job, int status, const std::string& reason,
               const std::vector<domain::LineError>& errors);
  void save(pqxx::work& tx, const Job& job);
  // Builds the loaded partition's primary key and attaches it to pool_people.
  static void finish_partition(pqxx::work& tx, const std::string& pool_id);

  const assembly::pii::Keyring& keyring_;
  Limits limits_;
};

}  // namespace sortition::imports
