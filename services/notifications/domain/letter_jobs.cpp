#include "domain/letter_jobs.h"

#include <algorithm>
#include <array>
#include <utility>

namespace notifications::domain {

namespace {
constexpr std::array<std::pair<JobState, std::string_view>, 5> kStates{{
    {JobState::queued, "queued"},
    {JobState::running, "running"},
    {JobState::done, "done"},
    {JobState::failed, "failed"},
    {JobState::erased, "erased"},
}};
}  // namespace

std::string_view name(JobState s) {
  for (const auto& [state, text] : kStates)
    if (state == s) return text;
  return "queued";
}

std::optional<JobState> job_state_named(std::string_view s) {
  for (const auto& [state, text] : kStates)
    if (text == s) return state;
  return std::nullopt;
}

std::vector<FilePlan> plan_files(long total, long batch_size) {
  std::vector<FilePlan> out;
  if (total <= 0) return out;
  out.push_back({0, 1, total});
  if (batch_size <= 0 || batch_size >= total) return out;
  long part = 1;
  for (long first = 1; first <= total; first += batch_size)
    out.push_back({part++, first, std::min(batch_size, total - first + 1)});
  return out;
}

}  // namespace notifications::domain
