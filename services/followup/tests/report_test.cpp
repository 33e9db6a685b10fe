// The "droit de suite" (domain/report.h): snapshots of the commitments at a date, reports compiled
// from them and frozen once published, overdue reports with an injected "today", and the schedule.
#include "domain/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace followup::domain;

namespace followup::domain {
// Readable failures (found by argument-dependent lookup; internal to this test file).
[[maybe_unused]] static void PrintTo(const CommitmentState& s, std::ostream* os) {
  *os << to_string(s.status) << " at " << s.progress << " %";
}
}  // namespace followup::domain

namespace {

using S = CommitmentStatus;

TimelineEntry at(std::string when, S status, int progress) {
  return TimelineEntry{std::move(when), {status, progress}};
}

Milestone milestone(std::string id, std::string due_on, std::string done_on,
                    std::string created_on) {
  return Milestone{id, "step " + id, std::move(due_on), std::move(done_on), std::move(created_on)};
}

CommitmentRecord record(const std::string& id, std::vector<TimelineEntry> timeline,
                        std::vector<Milestone> milestones = {}) {
  CommitmentRecord r;
  r.id = id;
  r.motion_id = "motion-" + id;
  r.motion_title = "Motion for " + id;
  r.recommendation_id = "rec-" + id;
  r.recommendation_title = "Recommendation for " + id;
  r.title = "Commitment " + id;
  r.department = "Department of " + id;
  r.elected_official = "Official " + id;
  r.timeline = std::move(timeline);
  r.milestones = std::move(milestones);
  return r;
}

CommitmentRecord& find(std::vector<CommitmentRecord>& records, const std::string& id) {
  for (auto& r : records)
    if (r.id == id) return r;
  throw std::logic_error("no record " + id);
}

const CommitmentAtDate* find(const Snapshot& s, const std::string& id) {
  for (const auto& c : s.commitments)
    if (c.id == id) return &c;
  return nullptr;
}

std::vector<std::string> ids(const Snapshot& s) {
  std::vector<std::string> out;
  for (const auto& c : s.commitments) out.push_back(c.id);
  return out;
}

const char* const kStatusNames[] = {"planned", "in-progress", "done", "delayed", "abandoned"};

// Four commitments as they stood at the end of 2024-03-15 (kAsOf).
const std::string kAsOf = "2024-03-15";
std::vector<CommitmentRecord> city() {
  return {
      record("lights",
             {at("2024-01-10T09:00:00Z", S::planned, 0),
              at("2024-02-01T10:00:00Z", S::in_progress, 20),
              at("2024-03-15T23:59:59Z", S::in_progress, 50)},
             {milestone("ms-1", "2024-03-01", "2024-02-28", "2024-01-10"),  // done early
              milestone("ms-2", "2024-03-10", "", "2024-01-10"),            // overdue
              milestone("ms-3", "2024-03-15", "", "2024-01-10")}),  // due on the day: not overdue
      record(
          "bikes",
          {at("2024-02-20T08:00:00Z", S::planned, 0), at("2024-03-01T12:00:00Z", S::delayed, 10)},
          {milestone("ms-4", "2024-03-05", "2024-03-15",
                     "")}),  // done on the day, no creation date
      record("park", {at("2024-03-15T07:00:00Z", S::planned, 0)}),  // created on the day
      record("school",
             {at("2024-01-05T00:00:00Z", S::planned, 0), at("2024-03-14T16:30:00Z", S::done, 100)}),
  };
}

// What happens after kAsOf: changes appended, milestones done or added, a new commitment.
void later_changes(std::vector<CommitmentRecord>& records) {
  auto& lights = find(records, "lights");
  lights.timeline.push_back(at("2024-03-16T00:00:00Z", S::in_progress, 70));
  lights.milestones[1].done_on = "2024-03-16";  // ms-2 done late
  lights.milestones[2].done_on = "2024-03-20";  // ms-3 done late
  lights.milestones.push_back(
      milestone("ms-5", "2024-03-01", "", "2024-03-16"));  // added later, due before
  find(records, "bikes").timeline.push_back(at("2024-03-16T09:00:00Z", S::abandoned, 10));
  find(records, "park").timeline.push_back(at("2024-04-01T10:00:00Z", S::in_progress, 30));
  records.push_back(record("late", {at("2024-03-16T00:00:01Z", S::planned, 0)}));
}

}  // namespace

// ---------------------------------------------------------------- snapshot_at

TEST(Snapshot, NoRecords) {
  auto s = snapshot_at({}, kAsOf);
  EXPECT_EQ(s.as_of, kAsOf);
  EXPECT_TRUE(s.commitments.empty());
  ASSERT_EQ(s.by_status.size(), 5u);
  for (const char* name : kStatusNames) {
    ASSERT_EQ(s.by_status.count(name), 1u) << name;
    EXPECT_EQ(s.by_status.at(name), 0) << name;
  }
  EXPECT_EQ(s.milestones_overdue, 0);
  EXPECT_DOUBLE_EQ(s.mean_progress, 0.0);
}

TEST(Snapshot, OnlyCommitmentsCreatedByTheDate) {
  const std::vector<CommitmentRecord> records = {
      record("before", {at("2024-03-14T12:00:00Z", S::planned, 0)}),
      record("day-start", {at("2024-03-15T00:00:00Z", S::planned, 0)}),
      record("day-end", {at("2024-03-15T23:59:59Z", S::planned, 0)}),
      record("next-day", {at("2024-03-16T00:00:00Z", S::planned, 0)}),
      record("next-year", {at("2025-01-01T08:00:00Z", S::planned, 0)}),
  };
  auto s = snapshot_at(records, kAsOf);
  EXPECT_EQ(ids(s), (std::vector<std::string>{"before", "day-start", "day-end"}));
  EXPECT_EQ(s.by_status.at("planned"), 3);

  EXPECT_TRUE(snapshot_at(records, "2024-03-13").commitments.empty());
  EXPECT_EQ(snapshot_at(records, "2024-03-16").commitments.size(), 4u);
}

TEST(Snapshot, LastChangeByTheDate) {
  const std::vector<CommitmentRecord> records = {record(
      "c",
      {at("2024-03-01T09:00:00Z", S::planned, 0), at("2024-03-10T09:00:00Z", S::in_progress, 20),
       at("2024-03-15T08:00:00Z", S::in_progress, 30),
       at("2024-03-15T23:59:59Z", S::in_progress, 40), at("2024-03-16T00:00:00Z", S::delayed, 40),
       at("2024-04-02T10:00:00Z", S::done, 100)})};
  auto state_on = [&](const std::string& day) {
    auto s = snapshot_at(records, day);
    EXPECT_EQ(s.commitments.size(), 1u) << day;
    return s.commitments.empty() ? CommitmentState{S::abandoned, -1} : s.commitments[0].state;
  };
  EXPECT_EQ(state_on("2024-03-01"), (CommitmentState{S::planned, 0})) << "creation day";
  EXPECT_EQ(state_on("2024-03-09"), (CommitmentState{S::planned, 0})) << "before the first change";
  EXPECT_EQ(state_on("2024-03-10"), (CommitmentState{S::in_progress, 20}));
  EXPECT_EQ(state_on("2024-03-14"), (CommitmentState{S::in_progress, 20}));
  EXPECT_EQ(state_on("2024-03-15"), (CommitmentState{S::in_progress, 40}))
      << "the last change of the day counts";
  EXPECT_EQ(state_on("2024-03-16"), (CommitmentState{S::delayed, 40})) << "the next day's change";
  EXPECT_EQ(state_on("2024-04-01"), (CommitmentState{S::delayed, 40}));
  EXPECT_EQ(state_on("2024-04-02"), (CommitmentState{S::done, 100}));
  EXPECT_EQ(state_on("2030-01-01"), (CommitmentState{S::done, 100}));
}

TEST(Snapshot, CopiesTheCommitmentsDescription) {
  auto s = snapshot_at(city(), kAsOf);
  const auto* c = find(s, "lights");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->motion_id, "motion-lights");
  EXPECT_EQ(c->motion_title, "Motion for lights");
  EXPECT_EQ(c->recommendation_id, "rec-lights");
  EXPECT_EQ(c->recommendation_title, "Recommendation for lights");
  EXPECT_EQ(c->title, "Commitment lights");
  EXPECT_EQ(c->department, "Department of lights");
  EXPECT_EQ(c->elected_official, "Official lights");
}

TEST(Snapshot, TheCityAtTheDate) {
  auto s = snapshot_at(city(), kAsOf);
  EXPECT_EQ(s.as_of, kAsOf);
  ASSERT_EQ(ids(s), (std::vector<std::string>{"lights", "bikes", "park", "school"}));

  const auto& lights = s.commitments[0];
  EXPECT_EQ(lights.state, (CommitmentState{S::in_progress, 50}));
  EXPECT_EQ(lights.milestones, 3);
  EXPECT_EQ(lights.milestones_done, 1);
  EXPECT_EQ(lights.milestones_overdue, 1);

  const auto& bikes = s.commitments[1];
  EXPECT_EQ(bikes.state, (CommitmentState{S::delayed, 10}));
  EXPECT_EQ(bikes.milestones, 1);
  EXPECT_EQ(bikes.milestones_done, 1);
  EXPECT_EQ(bikes.milestones_overdue, 0);

  const auto& park = s.commitments[2];
  EXPECT_EQ(park.state, (CommitmentState{S::planned, 0}));
  EXPECT_EQ(park.milestones, 0);
  EXPECT_EQ(park.milestones_done, 0);
  EXPECT_EQ(park.milestones_overdue, 0);

  const auto& school = s.commitments[3];
  EXPECT_EQ(school.state, (CommitmentState{S::done, 100}));

  EXPECT_EQ(
      s.by_status,
      (std::map<std::string, int>{
          {"planned", 1}, {"in-progress", 1}, {"done", 1}, {"delayed", 1}, {"abandoned", 0}}));
  EXPECT_EQ(s.milestones_overdue, 1);
  EXPECT_DOUBLE_EQ(s.mean_progress, (50 + 10 + 0 + 100) / 4.0);
}

TEST(Snapshot, MilestonesAtTheDate) {
  const std::vector<CommitmentRecord> records = {record(
      "c", {at("2024-01-01T09:00:00Z", S::in_progress, 10)},
      {
          milestone("done-before", "2024-03-10", "2024-03-01", "2024-01-01"),
          milestone("done-on-the-day", "2024-03-10", "2024-03-15", "2024-01-01"),
          milestone("done-next-day", "2024-03-10", "2024-03-16",
                    "2024-01-01"),                                     // overdue at the date
          milestone("due-yesterday", "2024-03-14", "", "2024-01-01"),  // overdue
          milestone("due-on-the-day", "2024-03-15", "", "2024-01-01"),
          milestone("due-tomorrow", "2024-03-16", "", "2024-01-01"),
          milestone("created-on-the-day", "2024-03-01", "", "2024-03-15"),               // overdue
          milestone("created-next-day", "2024-03-01", "", "2024-03-16"),                 // ignored
          milestone("created-next-day-done", "2024-03-01", "2024-03-16", "2024-03-16"),  // ignored
          milestone("no-creation-date", "2024-02-01", "", ""),  // counted, overdue
      })};
  auto s = snapshot_at(records, kAsOf);
  ASSERT_EQ(s.commitments.size(), 1u);
  const auto& c = s.commitments[0];
  EXPECT_EQ(c.milestones, 8);
  EXPECT_EQ(c.milestones_done, 2);
  EXPECT_EQ(c.milestones_overdue, 4);
  EXPECT_EQ(s.milestones_overdue, 4);

  // The day after: done-next-day is done, due-on-the-day overdue, the milestones created then
  // counted.
  auto next = snapshot_at(records, "2024-03-16");
  ASSERT_EQ(next.commitments.size(), 1u);
  EXPECT_EQ(next.commitments[0].milestones, 10);
  EXPECT_EQ(next.commitments[0].milestones_done, 4);
  // due-yesterday, due-on-the-day, created-on-the-day, created-next-day, no-creation-date
  EXPECT_EQ(next.commitments[0].milestones_overdue, 5);
  EXPECT_EQ(next.milestones_overdue, 5);
}

TEST(Snapshot, OverdueMilestonesAddUpAcrossCommitments) {
  const std::vector<CommitmentRecord> records = {
      record("a", {at("2024-01-01T09:00:00Z", S::in_progress, 10)},
             {milestone("a1", "2024-02-01", "", "2024-01-01"),
              milestone("a2", "2024-02-02", "", "2024-01-01")}),
      record("b", {at("2024-01-01T09:00:00Z", S::delayed, 10)},
             {milestone("b1", "2024-03-01", "", "2024-01-01")}),
      record(
          "c",
          {at("2024-04-01T09:00:00Z", S::planned, 0)},  // not yet made: its milestones do not count
          {milestone("c1", "2024-02-01", "", "")}),
  };
  auto s = snapshot_at(records, kAsOf);
  EXPECT_EQ(s.milestones_overdue, 3);
  ASSERT_EQ(s.commitments.size(), 2u);
  EXPECT_EQ(s.commitments[0].milestones_overdue, 2);
  EXPECT_EQ(s.commitments[1].milestones_overdue, 1);
}

TEST(Snapshot, EveryStatusCountedAndMeanProgress) {
  const std::vector<CommitmentRecord> records = {
      record("p", {at("2024-01-01T00:00:00Z", S::planned, 0)}),
      record("i", {at("2024-01-01T00:00:00Z", S::planned, 0),
                   at("2024-02-01T00:00:00Z", S::in_progress, 35)}),
      record("i2", {at("2024-01-01T00:00:00Z", S::in_progress, 60)}),
      record("d",
             {at("2024-01-01T00:00:00Z", S::planned, 0), at("2024-03-01T00:00:00Z", S::done, 100)}),
      record("a", {at("2024-01-01T00:00:00Z", S::planned, 0),
                   at("2024-03-01T00:00:00Z", S::abandoned, 15)}),
      record("future",
             {at("2024-03-20T00:00:00Z", S::in_progress, 90)}),  // after the date: not in the mean
  };
  auto s = snapshot_at(records, kAsOf);
  EXPECT_EQ(
      s.by_status,
      (std::map<std::string, int>{
          {"planned", 1}, {"in-progress", 2}, {"done", 1}, {"delayed", 0}, {"abandoned", 1}}));
  EXPECT_DOUBLE_EQ(s.mean_progress, (0 + 35 + 60 + 100 + 15) / 5.0);  // 42
  EXPECT_DOUBLE_EQ(s.mean_progress, 42.0);

  // A non-integer mean is kept as such.
  auto two = snapshot_at({records[1], records[0], records[0]}, kAsOf);
  EXPECT_DOUBLE_EQ(two.mean_progress, 35.0 / 3.0);
}

TEST(Snapshot, TheSameDateGivesTheSameSnapshotAfterLaterChanges) {
  auto records = city();
  const auto before = to_json(snapshot_at(records, kAsOf));
  later_changes(records);
  const auto after = snapshot_at(records, kAsOf);
  EXPECT_EQ(to_json(after), before);
  // Field by field too, so that a to_json leaving a field out cannot hide a change.
  const auto reference = snapshot_at(city(), kAsOf);
  ASSERT_EQ(ids(after), ids(reference));
  for (size_t i = 0; i < after.commitments.size(); ++i) {
    EXPECT_EQ(after.commitments[i].state, reference.commitments[i].state)
        << after.commitments[i].id;
    EXPECT_EQ(after.commitments[i].milestones, reference.commitments[i].milestones)
        << after.commitments[i].id;
    EXPECT_EQ(after.commitments[i].milestones_done, reference.commitments[i].milestones_done)
        << after.commitments[i].id;
    EXPECT_EQ(after.commitments[i].milestones_overdue, reference.commitments[i].milestones_overdue)
        << after.commitments[i].id;
  }
  EXPECT_EQ(after.by_status, reference.by_status);
  EXPECT_EQ(after.milestones_overdue, reference.milestones_overdue);
  EXPECT_DOUBLE_EQ(after.mean_progress, reference.mean_progress);
}

TEST(Snapshot, TheLaterChangesShowFromTheirDay) {
  // The property above is not vacuous: the next day sees them all.
  auto records = city();
  later_changes(records);
  auto s = snapshot_at(records, "2024-03-16");
  ASSERT_EQ(ids(s), (std::vector<std::string>{"lights", "bikes", "park", "school", "late"}));
  EXPECT_EQ(s.commitments[0].state, (CommitmentState{S::in_progress, 70}));
  EXPECT_EQ(s.commitments[0].milestones, 4);
  EXPECT_EQ(s.commitments[0].milestones_done, 2);     // ms-1, ms-2
  EXPECT_EQ(s.commitments[0].milestones_overdue, 2);  // ms-3 (due the 15th), ms-5
  EXPECT_EQ(s.commitments[1].state, (CommitmentState{S::abandoned, 10}));
  EXPECT_EQ(s.commitments[2].state, (CommitmentState{S::planned, 0}));
  EXPECT_EQ(
      s.by_status,
      (std::map<std::string, int>{
          {"planned", 2}, {"in-progress", 1}, {"done", 1}, {"delayed", 0}, {"abandoned", 1}}));
  EXPECT_EQ(s.milestones_overdue, 2);
  EXPECT_DOUBLE_EQ(s.mean_progress, (70 + 10 + 0 + 100 + 0) / 5.0);
}

TEST(Snapshot, Json) {
  auto j = to_json(snapshot_at(city(), kAsOf));
  EXPECT_EQ(j["as_of"], kAsOf);
  EXPECT_EQ(j["milestones_overdue"], 1);
  EXPECT_DOUBLE_EQ(j["mean_progress"].get<double>(), 40.0);
  EXPECT_EQ(
      j["by_status"],
      (nlohmann::json{
          {"planned", 1}, {"in-progress", 1}, {"done", 1}, {"delayed", 1}, {"abandoned", 0}}));
  ASSERT_EQ(j["commitments"].size(), 4u);
  const auto& lights = j["commitments"][0];
  EXPECT_EQ(lights, (nlohmann::json{{"id", "lights"},
                                    {"motion_id", "motion-lights"},
                                    {"motion_title", "Motion for lights"},
                                    {"recommendation_id", "rec-lights"},
                                    {"recommendation_title", "Recommendation for lights"},
                                    {"title", "Commitment lights"},
                                    {"department", "Department of lights"},
                                    {"elected_official", "Official lights"},
                                    {"status", "in-progress"},
                                    {"progress", 50},
                                    {"milestones", 3},
                                    {"milestones_done", 1},
                                    {"milestones_overdue", 1}}));
  EXPECT_EQ(j["commitments"][1]["status"], "delayed");
  EXPECT_EQ(j["commitments"][3]["status"], "done");
  EXPECT_EQ(j["commitments"][3]["progress"], 100);

  auto empty = to_json(snapshot_at({}, kAsOf));
  EXPECT_TRUE(empty["commitments"].is_array());
  EXPECT_TRUE(empty["commitments"].empty());
  EXPECT_EQ(empty["by_status"].size(), 5u);
}

// ---------------------------------------------------------------- report status strings

TEST(ReportStatusText, RoundTrip) {
  EXPECT_EQ(to_string(ReportStatus::scheduled), "scheduled");
  EXPECT_EQ(to_string(ReportStatus::compiled), "compiled");
  EXPECT_EQ(to_string(ReportStatus::published), "published");
  for (auto s : {ReportStatus::scheduled, ReportStatus::compiled, ReportStatus::published}) {
    auto parsed = parse_report_status(to_string(s));
    ASSERT_TRUE(parsed.has_value()) << to_string(s);
    EXPECT_EQ(*parsed, s);
  }
  for (const char* s : {"", "draft", "Published", "publish", "scheduled "})
    EXPECT_FALSE(parse_report_status(s).has_value()) << "'" << s << "'";
}

// ---------------------------------------------------------------- compile and publish

namespace {
Report scheduled(int sequence = 2, std::string due_on = "2024-03-31") {
  Report r;
  r.sequence = sequence;
  r.due_on = std::move(due_on);
  return r;
}
const std::string kToday = "2024-03-20";
}  // namespace

TEST(ReportLifecycle, ANewReportIsScheduled) {
  Report r;
  EXPECT_EQ(r.status, ReportStatus::scheduled);
  EXPECT_TRUE(r.as_of.empty());
  EXPECT_TRUE(r.snapshot.is_null());
  EXPECT_TRUE(r.published_on.empty());
}

TEST(ReportLifecycle, CompileTakesTheSnapshotAtItsDate) {
  auto r = scheduled();
  compile(r, city(), kAsOf, kToday);
  EXPECT_EQ(r.status, ReportStatus::compiled);
  EXPECT_EQ(r.as_of, kAsOf);
  EXPECT_EQ(r.snapshot, to_json(snapshot_at(city(), kAsOf)));
  EXPECT_EQ(r.snapshot["as_of"], kAsOf);
  EXPECT_EQ(r.snapshot["commitments"].size(), 4u);
  EXPECT_TRUE(r.published_on.empty());
  EXPECT_EQ(r.sequence, 2);
  EXPECT_EQ(r.due_on, "2024-03-31");
}

TEST(ReportLifecycle, CompileAsOfTodayIsAllowed) {
  auto r = scheduled();
  compile(r, city(), kToday, kToday);
  EXPECT_EQ(r.status, ReportStatus::compiled);
  EXPECT_EQ(r.as_of, kToday);
}

TEST(ReportLifecycle, CompileAfterTodayIsRefused) {
  auto r = scheduled();
  EXPECT_THROW(compile(r, city(), "2024-03-21", kToday), ReportError);
  EXPECT_THROW(compile(r, city(), "2025-01-01", kToday), ReportError);
  EXPECT_EQ(r.status, ReportStatus::scheduled);
  EXPECT_TRUE(r.as_of.empty());
  EXPECT_TRUE(r.snapshot.is_null());

  // A compiled report refused a later date keeps its snapshot.
  compile(r, city(), kAsOf, kToday);
  const auto snapshot = r.snapshot;
  EXPECT_THROW(compile(r, city(), "2024-03-21", kToday), ReportError);
  EXPECT_EQ(r.status, ReportStatus::compiled);
  EXPECT_EQ(r.as_of, kAsOf);
  EXPECT_EQ(r.snapshot, snapshot);
}

TEST(ReportLifecycle, ACompiledReportCanBeRecompiled) {
  auto records = city();
  auto r = scheduled();
  compile(r, records, kAsOf, kToday);
  later_changes(records);
  compile(r, records, "2024-03-16", kToday);
  EXPECT_EQ(r.status, ReportStatus::compiled);
  EXPECT_EQ(r.as_of, "2024-03-16");
  EXPECT_EQ(r.snapshot, to_json(snapshot_at(records, "2024-03-16")));
  EXPECT_EQ(r.snapshot["commitments"].size(), 5u);
}

TEST(ReportLifecycle, PublishBeforeCompileIsRefused) {
  auto r = scheduled();
  EXPECT_THROW(publish(r, kToday), ReportError);
  EXPECT_EQ(r.status, ReportStatus::scheduled);
  EXPECT_TRUE(r.published_on.empty());
}

TEST(ReportLifecycle, PublishACompiledReport) {
  auto r = scheduled();
  compile(r, city(), kAsOf, kToday);
  publish(r, kToday);
  EXPECT_EQ(r.status, ReportStatus::published);
  EXPECT_EQ(r.published_on, kToday);
  EXPECT_EQ(r.as_of, kAsOf);
  EXPECT_EQ(r.snapshot, to_json(snapshot_at(city(), kAsOf)));
}

TEST(ReportLifecycle, PublishingTwiceIsRefused) {
  auto r = scheduled();
  compile(r, city(), kAsOf, kToday);
  publish(r, kToday);
  EXPECT_THROW(publish(r, "2024-03-25"), ReportError);
  EXPECT_EQ(r.status, ReportStatus::published);
  EXPECT_EQ(r.published_on, kToday);
}

TEST(ReportLifecycle, LaterChangesDoNotAlterAPublishedReport) {
  auto records = city();
  auto r = scheduled();
  compile(r, records, kAsOf, kToday);
  publish(r, kToday);
  const auto published = r.snapshot;

  later_changes(records);
  ASSERT_NE(to_json(snapshot_at(records, "2024-03-20")), published) << "the records did change";

  // Compiling again, at its date or any other, is refused and leaves the report as published.
  EXPECT_THROW(compile(r, records, kAsOf, kToday), ReportError);
  EXPECT_THROW(compile(r, records, "2024-03-20", "2024-03-20"), ReportError);
  EXPECT_THROW(compile(r, records, "2024-03-01", "2024-04-01"), ReportError);
  EXPECT_EQ(r.status, ReportStatus::published);
  EXPECT_EQ(r.as_of, kAsOf);
  EXPECT_EQ(r.published_on, kToday);
  EXPECT_EQ(r.snapshot, published);
  EXPECT_EQ(r.snapshot["commitments"].size(), 4u);
  EXPECT_EQ(r.snapshot["commitments"][0]["progress"], 50);
  EXPECT_EQ(r.snapshot["commitments"][1]["status"], "delayed");

  // And the same date still gives the same snapshot from the changed records.
  EXPECT_EQ(to_json(snapshot_at(records, kAsOf)), published);
}

TEST(ReportLifecycle, ErrorsAreRuntimeErrorsWithAMessage) {
  auto r = scheduled(7);
  try {
    publish(r, kToday);
    FAIL() << "published without compiling";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find('7'), std::string::npos) << e.what();
  }
}

// ---------------------------------------------------------------- overdue reports

TEST(ReportOverdue, DueBeforeTodayAndNotPublished) {
  auto r = scheduled(1, "2024-06-30");
  EXPECT_FALSE(overdue(r, "2024-06-29")) << "due tomorrow";
  EXPECT_FALSE(overdue(r, "2024-06-30")) << "due today";
  EXPECT_TRUE(overdue(r, "2024-07-01")) << "due yesterday";
  EXPECT_TRUE(overdue(r, "2025-01-01")) << "due last year";

  compile(r, city(), kAsOf, "2024-07-01");
  EXPECT_EQ(r.status, ReportStatus::compiled);
  EXPECT_FALSE(overdue(r, "2024-06-30")) << "compiled, due today";
  EXPECT_TRUE(overdue(r, "2024-07-01")) << "compiled is not published";
}

TEST(ReportOverdue, APublishedReportIsNeverOverdue) {
  auto r = scheduled(1, "2024-06-30");
  compile(r, city(), kAsOf, "2024-07-05");
  publish(r, "2024-07-05");  // published late
  EXPECT_FALSE(overdue(r, "2024-06-29"));
  EXPECT_FALSE(overdue(r, "2024-06-30"));
  EXPECT_FALSE(overdue(r, "2024-07-01"));
  EXPECT_FALSE(overdue(r, "2030-01-01"));
}

// ---------------------------------------------------------------- the schedule

TEST(AddMonths, MonthEndsAreClamped) {
  EXPECT_EQ(add_months("2023-08-31", 6), "2024-02-29");   // leap year
  EXPECT_EQ(add_months("2023-08-31", 18), "2025-02-28");  // not a leap year
  EXPECT_EQ(add_months("2024-01-31", 1), "2024-02-29");
  EXPECT_EQ(add_months("2023-01-31", 1), "2023-02-28");
  EXPECT_EQ(add_months("2024-03-31", 1), "2024-04-30");
  EXPECT_EQ(add_months("2024-05-31", 1), "2024-06-30");
  EXPECT_EQ(add_months("2024-01-30", 1), "2024-02-29");
  EXPECT_EQ(add_months("2023-01-29", 1), "2023-02-28");
  EXPECT_EQ(add_months("2024-03-30", 6), "2024-09-30");
  EXPECT_EQ(add_months("2024-01-31", 2), "2024-03-31");  // clamped only when the month is shorter
}

TEST(AddMonths, CenturyLeapYears) {
  EXPECT_EQ(add_months("2100-01-31", 1), "2100-02-28");  // divisible by 100: not leap
  EXPECT_EQ(add_months("2000-01-31", 1), "2000-02-29");  // divisible by 400: leap
}

TEST(AddMonths, YearWrap) {
  EXPECT_EQ(add_months("2023-11-15", 3), "2024-02-15");
  EXPECT_EQ(add_months("2023-12-15", 1), "2024-01-15");
  EXPECT_EQ(add_months("2023-12-31", 1), "2024-01-31");
  EXPECT_EQ(add_months("2023-10-01", 27), "2026-01-01");
}

TEST(AddMonths, WholeYears) {
  EXPECT_EQ(add_months("2023-03-15", 12), "2024-03-15");
  EXPECT_EQ(add_months("2023-08-31", 12), "2024-08-31");
  EXPECT_EQ(add_months("2024-02-29", 12), "2025-02-28");
  EXPECT_EQ(add_months("2024-02-29", 48), "2028-02-29");
  EXPECT_EQ(add_months("2023-01-01", 24), "2025-01-01");
}

TEST(AddMonths, ZeroMonthsIsTheSameDate) {
  EXPECT_EQ(add_months("2024-02-29", 0), "2024-02-29");
  EXPECT_EQ(add_months("2024-12-31", 0), "2024-12-31");
}

TEST(NextDue, GoesOnWhileNoCommitmentWasMade) {
  auto next = next_due("2024-06-30", 6, 0, 0);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(*next, "2024-12-30");
  EXPECT_EQ(next_due("2023-08-31", 6, 0, 0), std::optional<std::string>("2024-02-29"));
}

TEST(NextDue, GoesOnWhileACommitmentIsOpen) {
  EXPECT_EQ(next_due("2024-06-30", 6, 1, 5), std::optional<std::string>("2024-12-30"));
  EXPECT_EQ(next_due("2024-06-30", 6, 5, 5), std::optional<std::string>("2024-12-30"));
  EXPECT_EQ(next_due("2024-06-30", 12, 1, 1), std::optional<std::string>("2025-06-30"));
  EXPECT_EQ(next_due("2023-11-15", 3, 2, 3), std::optional<std::string>("2024-02-15"));
}

TEST(NextDue, EndsWhenEveryCommitmentIsClosed) {
  EXPECT_EQ(next_due("2024-06-30", 6, 0, 1), std::nullopt);
  EXPECT_EQ(next_due("2024-06-30", 6, 0, 5), std::nullopt);
  EXPECT_EQ(next_due("2024-06-30", 12, 0, 12), std::nullopt);
}
