// A pool's CSV (the roll, the non-EU residents, the minors) read as the importer reads it: the
// text cut at each LF, the first line checked as the header, every other one parsed as a row. A
// row accepted is one the layout allows (domain/roll.h); a row refused says which line and why.
#include <algorithm>
#include <cctype>
#include <string>

#include "domain/roll.h"
#include "fuzz_check.h"

using namespace sortition::domain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string_view as_of = "2026-12-07";
  std::size_t start = 0;
  long line_no = 0;
  RollRow row;
  LineError error;
  while (start < text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    const auto line = text.substr(start, nl - start);
    start = nl + 1;
    if (++line_no == 1) {
      (void)check_roll_header(line);
      continue;
    }
    if (!parse_roll_line(line, line_no, as_of, row, error)) {
      FUZZ_CHECK(error.line == line_no && !error.reason.empty());
      continue;
    }
    FUZZ_CHECK(valid_utf8(line));
    for (const auto* f : {&row.voter_id, &row.last_name, &row.first_names, &row.birth_date,
                          &row.sex, &row.address, &row.postcode, &row.arrondissement})
      FUZZ_CHECK(!f->empty() && valid_utf8(*f));
    FUZZ_CHECK(row.voter_id.size() <= 32);
    FUZZ_CHECK(row.sex == "F" || row.sex == "M" || row.sex == "X");
    FUZZ_CHECK(row.postcode.size() == 5 &&
               std::all_of(row.postcode.begin(), row.postcode.end(),
                           [](unsigned char c) { return std::isdigit(c); }));
    FUZZ_CHECK(row.birth_year >= 1900 && row.birth_date <= as_of);
    FUZZ_CHECK(row.birth_date.substr(0, 4) == std::to_string(row.birth_year));
    FUZZ_CHECK(row.arrondissement.find_first_of(",\"") == std::string::npos);
  }
  return 0;
}
