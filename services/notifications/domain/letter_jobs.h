#pragma once
// The invitation letters' jobs, as values: their states, and the files a job makes. No I/O.
#include <optional>
#include <string_view>
#include <vector>

namespace notifications::domain {

// queued (waiting for a replica), running (claimed, its lease renewed with its progress), done
// (every file kept), failed (why is recorded; the secretariat starts another), erased (the files
// removed: after LETTER_FILES_HOURS, or by the secretariat once printed).
enum class JobState { queued, running, done, failed, erased };
std::string_view name(JobState s);
std::optional<JobState> job_state_named(std::string_view s);

// The most letters a job makes in one file for the printer, and the fewest.
inline constexpr long kMinBatch = 50, kMaxBatch = 10000;

// One file of a job: part 0 is every letter in one file; parts 1, 2, ... are the printer's
// batches of `batch_size` letters (the last shorter), made only when there is more than one.
struct FilePlan {
  long part = 0;
  long first = 1;  // 1-based
  long count = 0;
};
// No letter, no file.
std::vector<FilePlan> plan_files(long total, long batch_size);

}  // namespace notifications::domain
