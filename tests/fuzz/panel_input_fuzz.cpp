// A panel-selection instance as panel-select reads it: a quota file and a people file (the
// Foundation's people.csv with ids, or the paper's respondents.csv without), then the feasibility
// checks over them. The input is the quota file, a form feed, then the people file; without a
// form feed, the people file against a fixed quota set. The first byte picks the layout and the
// seats.
#include <string>

#include "domain/panel_input.h"
#include "domain/quotas.h"
#include "fuzz_check.h"

using namespace sortition::domain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const unsigned char choice = data[0];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string_view quota_file =
      "feature,value,min,max\ngender,female,1,3\ngender,male,1,3\n"
      "age,16-29,0,2\nage,30+,1,4\n";
  if (auto ff = text.find('\f'); ff != std::string_view::npos) {
    quota_file = text.substr(0, ff);
    text.remove_prefix(ff + 1);
  }
  QuotaSet quotas;
  try {
    quotas = parse_quotas(quota_file);
  } catch (const QuotaError&) {
    return 0;
  }
  PeopleLayout layout;
  layout.has_id = (choice & 1) == 0;
  if (choice & 2) layout.household_columns = {"address", "postcode"};
  std::vector<Respondent> people;
  try {
    people = read_people(text, quotas, layout);
  } catch (const QuotaError& e) {
    FUZZ_CHECK(!e.reason().empty());
    return 0;
  }
  FUZZ_CHECK(!people.empty());
  for (const auto& p : people) {
    FUZZ_CHECK(!p.person_id.empty() && p.pool == "roll");
    for (const auto& c : quotas.categories) {
      auto it = p.attributes.find(c.name);
      FUZZ_CHECK(it != p.attributes.end() && c.find(it->second) != nullptr);
    }
  }
  const SeatPool pool{"roll", static_cast<int>(choice >> 2), quotas};
  if (auto why = check_feasible(pool, people)) FUZZ_CHECK(!why->message.empty());
  return 0;
}
