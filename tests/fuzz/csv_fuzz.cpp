// The CSV reader (core::csv_rows) on any text, and the writer (core::csv_text) read back: cells
// written by csv_text, in either quoting, joined by commas and CRLF, are read back by csv_rows as
// the same cells.
#include <fuzzer/FuzzedDataProvider.h>

#include <string>
#include <vector>

#include "assembly/core/csv.h"
#include "fuzz_check.h"

using assembly::core::csv_rows;
using assembly::core::csv_text;
using assembly::core::CsvQuote;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  auto rows = csv_rows(text, &error);
  FUZZ_CHECK(rows.has_value() == error.empty());

  FuzzedDataProvider in(data, size);
  const auto quote = in.ConsumeBool() ? CsvQuote::always : CsvQuote::when_needed;
  std::vector<std::vector<std::string>> cells(in.ConsumeIntegralInRange<std::size_t>(1, 4));
  std::string file;
  for (auto& row : cells) {
    row.resize(in.ConsumeIntegralInRange<std::size_t>(1, 5));
    for (std::size_t i = 0; i < row.size(); ++i) {
      row[i] = in.ConsumeRandomLengthString(64);
      if (i > 0) file += ',';
      file += csv_text(row[i], quote);
    }
    file += "\r\n";
  }
  auto back = csv_rows(file, &error);
  FUZZ_CHECK(back.has_value());
  FUZZ_CHECK(*back == cells);
  return 0;
}
