#include "domain/report.h"

#include <cstdio>

#include "assembly/core/names.h"

namespace followup::domain {

namespace {
const CommitmentStatus kStatuses[] = {CommitmentStatus::planned, CommitmentStatus::in_progress,
                                      CommitmentStatus::done, CommitmentStatus::delayed,
                                      CommitmentStatus::abandoned};
}

Snapshot snapshot_at(const std::vector<CommitmentRecord>& records, const std::string& as_of) {
  Snapshot s;
  s.as_of = as_of;
  for (auto st : kStatuses) s.by_status[to_string(st)] = 0;
  double progress = 0;
  for (const auto& r : records) {
    const TimelineEntry* last = nullptr;
    for (const auto& e : r.timeline)
      if (e.at.substr(0, 10) <= as_of) last = &e;
    if (last == nullptr) continue;  // made after the date
    CommitmentAtDate c{
        r.id,    r.motion_id,  r.motion_title,     r.recommendation_id, r.recommendation_title,
        r.title, r.department, r.elected_official, last->state};
    for (const auto& m : r.milestones) {
      if (!m.created_on.empty() && m.created_on > as_of) continue;
      ++c.milestones;
      const bool done = !m.done_on.empty() && m.done_on <= as_of;
      c.milestones_done += done;
      c.milestones_overdue += !done && m.due_on < as_of;
    }
    s.by_status[to_string(c.state.status)] += 1;
    s.milestones_overdue += c.milestones_overdue;
    progress += c.state.progress;
    s.commitments.push_back(std::move(c));
  }
  if (!s.commitments.empty())
    s.mean_progress = progress / static_cast<double>(s.commitments.size());
  return s;
}

nlohmann::json to_json(const Snapshot& s) {
  nlohmann::json commitments = nlohmann::json::array();
  for (const auto& c : s.commitments)
    commitments.push_back({{"id", c.id},
                           {"motion_id", c.motion_id},
                           {"motion_title", c.motion_title},
                           {"recommendation_id", c.recommendation_id},
                           {"recommendation_title", c.recommendation_title},
                           {"title", c.title},
                           {"department", c.department},
                           {"elected_official", c.elected_official},
                           {"status", to_string(c.state.status)},
                           {"progress", c.state.progress},
                           {"milestones", c.milestones},
                           {"milestones_done", c.milestones_done},
                           {"milestones_overdue", c.milestones_overdue}});
  return {{"as_of", s.as_of},
          {"commitments", commitments},
          {"by_status", s.by_status},
          {"milestones_overdue", s.milestones_overdue},
          {"mean_progress", s.mean_progress}};
}

namespace {
constexpr std::pair<ReportStatus, std::string_view> kReportStatusNames[] = {
    {ReportStatus::scheduled, "scheduled"},
    {ReportStatus::compiled, "compiled"},
    {ReportStatus::published, "published"}};
}  // namespace

std::string to_string(ReportStatus s) {
  return std::string(assembly::core::name_of(kReportStatusNames, s, "scheduled"));
}

std::optional<ReportStatus> parse_report_status(const std::string& s) {
  return assembly::core::value_of(kReportStatusNames, s);
}

void compile(Report& r, const std::vector<CommitmentRecord>& records, const std::string& as_of,
             const std::string& today) {
  if (r.status == ReportStatus::published)
    throw ReportError("report " + std::to_string(r.sequence) +
                      " is published: it no longer changes");
  if (as_of > today)
    throw ReportError("a report tells what was done: its date (" + as_of +
                      ") cannot be after today (" + today + ")");
  r.as_of = as_of;
  r.snapshot = to_json(snapshot_at(records, as_of));
  r.status = ReportStatus::compiled;
}

void publish(Report& r, const std::string& today) {
  if (r.status == ReportStatus::published)
    throw ReportError("report " + std::to_string(r.sequence) + " is already published");
  if (r.status != ReportStatus::compiled)
    throw ReportError("compile report " + std::to_string(r.sequence) + " before publishing it");
  r.status = ReportStatus::published;
  r.published_on = today;
}

bool overdue(const Report& r, const std::string& today) {
  return r.status != ReportStatus::published && r.due_on < today;
}

std::string add_months(const std::string& date, int months) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3)
    throw std::invalid_argument("not a date: " + date);
  int total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int last = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
  if (d > last) d = last;
  auto two = [](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  return std::to_string(y) + "-" + two(m) + "-" + two(d);
}

std::optional<std::string> next_due(const std::string& due_on, int every_months,
                                    int open_commitments, int commitments) {
  if (commitments > 0 && open_commitments == 0) return std::nullopt;
  return add_months(due_on, every_months);
}

}  // namespace followup::domain
