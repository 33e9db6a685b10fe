#include "assembly/db/migrations.h"

#include <iomanip>
#include <map>
#include <pqxx/pqxx>
#include <sstream>

#include "assembly/logging/log.h"

namespace assembly::db {
namespace {

std::string checksum(const std::string& sql) {
  // FNV-1a 64: enough to notice an edited migration; not a security boundary.
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : sql) {
    h ^= c;
    h *= 1099511628211ull;
  }
  std::ostringstream out;
  out << std::hex << std::setw(16) << std::setfill('0') << h;
  return out.str();
}

}  // namespace

int migrate(pqxx::connection& conn, const std::string& schema, const std::vector<Migration>& list) {
  pqxx::nontransaction session(conn);
  const std::string lock_key = session.quote("assembly.migrations." + schema);
  const std::string table = session.quote_name(schema) + ".schema_migrations";
  // Session-level lock: held across the per-migration transactions below.
  session.exec("SELECT pg_advisory_lock(hashtext(" + lock_key + "))");
  int applied = 0;
  try {
    session.exec("CREATE TABLE IF NOT EXISTS " + table +
                 " (version TEXT PRIMARY KEY, checksum TEXT NOT NULL,"
                 "  applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    std::map<std::string, std::string> done;
    for (const auto& row : session.exec("SELECT version, checksum FROM " + table))
      done[row[0].as<std::string>()] = row[1].as<std::string>();
    session.commit();

    for (const auto& m : list) {
      auto sum = checksum(m.sql);
      auto it = done.find(m.version);
      if (it != done.end()) {
        if (it->second != sum)
          throw std::runtime_error(
              "migration " + m.version + " in schema " + schema +
              " was changed after it was applied; add a new migration instead");
        continue;
      }
      pqxx::work tx(conn);
      tx.exec("SET LOCAL search_path TO " + tx.quote_name(schema));
      tx.exec(m.sql);
      tx.exec("INSERT INTO " + table + " (version, checksum) VALUES (" + tx.quote(m.version) +
              ", " + tx.quote(sum) + ")");
      tx.commit();
      ++applied;
      log::info("migration applied", {{"schema", schema}, {"version", m.version}});
    }
  } catch (...) {
    try {
      pqxx::nontransaction unlock(conn);
      unlock.exec("SELECT pg_advisory_unlock(hashtext(" + lock_key + "))");
    } catch (...) {
    }
    throw;
  }
  pqxx::nontransaction unlock(conn);
  unlock.exec("SELECT pg_advisory_unlock(hashtext(" + lock_key + "))");
  return applied;
}

}  // namespace assembly::db
