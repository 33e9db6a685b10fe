// A quota file (domain::parse_quotas: the Foundation's feature,value,min,max[,min_flex,max_flex]
// and the paper's category,feature,min,max): any text is read or refused with a QuotaError; a
// file read is written back by export_quotas and read again to the same quota set.
#include <string>

#include "domain/quotas.h"
#include "fuzz_check.h"

using namespace sortition::domain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)csv_records(text);
  } catch (const QuotaError& e) {
    FUZZ_CHECK(!e.reason().empty());
  }
  QuotaSet quotas;
  try {
    quotas = parse_quotas(text);
  } catch (const QuotaError& e) {
    FUZZ_CHECK(!e.reason().empty());
    return 0;
  }
  FUZZ_CHECK(!quotas.categories.empty());
  for (const auto& c : quotas.categories) {
    FUZZ_CHECK(!c.name.empty() && !c.values.empty());
    for (const auto& v : c.values) FUZZ_CHECK(0 <= v.min && v.min <= v.max);
  }
  const auto written = export_quotas(quotas);
  QuotaSet again;
  try {
    again = parse_quotas(written);
  } catch (const QuotaError& e) {
    std::fprintf(stderr, "the exported file does not read back: %s\n", e.what());
    std::abort();
  }
  FUZZ_CHECK(again == quotas);
  FUZZ_CHECK(questions_of(again).size() == quotas.categories.size());
  return 0;
}
