#pragma once
// SQL text for a timestamptz column as the suite's UTC time, "YYYY-MM-DDTHH:MM:SSZ":
//   "SELECT " SQL_UTC("created_at") " FROM ..."
#define SQL_UTC(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
