#pragma once
// The suite's one SQL format for a timestamptz as UTC text, "YYYY-MM-DDTHH:MM:SSZ".
//   "SELECT " SQL_UTC("created_at") " FROM ..."
//   "to_char(x AT TIME ZONE 'UTC', " SQL_UTC_FORMAT ")"   (when the column is an expression)
#define SQL_UTC_FORMAT "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'"
#define SQL_UTC(col) "to_char(" col " AT TIME ZONE 'UTC', " SQL_UTC_FORMAT ")"
// The same with milliseconds, "YYYY-MM-DDTHH:MM:SS.mmmZ", where order within a second matters.
#define SQL_UTC_MS_FORMAT "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'"
#define SQL_UTC_MS(col) "to_char(" col " AT TIME ZONE 'UTC', " SQL_UTC_MS_FORMAT ")"

#include <pqxx/pqxx>
#include <string>

// The date by PostgreSQL's clock (UTC), "YYYY-MM-DD": the one clock the services' date rules read
// (overdue reports and milestones), so that a service whose own clock is off neither flags early
// nor late (RELIABILITY.md, the clock-skew rows). SQL_TODAY is the same in a statement.
#define SQL_TODAY "(now() AT TIME ZONE 'UTC')::date"

namespace assembly::db {

inline std::string today(pqxx::transaction_base& tx) {
  return tx.exec1("SELECT to_char(" SQL_TODAY ", 'YYYY-MM-DD')")[0].as<std::string>();
}

}  // namespace assembly::db
