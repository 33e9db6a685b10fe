#pragma once
// The "droit de suite": follow-up reports on a schedule, each compiled from the commitments'
// state at a date and frozen once published. Pure domain; the clock is always a parameter.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/commitment.h"

namespace followup::domain {

// One line of a commitment's timeline: its state after a change made at `at` (UTC
// "YYYY-MM-DDTHH:MM:SSZ"). The first line is the commitment's creation.
struct TimelineEntry {
  std::string at;
  CommitmentState state;
};

struct CommitmentRecord {
  std::string id, motion_id, motion_title, recommendation_id, recommendation_title, title,
      department, elected_official;
  std::vector<TimelineEntry> timeline;  // oldest first
  std::vector<Milestone> milestones;
};

// A commitment as it stood at the end of a day.
struct CommitmentAtDate {
  std::string id, motion_id, motion_title, recommendation_id, recommendation_title, title,
      department, elected_official;
  CommitmentState state;
  int milestones = 0, milestones_done = 0, milestones_overdue = 0;
};

struct Snapshot {
  std::string as_of;  // "YYYY-MM-DD"
  std::vector<CommitmentAtDate> commitments;
  std::map<std::string, int> by_status;  // every status, 0 included
  int milestones_overdue = 0;
  double mean_progress = 0;  // over the commitments that existed at the date
};

// The commitments' state at the end of `as_of`: what was created by then, with the last change
// made by then; milestones added, done and overdue by then. Changes made later do not count, so
// the same date always gives the same snapshot.
Snapshot snapshot_at(const std::vector<CommitmentRecord>& records, const std::string& as_of);
nlohmann::json to_json(const Snapshot& s);

enum class ReportStatus { scheduled, compiled, published };
std::string to_string(ReportStatus s);
std::optional<ReportStatus> parse_report_status(const std::string& s);

class ReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Report {
  int sequence = 1;
  std::string due_on;  // "YYYY-MM-DD"
  ReportStatus status = ReportStatus::scheduled;
  std::string as_of{};
  nlohmann::json snapshot{};
  std::string published_on{};
};

// (Re)compiles a report not yet published from the records at `as_of` (not after `today`);
// ReportError once it is published: a published report never changes.
void compile(Report& r, const std::vector<CommitmentRecord>& records, const std::string& as_of,
             const std::string& today);
// Publishes a compiled report; ReportError otherwise.
void publish(Report& r, const std::string& today);
// Due before `today` and still not published.
bool overdue(const Report& r, const std::string& today);

// "YYYY-MM-DD" plus whole months, the day clamped to the month's end (31 Aug + 6 = 28/29 Feb).
std::string add_months(const std::string& date, int months);
// The schedule goes on while a commitment is still open, or while none was made yet: the due
// date of the report after the one due on `due_on`, or nothing when the follow-up is over.
std::optional<std::string> next_due(const std::string& due_on, int every_months,
                                    int open_commitments, int commitments);

}  // namespace followup::domain
