#pragma once
// Successive cohorts: each assembly drawn is a cohort ("promo"); Paris renews its assembly.
#include <string>
#include <string_view>

namespace membership::domain {

enum class CohortState { forming, sitting, ended };

std::string_view to_string(CohortState s);

// Where a cohort stands on `today` (dates "YYYY-MM-DD", "" when not set): forming before its
// mandate starts (or while it has no start date), sitting from its start to its end (inclusive;
// no end date: sitting), ended after its end.
CohortState cohort_state(const std::string& mandate_start, const std::string& mandate_end,
                         const std::string& today);

}  // namespace membership::domain
