#include "domain/cohort.h"

#include "assembly/core/names.h"

namespace membership::domain {

namespace {
constexpr std::pair<CohortState, std::string_view> kCohortStateNames[] = {
    {CohortState::forming, "forming"},
    {CohortState::sitting, "sitting"},
    {CohortState::ended, "ended"}};
}  // namespace

std::string_view to_string(CohortState s) {
  return assembly::core::name_of(kCohortStateNames, s, "forming");
}

CohortState cohort_state(const std::string& mandate_start, const std::string& mandate_end,
                         const std::string& today) {
  if (mandate_start.empty() || today < mandate_start) return CohortState::forming;
  if (!mandate_end.empty() && today > mandate_end) return CohortState::ended;
  return CohortState::sitting;
}

}  // namespace membership::domain
