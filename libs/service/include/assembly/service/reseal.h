#pragma once
// Re-sealing personal data under the current key after a key rotation (docs/security.md): every
// sealed column of a service walked in small batches, in key order (keyset pagination), one short
// transaction per batch whose rows are locked FOR UPDATE SKIP LOCKED and written back only if they
// still hold what was read, so that a concurrent write is never lost; a row skipped (locked by a
// request) or written meanwhile by a replica still sealing under an older key is taken up by the
// next pass. Run by `<service> --reseal` (ops/rotate-keys) while the service keeps serving.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/db/pool.h"
#include "assembly/pii/pii.h"

namespace assembly::service {

// One sealed value as a store reads it for re-sealing.
struct SealedRow {
  std::vector<std::string> key;      // the row's primary key, in order: where the next batch starts
  std::vector<std::string> context;  // what else the value is bound to (a version), if anything
  std::string sealed;
};

// A sealed column: its SQL (the service's store/) and how one of its values is sealed (app/).
struct SealedColumn {
  std::string name;  // "contacts.sealed"
  // Up to `limit` rows after the key `after` (empty: from the first), in key order, whose value
  // does not begin with `current` (the current key's header), locked FOR UPDATE SKIP LOCKED.
  std::function<std::vector<SealedRow>(pqxx::work&, const std::vector<std::string>& after,
                                       const std::string& current, int limit)>
      batch;
  // Writes the row's value re-sealed if it still holds `row.sealed`; false when it changed.
  std::function<bool(pqxx::work&, const SealedRow& row, const std::string& resealed)> write;
  // How many values of the column do not begin with `current`.
  std::function<long(pqxx::work&, const std::string& current)> remaining;
  // The value opened with the key it names and sealed again under the current one.
  std::function<std::string(const pii::Keyring&, const SealedRow&)> reseal;
};

// A row a store's batch query read: its first `keys` columns the key, the next `contexts` the
// context, then the sealed value (BYTEA).
SealedRow sealed_row(const pqxx::row& r, std::size_t keys, std::size_t contexts = 0);
// A header as the BYTEA parameter the stores compare values' first bytes with.
inline pqxx::binarystring as_bytea(const std::string& bytes) {
  return pqxx::binarystring(bytes.data(), bytes.size());
}

struct ResealOptions {
  int batch = 500;                              // rows per transaction
  int passes = 5;                               // walks of a column at most, until nothing remains
  std::chrono::milliseconds pause{0};           // between batches, to spare a loaded database
  std::shared_ptr<std::atomic<bool>> stopping;  // set: stop after the batch in hand
};

struct ResealReport {
  struct Column {
    std::string name;
    long resealed = 0;   // values written under the current key
    long remaining = 0;  // values still under another key after the last pass
    int passes = 0;
    double seconds = 0;
  };
  std::vector<Column> columns;
  bool complete() const;
};

// Every column re-sealed under the keyring's current key. Throws when a value does not open
// (its key is not held: the message names the column, the row and the key).
ResealReport reseal(db::Pool& db, const pii::Keyring& keyring,
                    const std::vector<SealedColumn>& columns, const ResealOptions& options);

}  // namespace assembly::service
