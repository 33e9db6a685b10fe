#pragma once
// The suite's one SQL format for a timestamptz as UTC text, "YYYY-MM-DDTHH:MM:SSZ".
//   "SELECT " SQL_UTC("created_at") " FROM ..."
//   "to_char(x AT TIME ZONE 'UTC', " SQL_UTC_FORMAT ")"   (when the column is an expression)
#define SQL_UTC_FORMAT "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'"
#define SQL_UTC(col) "to_char(" col " AT TIME ZONE 'UTC', " SQL_UTC_FORMAT ")"
// The same with milliseconds, "YYYY-MM-DDTHH:MM:SS.mmmZ", where order within a second matters.
#define SQL_UTC_MS_FORMAT "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'"
#define SQL_UTC_MS(col) "to_char(" col " AT TIME ZONE 'UTC', " SQL_UTC_MS_FORMAT ")"
