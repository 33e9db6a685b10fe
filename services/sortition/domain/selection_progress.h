#pragma once
// How far a running panel selection is, as a fraction a console can show (a progress bar).
#include "domain/fair.h"

namespace sortition::domain {

// Where a selection stands: which of its seat pools is being computed (0-based, of `pools`), the
// solver's last report for it, the seconds since the selection started and its time limit.
struct SelectionClock {
  int pool_index = 0;
  int pools = 1;
  double elapsed = 0;
  double time_limit = 0;  // 0: none
};

// In [0, 0.99] while the selection runs: the larger of the work done and the share of the time
// limit used. The work done is the seat pools finished plus, in the current one, the share of
// its types whose probability LEXIMIN has settled (nothing is settled before MAXIMIN's first stage
// ends, so that stage counts as none of it); the time share bounds it from below because a
// selection ends by its time limit at the latest (falling back to MAXIMIN, then to the greedy
// draw). 1 is for a finished selection only. Callers keep the largest value given so far, so that
// the bar never goes back (a fallback's first reports have nothing settled).
double progress_fraction(const SelectionClock& clock, const fair::Progress& p);

}  // namespace sortition::domain
