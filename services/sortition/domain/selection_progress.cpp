#include "domain/selection_progress.h"

#include <algorithm>

namespace sortition::domain {

double progress_fraction(const SelectionClock& clock, const fair::Progress& p) {
  constexpr double kRunningAtMost = 0.99;
  const int pools = std::max(1, clock.pools);
  const int index = std::clamp(clock.pool_index, 0, pools - 1);
  const double settled =
      p.types > 0 ? std::clamp(static_cast<double>(p.fixed_types) / p.types, 0.0, 1.0) : 0.0;
  const double work = (index + settled) / pools;
  const double time =
      clock.time_limit > 0 ? std::clamp(clock.elapsed / clock.time_limit, 0.0, 1.0) : 0.0;
  return std::min(kRunningAtMost, std::max(work, time));
}

}  // namespace sortition::domain
