#pragma once
// Ordered SQL migrations, recorded in <schema>.schema_migrations. Each runs in its own
// transaction; a PostgreSQL advisory lock keyed by the schema lets two replicas start together.
#include <pqxx/connection>
#include <string>
#include <vector>

namespace assembly::db {

struct Migration {
  std::string version;  // unique, e.g. "0001_panel_draws" or "events-0001_outbox_inbox"
  std::string sql;
};

// Applies the migrations not yet recorded, in order; returns how many it applied. A recorded
// migration whose SQL has changed since is an error (std::runtime_error naming it).
int migrate(pqxx::connection& conn, const std::string& schema, const std::vector<Migration>& list);

}  // namespace assembly::db
