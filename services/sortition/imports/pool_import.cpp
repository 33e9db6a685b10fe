#include "imports/pool_import.h"

#include <sodium.h>

#include <array>
#include <charconv>
#include <cstring>
#include <pqxx/tablewriter>
#include <unordered_map>

#include "assembly/core/ids.h"
#include "assembly/db/prepared.h"
#include "assembly/db/rows.h"
#include "assembly/db/sql_time.h"
#include "domain/invitation.h"
#include "domain/panel_draw.h"

namespace sortition::imports {

using assembly::db::nullable;

namespace {

// clang-format off
#define IMPORT_COLUMNS                                                                         \
  "SELECT id, pool_id, state, created_by, " SQL_UTC("created_at") " AS created_at, "           \
  SQL_UTC("updated_at") " AS updated_at, parts_received, bytes_received, rows_read, "          \
  "rows_total, failure, " SQL_UTC("finished_at") " AS finished_at, errors::text AS errors, "   \
  "lines_read, tail, hash_state, last_part_sha256 FROM pool_imports "
#define POOL_COLUMNS                                                                           \
  "SELECT id, name, kind, state, created_by, " SQL_UTC("created_at") " AS created_at, "        \
  "row_count, snapshot_sha256, " SQL_UTC("ready_at") " AS ready_at, "                          \
  "mandate_end::text AS mandate_end, retain_until::text AS retain_until, "                      \
  SQL_UTC("personal_data_erased_at") " AS personal_data_erased_at FROM pools "
// clang-format on

constexpr const char* kFindImport = IMPORT_COLUMNS "WHERE id = $1";
constexpr const char* kLockImport = IMPORT_COLUMNS "WHERE id = $1 FOR UPDATE";
constexpr const char* kFindPool = POOL_COLUMNS "WHERE id = $1";
constexpr const char* kListPools = POOL_COLUMNS "ORDER BY created_at, id";
#undef IMPORT_COLUMNS
#undef POOL_COLUMNS
constexpr const char* kInsertPool =
    "INSERT INTO pools (id, name, kind, state, created_by, mandate_end, retain_until) "
    "VALUES ($1, $2, $3, 'importing', $4, NULLIF($5, '')::date, "
    "coalesce(NULLIF($5, '')::date, current_date + $6::int) + $7::int)";
constexpr const char* kInsertImport =
    "INSERT INTO pool_imports (id, pool_id, state, rows_total, hash_state, created_by) "
    "VALUES ($1, $2, 'receiving', $3, $4, $5)";
constexpr const char* kIsAttached = "SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass($1)";
constexpr const char* kSaveImport =
    "UPDATE pool_imports SET parts_received = $2, last_part_sha256 = $3, bytes_received = $4, "
    "lines_read = $5, rows_read = $6, tail = $7, hash_state = $8, updated_at = now() "
    "WHERE id = $1";
constexpr const char* kFailPool = "UPDATE pools SET state = 'failed' WHERE id = $1";
constexpr const char* kFailImport =
    "UPDATE pool_imports SET state = 'failed', failure = $2, errors = $3::jsonb, tail = '', "
    "hash_state = NULL, updated_at = now(), finished_at = now() WHERE id = $1";
constexpr const char* kPoolReady =
    "UPDATE pools SET state = 'ready', row_count = $2, snapshot_sha256 = $3, ready_at = now() "
    "WHERE id = $1";
constexpr const char* kImportSucceeded =
    "UPDATE pool_imports SET state = 'succeeded', rows_total = rows_read, hash_state = NULL, "
    "finished_at = now() WHERE id = $1";
constexpr const char* kIdleImports =
    "SELECT id FROM pool_imports WHERE state = 'receiving' "
    "AND updated_at < now() - make_interval(secs => $1) FOR UPDATE SKIP LOCKED";

ImportRow import_from(const pqxx::row& r) {
  ImportRow j;
  j.id = r["id"].as<std::string>();
  j.pool_id = r["pool_id"].as<std::string>();
  j.state = r["state"].as<std::string>();
  j.created_by = r["created_by"].as<std::string>();
  j.created_at = r["created_at"].as<std::string>();
  j.updated_at = r["updated_at"].as<std::string>();
  j.parts_received = r["parts_received"].as<int>();
  j.bytes_received = r["bytes_received"].as<std::int64_t>();
  j.rows_read = r["rows_read"].as<std::int64_t>();
  j.rows_total = nullable<std::int64_t>(r["rows_total"]);
  j.failure = nullable<std::string>(r["failure"]);
  j.finished_at = nullable<std::string>(r["finished_at"]);
  j.errors = nlohmann::json::parse(r["errors"].as<std::string>());
  return j;
}

PoolRow pool_from(const pqxx::row& r) {
  PoolRow p;
  p.id = r["id"].as<std::string>();
  p.name = r["name"].as<std::string>();
  p.kind = r["kind"].as<std::string>();
  p.state = r["state"].as<std::string>();
  p.created_by = r["created_by"].as<std::string>();
  p.created_at = r["created_at"].as<std::string>();
  p.row_count = nullable<std::int64_t>(r["row_count"]);
  p.snapshot_sha256 = nullable<std::string>(r["snapshot_sha256"]);
  p.ready_at = nullable<std::string>(r["ready_at"]);
  p.mandate_end = nullable<std::string>(r["mandate_end"]);
  p.retain_until = nullable<std::string>(r["retain_until"]).value_or("");
  p.personal_data_erased_at = nullable<std::string>(r["personal_data_erased_at"]);
  return p;
}

using assembly::pii::hex;

void append_hex(std::string& out, const unsigned char* p, std::size_t n) {
  static const char* digits = "0123456789abcdef";
  const auto at = out.size();
  out.resize(at + 2 * n);
  char* d = out.data() + at;
  for (std::size_t i = 0; i < n; ++i) {
    d[2 * i] = digits[p[i] >> 4];
    d[2 * i + 1] = digits[p[i] & 0xF];
  }
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return hex(digest, sizeof digest);
}

// A text field of COPY's text format.
void append_copy_text(std::string& out, std::string_view s) {
  if (s.find_first_of("\\\t\n\r") == std::string_view::npos) {
    out += s;
    return;
  }
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out.push_back(c);
    }
  }
}

// Household key: the address as written, lower-cased, spaces collapsed, with the postcode.
void household_text(const domain::RollRow& r, std::string& s) {
  s.clear();
  bool space = false;
  for (unsigned char c : r.address) {
    if (c == ' ' || c == '\t' || c == ',' || c == '.') {
      space = !s.empty();
      continue;
    }
    if (space) s.push_back(' ');
    space = false;
    s.push_back(
        static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));  // ASCII only, as before
  }
  s += '|';
  s += r.postcode;
}

constexpr std::size_t kMaxLine = 64 * 1024;

}  // namespace

struct PoolImporter::Job {
  ImportRow row;
  long lines_read = 0;
  std::string tail;
  std::string hash_state;
  std::string last_part_sha256;
};

PoolImporter::PoolImporter(const assembly::pii::Keyring& keyring, Limits limits)
    : keyring_(keyring), limits_(limits) {}

std::string PoolImporter::partition_of(const std::string& pool_id) {
  std::string name = "pool_people_";
  for (char c : pool_id)
    if (c != '-') name.push_back(c);
  return name;
}

std::pair<PoolRow, ImportRow> PoolImporter::create(pqxx::work& tx, const std::string& name,
                                                   const std::string& kind,
                                                   std::optional<std::int64_t> rows_total,
                                                   const std::string& mandate_end,
                                                   const std::string& actor) {
  auto pool_id = assembly::core::new_uuid();
  auto import_id = assembly::core::new_uuid();
  assembly::db::exec(tx, kInsertPool, pool_id, name, kind, actor, mandate_end,
                     limits_.default_mandate_days, limits_.retention_days);
  // The partition is loaded detached, with one index only: the unique (person_id), which catches a
  // voter id repeated in a later part. The primary key (position) is built once, sorted, when the
  // import completes, and the partition is attached then (finish_partition). Migration 0005 says
  // why the indexes are the partition's own.
  const auto partition = partition_of(pool_id);
  tx.exec("CREATE TABLE " + tx.quote_name(partition) +
          " (LIKE pool_people INCLUDING DEFAULTS, CONSTRAINT " +
          tx.quote_name(partition + "_pool") + " CHECK (pool_id = " + tx.quote(pool_id) + "))");
  tx.exec("ALTER TABLE " + tx.quote_name(partition) +
          " ADD UNIQUE (person_id)");  // see migration 0005
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  const std::string header = std::string(domain::kSnapshotHeader) + "\n";
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(header.data()),
                            header.size());
  pqxx::binarystring state(&st, sizeof st);
  assembly::db::exec(tx, kInsertImport, import_id, pool_id, rows_total, state, actor);
  return {*find_pool(tx, pool_id), *find_import(tx, import_id)};
}

void PoolImporter::finish_partition(pqxx::work& tx, const std::string& pool_id) {
  const auto partition = partition_of(pool_id);
  const auto name = tx.quote_name(partition);
  // A partition created attached (before loads were detached) is already complete.
  if (!assembly::db::exec(tx, kIsAttached, tx.quote_name(partition)).empty()) return;
  tx.exec("SET LOCAL maintenance_work_mem = '256MB'");
  tx.exec("ALTER TABLE " + name + " ADD CONSTRAINT " + tx.quote_name(partition + "_pkey") +
          " PRIMARY KEY (position)");
  tx.exec("ALTER TABLE pool_people ATTACH PARTITION " + name + " FOR VALUES IN (" +
          tx.quote(pool_id) + ")");
  tx.exec("ALTER TABLE " + name + " DROP CONSTRAINT " + tx.quote_name(partition + "_pool"));
}

std::optional<ImportRow> PoolImporter::find_import(pqxx::transaction_base& tx,
                                                   const std::string& id) {
  auto rows = assembly::db::exec(tx, kFindImport, id);
  if (rows.empty()) return std::nullopt;
  return import_from(rows[0]);
}

std::optional<PoolRow> PoolImporter::find_pool(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kFindPool, id);
  if (rows.empty()) return std::nullopt;
  return pool_from(rows[0]);
}

std::vector<PoolRow> PoolImporter::list_pools(pqxx::transaction_base& tx) {
  std::vector<PoolRow> out;
  for (const auto& r : tx.exec(kListPools)) out.push_back(pool_from(r));
  return out;
}

std::optional<PoolImporter::Job> PoolImporter::lock(pqxx::work& tx, const std::string& import_id) {
  auto rows = assembly::db::exec(tx, kLockImport, import_id);
  if (rows.empty()) return std::nullopt;
  Job job;
  job.row = import_from(rows[0]);
  job.lines_read = rows[0]["lines_read"].as<long>();
  pqxx::binarystring tail(rows[0]["tail"]);
  job.tail = tail.str();
  if (!rows[0]["hash_state"].is_null())
    job.hash_state = pqxx::binarystring(rows[0]["hash_state"]).str();
  job.last_part_sha256 =
      rows[0]["last_part_sha256"].is_null() ? "" : rows[0]["last_part_sha256"].as<std::string>();
  return job;
}

void PoolImporter::save(pqxx::work& tx, const Job& job) {
  assembly::db::exec(tx, kSaveImport, job.row.id, job.row.parts_received, job.last_part_sha256,
                     job.row.bytes_received, job.lines_read, job.row.rows_read,
                     pqxx::binarystring(job.tail), pqxx::binarystring(job.hash_state));
}

Outcome PoolImporter::fail(pqxx::work& tx, Job& job, int status, const std::string& reason,
                           const std::vector<domain::LineError>& errors) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : errors) {
    nlohmann::json j = {{"line", e.line}, {"reason", e.reason}};
    if (!e.column.empty()) j["column"] = e.column;
    list.push_back(j);
  }
  tx.exec("DROP TABLE IF EXISTS " + tx.quote_name(partition_of(job.row.pool_id)));
  assembly::db::exec(tx, kFailPool, job.row.pool_id);
  assembly::db::exec(tx, kFailImport, job.row.id, reason, list.dump());
  return {status, reason, *find_import(tx, job.row.id)};
}

Outcome PoolImporter::process(pqxx::work& tx, Job& job, std::string_view head,
                              std::string_view body, bool final, const std::string& as_of) {
  std::vector<domain::LineError> errors;
  auto error = [&](long line, std::string column, std::string reason) {
    if (errors.size() < limits_.max_errors)
      errors.push_back({line, std::move(column), std::move(reason)});
  };
  crypto_hash_sha256_state st;
  if (job.hash_state.size() != sizeof st) throw std::runtime_error("import hash state is damaged");
  std::memcpy(&st, job.hash_state.data(), sizeof st);
  const std::string partition = partition_of(job.row.pool_id);
  auto nonce = assembly::pii::nonce_of(job.row.pool_id, 0);
  // Person ids of this part -> line. Keys are the pseudonyms' 24 characters.
  using PersonKey = std::array<char, 24>;
  struct KeyHash {
    std::size_t operator()(const PersonKey& k) const noexcept {
      return std::hash<std::string_view>{}(std::string_view(k.data(), k.size()));
    }
  };
  std::unordered_map<PersonKey, long, KeyHash> seen;
  seen.reserve(body.size() / 64 + 16);
  const assembly::pii::Pseudonymizer person_ids(keyring_, "person", 24),
      households(keyring_, "household", 16);

  // The text is `head` (the incomplete last line of the previous part) then `body`: the head and
  // the body's first line are joined, the rest of the body is read where it lies.
  std::string joined;
  std::string_view rest = body;
  if (!head.empty()) {
    auto nl = body.find('\n');
    auto first = nl == std::string_view::npos ? body : body.substr(0, nl + 1);
    joined.reserve(head.size() + first.size());
    joined.append(head).append(first);
    rest = body.substr(first.size());
  }
  const std::string_view segments[2] = {joined, rest};

  std::string copy, snapshot, pii, household, context;
  copy.reserve(300 << 10);
  snapshot.reserve(80 << 10);
  std::vector<unsigned char> sealed;
  domain::RollRow row;
  domain::LineError line_error;
  std::string_view pending;
  const std::vector<std::string> columns = {"pool_id",    "position",       "person_id", "sex",
                                            "birth_year", "arrondissement", "household", "pii"};
  std::string duplicate_detail;
  char number[24];
  auto append_number = [&](std::string& out, std::int64_t v) {
    auto [end, ec] = std::to_chars(number, number + sizeof number, v);
    out.append(number, end);
  };
  {
    pqxx::subtransaction sub(tx, "part");
    try {
      pqxx::tablewriter writer(sub, partition, columns.begin(), columns.end());
      for (std::size_t seg = 0; seg < 2; ++seg) {
        const std::string_view text = segments[seg];
        std::size_t start = 0;
        while (start < text.size()) {
          auto nl = text.find('\n', start);
          if (nl == std::string_view::npos) {
            if (!final) {
              pending = text.substr(start);
              break;
            }
            nl = text.size();
          }
          std::string_view line = text.substr(start, nl - start);
          start = nl + 1;
          const long line_no = ++job.lines_read;
          if (line.size() > kMaxLine) {
            error(line_no, "", "longer than 64 KiB");
            continue;
          }
          if (line_no == 1) {
            if (auto why = domain::check_roll_header(line); !why.empty()) error(1, "", why);
            continue;
          }
          if (line.empty() || line == "\r") {
            error(line_no, "", "empty line");
            continue;
          }
          if (!domain::parse_roll_line(line, line_no, as_of, row, line_error)) {
            error(line_error.line, line_error.column, line_error.reason);
            continue;
          }
          PersonKey person_id;
          person_ids.write(row.voter_id, person_id.data());
          if (auto [it, fresh] = seen.emplace(person_id, line_no); !fresh) {
            error(line_no, "voter_id",
                  "duplicate voter id (also on line " + std::to_string(it->second) + ")");
            continue;
          }
          if (!errors.empty()) continue;  // only checking from the first error on
          const std::int64_t position = job.row.rows_read++;
          household_text(row, household);
          char household_id[16];
          households.write(household, household_id);
          pii.clear();
          for (const auto* f : {&row.voter_id, &row.last_name, &row.first_names, &row.birth_date,
                                &row.address, &row.postcode}) {
            if (!pii.empty()) pii.push_back('\x1f');
            pii += *f;
          }
          for (int i = 0; i < 8; ++i)
            nonce[16 + i] = static_cast<unsigned char>(position >> (56 - 8 * i));
          context.assign(job.row.pool_id);
          context.push_back('/');
          append_number(context, position);
          sealed.resize(pii.size() + assembly::pii::Keyring::kSealOverhead);
          const auto sealed_size = keyring_.seal_into(pii, nonce, context, sealed.data());
          sodium_memzero(pii.data(), pii.size());

          const std::string_view person(person_id.data(), person_id.size());
          copy += job.row.pool_id;
          copy += '\t';
          append_number(copy, position);
          copy += '\t';
          copy += person;
          copy += '\t';
          copy += row.sex;
          copy += '\t';
          append_number(copy, row.birth_year);
          copy += '\t';
          append_copy_text(copy, row.arrondissement);
          copy += '\t';
          copy.append(household_id, sizeof household_id);
          copy += "\t\\\\x";
          append_hex(copy, sealed.data(), sealed_size);
          copy += '\n';
          snapshot += person;
          snapshot += ',';
          snapshot += row.sex;
          snapshot += ',';
          append_number(snapshot, row.birth_year);
          snapshot += ',';
          snapshot += row.arrondissement;
          snapshot += '\n';
          if (copy.size() > (256 << 10)) {
            copy.pop_back();  // write_raw_line adds the line end
            writer.write_raw_line(copy);
            copy.clear();
            crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(snapshot.data()),
                                      snapshot.size());
            snapshot.clear();
          }
        }
      }
      if (errors.empty() && !copy.empty()) {
        copy.pop_back();
        writer.write_raw_line(copy);
      }
      crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(snapshot.data()),
                                snapshot.size());
      writer.complete();
    } catch (const pqxx::unique_violation& e) {
      duplicate_detail = e.what();
    }
    if (errors.empty() && duplicate_detail.empty()) {
      sub.commit();
    } else {
      sub.abort();
    }
  }
  if (!duplicate_detail.empty()) {
    // A voter id already imported by an earlier part: find both lines.
    for (const auto& [person, line] : seen) {
      auto earlier = tx.exec_params("SELECT position FROM " + tx.quote_name(partition) +
                                        " WHERE pool_id = $1 AND person_id = $2",
                                    job.row.pool_id, std::string(person.data(), person.size()));
      if (!earlier.empty()) {
        errors.push_back({line, "voter_id",
                          "duplicate voter id (also on line " +
                              std::to_string(earlier[0]["position"].as<long>() + 2) + ")"});
        break;
      }
    }
    if (errors.empty()) errors.push_back({0, "voter_id", "duplicate voter id"});
  }
  if (!errors.empty())
    return fail(tx, job, 422, "the file has invalid rows; nothing was imported", errors);
  if (pending.size() > kMaxLine) {
    return fail(tx, job, 422, "the file has invalid rows; nothing was imported",
                {{job.lines_read + 1, "", "longer than 64 KiB"}});
  }
  job.tail.assign(pending);
  job.hash_state.assign(reinterpret_cast<const char*>(&st), sizeof st);
  return {200, "", job.row};
}

std::optional<Outcome> PoolImporter::add_part(pqxx::work& tx, const std::string& import_id,
                                              int part_no, std::string_view body,
                                              const std::string& as_of) {
  const auto digest = sha256_hex(body);  // before taking the lock: the previous part may hold it
  auto job = lock(tx, import_id);
  if (!job) return std::nullopt;
  if (job->row.state != "receiving")
    return Outcome{
        409,
        "the import has " + job->row.state + (job->row.failure ? ": " + *job->row.failure : ""),
        job->row};
  if (part_no == job->row.parts_received && digest == job->last_part_sha256)
    return Outcome{200, "", job->row};
  if (part_no != job->row.parts_received + 1)
    return Outcome{409,
                   "expected part " + std::to_string(job->row.parts_received + 1) + ", got part " +
                       std::to_string(part_no),
                   job->row};
  if (job->row.bytes_received + static_cast<std::int64_t>(body.size()) > limits_.max_bytes)
    return fail(tx, *job, 413,
                "the file is over the limit of " + std::to_string(limits_.max_bytes) + " bytes",
                {});
  const std::string head = job->tail;
  auto out = process(tx, *job, head, body, false, as_of);
  if (out.status != 200) return out;
  job->row.parts_received = part_no;
  job->row.bytes_received += static_cast<std::int64_t>(body.size());
  job->last_part_sha256 = digest;
  save(tx, *job);
  return Outcome{200, "", *find_import(tx, import_id)};
}

std::optional<Outcome> PoolImporter::complete(pqxx::work& tx, const std::string& import_id,
                                              int parts, const std::string& as_of) {
  auto job = lock(tx, import_id);
  if (!job) return std::nullopt;
  if (job->row.state != "receiving")
    return Outcome{
        409,
        "the import has " + job->row.state + (job->row.failure ? ": " + *job->row.failure : ""),
        job->row};
  if (parts != job->row.parts_received)
    return fail(tx, *job, 422,
                "upload interrupted: " + std::to_string(parts) + " parts announced, " +
                    std::to_string(job->row.parts_received) + " received",
                {});
  const std::string tail = job->tail;
  auto out = process(tx, *job, tail, {}, true, as_of);
  if (out.status != 200) return out;
  if (job->lines_read == 0) return fail(tx, *job, 422, "the file is empty", {});
  if (job->row.rows_read == 0) return fail(tx, *job, 422, "the file has a header but no rows", {});
  if (job->row.rows_total && *job->row.rows_total != job->row.rows_read)
    return fail(tx, *job, 422,
                "upload interrupted: " + std::to_string(*job->row.rows_total) +
                    " rows announced, " + std::to_string(job->row.rows_read) + " received",
                {});
  crypto_hash_sha256_state st;
  std::memcpy(&st, job->hash_state.data(), sizeof st);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, digest);
  finish_partition(tx, job->row.pool_id);
  assembly::db::exec(tx, kPoolReady, job->row.pool_id, job->row.rows_read,
                     hex(digest, sizeof digest));
  job->tail.clear();
  save(tx, *job);
  assembly::db::exec(tx, kImportSucceeded, import_id);
  return Outcome{200, "", *find_import(tx, import_id)};
}

std::optional<Outcome> PoolImporter::cancel(pqxx::work& tx, const std::string& import_id) {
  auto job = lock(tx, import_id);
  if (!job) return std::nullopt;
  if (job->row.state != "receiving")
    return Outcome{409, "the import has " + job->row.state, job->row};
  auto out = fail(tx, *job, 200, "cancelled by the uploader", {});
  out.status = 200;
  return out;
}

int PoolImporter::reap_idle(pqxx::work& tx) {
  auto rows =
      assembly::db::exec(tx, kIdleImports, static_cast<double>(limits_.idle_timeout.count()));
  for (const auto& r : rows) {
    auto job = lock(tx, r["id"].as<std::string>());
    fail(tx, *job, 422,
         "upload interrupted: no part received for " +
             std::to_string(limits_.idle_timeout.count()) + " s",
         {});
  }
  return static_cast<int>(rows.size());
}

}  // namespace sortition::imports
