#pragma once
// The CSV layout of a pool (the electoral roll, non-EU residents, minors) and the check of each
// row. Pure: the importer feeds it lines; nothing here touches the database or the network.
//
// Layout (UTF-8, comma-separated, RFC 4180 quoting, LF or CRLF, a header line first):
//   voter_id,last_name,first_names,birth_date,sex,address,postcode,arrondissement
// voter_id: 1-32 of [A-Za-z0-9-]; names: 1-100 characters; birth_date: YYYY-MM-DD, a real date
// from 1900 to the import date; sex: F, M or X; address: 1-200 characters; postcode: 5 digits;
// arrondissement (or any district): 1-40 characters without comma or quote.
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace sortition::domain {

inline constexpr std::array<std::string_view, 8> kRollColumns = {
    "voter_id", "last_name", "first_names", "birth_date",
    "sex",      "address",   "postcode",    "arrondissement"};

struct RollRow {
  std::string voter_id, last_name, first_names, birth_date, sex, address, postcode, arrondissement;
  int birth_year = 0;
};

// One reason a line was refused; `line` counts from 1 with the header as line 1. The reason
// names the rule broken, never the value (a voter id, a birth date...): it is kept with the job.
struct LineError {
  long line = 0;
  std::string column;  // empty when the whole line is at fault
  std::string reason;
};

// Empty when the header is the layout above (case and surrounding spaces ignored, a UTF-8 BOM
// tolerated); otherwise the reason.
std::string check_roll_header(std::string_view line);

// Parses and checks one data line (without its line end). `as_of` is the import date
// (YYYY-MM-DD): birth dates after it are refused. Returns false and fills `error` when invalid.
bool parse_roll_line(std::string_view line, long line_no, std::string_view as_of, RollRow& out,
                     LineError& error);

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates).
bool valid_utf8(std::string_view s);

// A pool's pseudonymous snapshot (its header and layout): see domain/invitation.h.

}  // namespace sortition::domain
