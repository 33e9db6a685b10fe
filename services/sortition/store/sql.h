#pragma once
// SQL fragments the sortition stores share.

// A timestamptz column as ISO 8601 UTC text ("2022-06-11T09:30:00Z"), for string literals.
#define SORTITION_TS(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
