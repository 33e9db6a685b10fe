// The commitment rules (domain/commitment.h): status strings, every rule of `apply`, with the
// field at fault and the conflict flag of each refusal, and overdue milestones with an injected
// "today".
#include "domain/commitment.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <variant>

using namespace followup::domain;

namespace followup::domain {
// Readable failures (found by argument-dependent lookup; internal to this test file).
[[maybe_unused]] static void PrintTo(const CommitmentStatus& s, std::ostream* os) {
  *os << to_string(s);
}
[[maybe_unused]] static void PrintTo(const CommitmentState& s, std::ostream* os) {
  *os << to_string(s.status) << " at " << s.progress << " %";
}
}  // namespace followup::domain

namespace {

using S = CommitmentStatus;

const S kAll[] = {S::planned, S::in_progress, S::done, S::delayed, S::abandoned};

CommitmentState state(S status, int progress) {
  return CommitmentState{status, progress};
}

CommitmentChange to_status(S status, std::string reason = "") {
  return CommitmentChange{status, std::nullopt, std::move(reason)};
}
CommitmentChange to_progress(int progress, std::string reason = "") {
  return CommitmentChange{std::nullopt, progress, std::move(reason)};
}
CommitmentChange to_both(S status, int progress, std::string reason = "") {
  return CommitmentChange{status, progress, std::move(reason)};
}

std::string describe(const CommitmentChange& c) {
  std::string out = "{";
  if (c.status) out += "status: " + to_string(*c.status) + " ";
  if (c.progress) out += "progress: " + std::to_string(*c.progress) + " ";
  if (!c.reason.empty()) out += "reason: \"" + c.reason + "\"";
  return out + "}";
}

// The state `apply` gives; a test failure (and a default state) when it refuses.
CommitmentState accepted(const CommitmentState& current, const CommitmentChange& change) {
  auto result = apply(current, change);
  if (const auto* e = std::get_if<RuleError>(&result)) {
    ADD_FAILURE() << describe(change) << " on " << to_string(current.status) << " at "
                  << current.progress << " % refused: " << e->field << ": " << e->message;
    return CommitmentState{};
  }
  return std::get<CommitmentState>(result);
}

// The error `apply` gives; a test failure (and an error naming no field) when it accepts.
RuleError refused(const CommitmentState& current, const CommitmentChange& change) {
  auto result = apply(current, change);
  if (const auto* next = std::get_if<CommitmentState>(&result)) {
    ADD_FAILURE() << describe(change) << " on " << to_string(current.status) << " at "
                  << current.progress << " % accepted, giving " << to_string(next->status) << " at "
                  << next->progress << " %";
    return RuleError{"<accepted>", "", false};
  }
  return std::get<RuleError>(result);
}

}  // namespace

// ---------------------------------------------------------------- status strings

TEST(CommitmentStatusText, Strings) {
  EXPECT_EQ(to_string(S::planned), "planned");
  EXPECT_EQ(to_string(S::in_progress), "in-progress");
  EXPECT_EQ(to_string(S::done), "done");
  EXPECT_EQ(to_string(S::delayed), "delayed");
  EXPECT_EQ(to_string(S::abandoned), "abandoned");
}

TEST(CommitmentStatusText, RoundTrip) {
  for (auto s : kAll) {
    auto parsed = parse_status(to_string(s));
    ASSERT_TRUE(parsed.has_value()) << to_string(s);
    EXPECT_EQ(*parsed, s);
  }
}

TEST(CommitmentStatusText, UnknownStringsAreRejected) {
  for (const char* s :
       {"", "in_progress", "In-Progress", "DONE", "finished", " done", "done ", "planned\n"})
    EXPECT_FALSE(parse_status(s).has_value()) << "'" << s << "'";
}

TEST(CommitmentStatusText, OnlyDoneAndAbandonedAreClosed) {
  EXPECT_FALSE(is_closed(S::planned));
  EXPECT_FALSE(is_closed(S::in_progress));
  EXPECT_FALSE(is_closed(S::delayed));
  EXPECT_TRUE(is_closed(S::done));
  EXPECT_TRUE(is_closed(S::abandoned));
}

TEST(CommitmentState, DefaultsToPlannedAtZero) {
  CommitmentState s;
  EXPECT_EQ(s.status, S::planned);
  EXPECT_EQ(s.progress, 0);
}

// ---------------------------------------------------------------- an empty change

TEST(CommitmentApply, EmptyChangeIsRefused) {
  auto e =
      refused(state(S::in_progress, 30), CommitmentChange{std::nullopt, std::nullopt, "because"});
  EXPECT_EQ(e.field, "status");
  EXPECT_FALSE(e.conflict);
  EXPECT_FALSE(e.message.empty());
}

// ---------------------------------------------------------------- progress is 0..100

TEST(CommitmentApply, ProgressBelowZeroIsRefused) {
  auto e = refused(state(S::in_progress, 30), to_progress(-1, "recount"));
  EXPECT_EQ(e.field, "progress");
  EXPECT_FALSE(e.conflict);
  EXPECT_FALSE(e.message.empty());
}

TEST(CommitmentApply, ProgressAboveHundredIsRefused) {
  auto e = refused(state(S::in_progress, 30), to_progress(101));
  EXPECT_EQ(e.field, "progress");
  EXPECT_FALSE(e.conflict);
}

TEST(CommitmentApply, ProgressOutOfRangeIsRefusedWithAStatusToo) {
  auto e = refused(state(S::planned, 0), to_both(S::in_progress, 150));
  EXPECT_EQ(e.field, "progress");
  EXPECT_FALSE(e.conflict);
  e = refused(state(S::in_progress, 40), to_both(S::delayed, -5, "late"));
  EXPECT_EQ(e.field, "progress");
  EXPECT_FALSE(e.conflict);
}

TEST(CommitmentApply, ProgressBoundsAreAccepted) {
  EXPECT_EQ(accepted(state(S::in_progress, 30), to_progress(100)), state(S::in_progress, 100));
  EXPECT_EQ(accepted(state(S::in_progress, 30), to_progress(0, "the contractor left")),
            state(S::in_progress, 0));
  EXPECT_EQ(accepted(state(S::planned, 0), to_progress(1)), state(S::in_progress, 1));
  EXPECT_EQ(accepted(state(S::in_progress, 30), to_progress(99)), state(S::in_progress, 99));
}

// ---------------------------------------------------------------- done and abandoned are final

TEST(CommitmentApply, DoneIsFinal) {
  const auto done = state(S::done, 100);
  const CommitmentChange changes[] = {
      to_status(S::in_progress),
      to_status(S::delayed, "more work"),
      to_status(S::abandoned, "dropped"),
      to_status(S::planned),
      to_progress(50, "reopened"),
      to_both(S::in_progress, 80, "reopened"),
      to_status(S::done),
      to_both(S::done, 100),
      to_progress(100),
  };
  for (const auto& c : changes) {
    auto e = refused(done, c);
    EXPECT_EQ(e.field, "status") << describe(c);
    EXPECT_TRUE(e.conflict) << describe(c);
    EXPECT_NE(e.message.find("done"), std::string::npos) << e.message;
  }
}

TEST(CommitmentApply, AbandonedIsFinal) {
  const auto abandoned = state(S::abandoned, 40);
  const CommitmentChange changes[] = {
      to_status(S::in_progress, "revived"),
      to_status(S::done),
      to_status(S::delayed, "later"),
      to_status(S::planned),
      to_progress(60),
      to_progress(20, "less"),
      to_status(S::abandoned, "still"),
      to_progress(40),
  };
  for (const auto& c : changes) {
    auto e = refused(abandoned, c);
    EXPECT_EQ(e.field, "status") << describe(c);
    EXPECT_TRUE(e.conflict) << describe(c);
    EXPECT_NE(e.message.find("abandoned"), std::string::npos) << e.message;
  }
}

// ---------------------------------------------------------------- nothing returns to planned

TEST(CommitmentApply, NothingReturnsToPlanned) {
  for (auto from : {state(S::in_progress, 0), state(S::in_progress, 30), state(S::delayed, 0),
                    state(S::delayed, 20)}) {
    auto e = refused(from, to_status(S::planned, "restart"));
    EXPECT_EQ(e.field, "status") << to_string(from.status);
    EXPECT_TRUE(e.conflict) << to_string(from.status);
    e = refused(from, to_both(S::planned, 0, "restart"));
    EXPECT_EQ(e.field, "status") << to_string(from.status);
    EXPECT_TRUE(e.conflict) << to_string(from.status);
  }
}

TEST(CommitmentApply, PlannedWithProgressIsRefused) {
  // Asking for "planned at 20 %" is inconsistent in itself: the request is at fault (422).
  auto e = refused(state(S::planned, 0), to_both(S::planned, 20));
  EXPECT_EQ(e.field, "progress");
  EXPECT_FALSE(e.conflict);
}

// ---------------------------------------------------------------- done means 100 %

TEST(CommitmentApply, DoneWithoutProgressIsSetTo100) {
  EXPECT_EQ(accepted(state(S::planned, 0), to_status(S::done)), state(S::done, 100));
  EXPECT_EQ(accepted(state(S::in_progress, 40), to_status(S::done)), state(S::done, 100));
  EXPECT_EQ(accepted(state(S::delayed, 75), to_status(S::done)), state(S::done, 100));
  EXPECT_EQ(accepted(state(S::in_progress, 100), to_status(S::done)), state(S::done, 100));
}

TEST(CommitmentApply, DoneAt100IsAccepted) {
  EXPECT_EQ(accepted(state(S::in_progress, 40), to_both(S::done, 100)), state(S::done, 100));
  EXPECT_EQ(accepted(state(S::planned, 0), to_both(S::done, 100)), state(S::done, 100));
}

TEST(CommitmentApply, DoneAtAnyOtherFigureIsRefused) {
  for (int p : {0, 1, 40, 99}) {
    auto e = refused(state(S::in_progress, 40), to_both(S::done, p, "finished"));
    EXPECT_EQ(e.field, "progress") << p;
    EXPECT_FALSE(e.conflict) << p;
  }
}

TEST(CommitmentApply, ReachingHundredPercentDoesNotCloseTheCommitment) {
  // Done is a status the department sets; 100 % alone leaves the commitment open.
  EXPECT_EQ(accepted(state(S::in_progress, 90), to_progress(100)), state(S::in_progress, 100));
  EXPECT_EQ(accepted(state(S::delayed, 90), to_progress(100)), state(S::delayed, 100));
}

// ---------------------------------------------------------------- reasons

TEST(CommitmentApply, AbandonedNeedsAReason) {
  auto e = refused(state(S::in_progress, 40), to_status(S::abandoned));
  EXPECT_EQ(e.field, "reason");
  EXPECT_FALSE(e.conflict);
  EXPECT_NE(e.message.find("abandoned"), std::string::npos) << e.message;
  EXPECT_EQ(accepted(state(S::in_progress, 40), to_status(S::abandoned, "budget cut")),
            state(S::abandoned, 40));
  // From planned too, keeping its 0 %.
  EXPECT_EQ(refused(state(S::planned, 0), to_status(S::abandoned)).field, "reason");
  EXPECT_EQ(accepted(state(S::planned, 0), to_status(S::abandoned, "out of scope")),
            state(S::abandoned, 0));
}

TEST(CommitmentApply, DelayedNeedsAReason) {
  auto e = refused(state(S::in_progress, 40), to_status(S::delayed));
  EXPECT_EQ(e.field, "reason");
  EXPECT_FALSE(e.conflict);
  EXPECT_NE(e.message.find("delayed"), std::string::npos) << e.message;
  EXPECT_EQ(accepted(state(S::in_progress, 40), to_status(S::delayed, "supplier late")),
            state(S::delayed, 40));
  EXPECT_EQ(refused(state(S::planned, 0), to_status(S::delayed)).field, "reason");
  EXPECT_EQ(accepted(state(S::planned, 0), to_status(S::delayed, "no tender yet")),
            state(S::delayed, 0));
  // Moving on while delayed makes progress.
  EXPECT_EQ(accepted(state(S::planned, 0), to_both(S::delayed, 10, "slow start")),
            state(S::delayed, 10));
}

TEST(CommitmentApply, ProgressGoingDownNeedsAReason) {
  auto e = refused(state(S::in_progress, 60), to_progress(50));
  EXPECT_EQ(e.field, "reason");
  EXPECT_FALSE(e.conflict);
  EXPECT_NE(e.message.find("down"), std::string::npos) << e.message;
  EXPECT_EQ(accepted(state(S::in_progress, 60), to_progress(50, "works redone")),
            state(S::in_progress, 50));
  // Also with a status that needs none itself, and on a delayed commitment.
  EXPECT_EQ(refused(state(S::delayed, 60), to_both(S::in_progress, 59)).field, "reason");
  EXPECT_EQ(accepted(state(S::delayed, 60), to_both(S::in_progress, 59, "recount")),
            state(S::in_progress, 59));
  EXPECT_EQ(refused(state(S::delayed, 60), to_progress(10)).field, "reason");
}

TEST(CommitmentApply, NoReasonNeededOtherwise) {
  EXPECT_EQ(accepted(state(S::in_progress, 40), to_progress(41)), state(S::in_progress, 41));
  EXPECT_EQ(accepted(state(S::planned, 0), to_status(S::in_progress)), state(S::in_progress, 0));
  EXPECT_EQ(accepted(state(S::delayed, 40), to_status(S::in_progress)), state(S::in_progress, 40));
  EXPECT_EQ(accepted(state(S::in_progress, 40), to_status(S::done)), state(S::done, 100));
  // Already delayed: progress on a delayed commitment is not a new delay.
  EXPECT_EQ(accepted(state(S::delayed, 40), to_both(S::delayed, 50)), state(S::delayed, 50));
  EXPECT_EQ(accepted(state(S::delayed, 40), to_progress(50)), state(S::delayed, 50));
}

// ---------------------------------------------------------------- planned + progress → in progress

TEST(CommitmentApply, ProgressOnAPlannedCommitmentPutsItInProgress) {
  EXPECT_EQ(accepted(state(S::planned, 0), to_progress(10)), state(S::in_progress, 10));
  EXPECT_EQ(accepted(state(S::planned, 0), to_progress(100)), state(S::in_progress, 100));
}

TEST(CommitmentApply, AnExplicitStatusWinsOverTheImplicitInProgress) {
  EXPECT_EQ(accepted(state(S::planned, 0), to_both(S::in_progress, 25)), state(S::in_progress, 25));
  EXPECT_EQ(accepted(state(S::planned, 0), to_both(S::delayed, 25, "waiting for the vote")),
            state(S::delayed, 25));
  EXPECT_EQ(accepted(state(S::planned, 0), to_both(S::abandoned, 25, "stopped")),
            state(S::abandoned, 25));
}

TEST(CommitmentApply, OnlyAPlannedCommitmentIsPutInProgress) {
  // A delayed commitment making progress stays delayed until the department says otherwise.
  EXPECT_EQ(accepted(state(S::delayed, 20), to_progress(30)), state(S::delayed, 30));
}

// ---------------------------------------------------------------- a change that changes nothing

TEST(CommitmentApply, ANoOpIsRefusedAsAConflict) {
  struct Case {
    CommitmentState current;
    CommitmentChange change;
    std::string field;
  };
  const Case cases[] = {
      {state(S::planned, 0), to_status(S::planned), "status"},
      {state(S::planned, 0), to_both(S::planned, 0), "status"},
      {state(S::planned, 0), to_progress(0), "progress"},
      {state(S::in_progress, 30), to_progress(30), "progress"},
      {state(S::in_progress, 30), to_status(S::in_progress), "status"},
      {state(S::in_progress, 30), to_both(S::in_progress, 30, "same"), "status"},
      {state(S::delayed, 30), to_status(S::delayed, "still late"), "status"},
      {state(S::delayed, 30), to_progress(30, "no news"), "progress"},
  };
  for (const auto& c : cases) {
    auto e = refused(c.current, c.change);
    EXPECT_EQ(e.field, c.field) << describe(c.change) << " on " << to_string(c.current.status);
    EXPECT_TRUE(e.conflict) << describe(c.change) << " on " << to_string(c.current.status);
    EXPECT_NE(e.message.find("nothing changes"), std::string::npos) << e.message;
  }
}

// ---------------------------------------------------------------- the conflict flag

TEST(CommitmentApply, ConflictExactlyWhenTheCommitmentsStateIsTheObstacle) {
  struct Case {
    const char* what;
    CommitmentState current;
    CommitmentChange change;
    std::string field;
    bool conflict;
  };
  const Case cases[] = {
      // The request is at fault whatever the commitment: 422.
      {"empty change", state(S::in_progress, 30), CommitmentChange{}, "status", false},
      {"progress out of range", state(S::in_progress, 30), to_progress(101), "progress", false},
      {"done below 100", state(S::in_progress, 30), to_both(S::done, 80), "progress", false},
      {"planned above 0", state(S::planned, 0), to_both(S::planned, 5), "progress", false},
      {"abandoned without reason", state(S::in_progress, 30), to_status(S::abandoned), "reason",
       false},
      {"delayed without reason", state(S::in_progress, 30), to_status(S::delayed), "reason", false},
      {"down without reason", state(S::in_progress, 30), to_progress(20), "reason", false},
      // The same request would pass on another commitment: 409.
      {"done is final", state(S::done, 100), to_progress(50, "reopened"), "status", true},
      {"abandoned is final", state(S::abandoned, 10), to_status(S::in_progress), "status", true},
      {"back to planned", state(S::in_progress, 30), to_status(S::planned), "status", true},
      {"nothing changes", state(S::in_progress, 30), to_progress(30), "progress", true},
  };
  for (const auto& c : cases) {
    auto e = refused(c.current, c.change);
    EXPECT_EQ(e.field, c.field) << c.what;
    EXPECT_EQ(e.conflict, c.conflict) << c.what;
    EXPECT_FALSE(e.message.empty()) << c.what;
  }
}

TEST(CommitmentApply, AcceptedChangesAcrossStatuses) {
  // The open statuses move freely among themselves (but for planned), given a reason where due.
  EXPECT_EQ(accepted(state(S::in_progress, 50), to_status(S::delayed, "strike")),
            state(S::delayed, 50));
  EXPECT_EQ(accepted(state(S::delayed, 50), to_both(S::in_progress, 70)),
            state(S::in_progress, 70));
  EXPECT_EQ(accepted(state(S::delayed, 50), to_status(S::abandoned, "too costly")),
            state(S::abandoned, 50));
  EXPECT_EQ(accepted(state(S::delayed, 50), to_status(S::done)), state(S::done, 100));
}

// ---------------------------------------------------------------- overdue milestones

namespace {
Milestone milestone(std::string due_on, std::string done_on = "") {
  return Milestone{"m1", "Call for tenders", std::move(due_on), std::move(done_on), "2024-01-02"};
}
const std::string kToday = "2024-03-10";
}  // namespace

TEST(MilestoneOverdue, NotDone) {
  EXPECT_TRUE(overdue(milestone("2024-03-09"), kToday)) << "due yesterday";
  EXPECT_FALSE(overdue(milestone("2024-03-10"), kToday)) << "due today";
  EXPECT_FALSE(overdue(milestone("2024-03-11"), kToday)) << "due tomorrow";
  EXPECT_TRUE(overdue(milestone("2023-12-31"), kToday)) << "due last year";
  EXPECT_FALSE(overdue(milestone("2025-01-01"), kToday)) << "due next year";
}

TEST(MilestoneOverdue, AcrossMonthAndYearEnds) {
  EXPECT_TRUE(overdue(milestone("2023-12-31"), "2024-01-01"));
  EXPECT_FALSE(overdue(milestone("2024-01-01"), "2023-12-31"));
  EXPECT_TRUE(overdue(milestone("2024-02-29"), "2024-03-01"));
  EXPECT_FALSE(overdue(milestone("2024-03-01"), "2024-02-29"));
}

TEST(MilestoneOverdue, DoneByTodayIsNeverOverdue) {
  EXPECT_FALSE(overdue(milestone("2024-03-09", "2024-03-01"), kToday))
      << "done before its due date";
  EXPECT_FALSE(overdue(milestone("2024-03-09", "2024-03-09"), kToday)) << "done on its due date";
  EXPECT_FALSE(overdue(milestone("2024-03-01", "2024-03-05"), kToday))
      << "done late, but before today";
  EXPECT_FALSE(overdue(milestone("2024-03-01", "2024-03-10"), kToday)) << "done late, today";
  EXPECT_FALSE(overdue(milestone("2024-03-20", "2024-03-05"), kToday)) << "done early, due later";
}

TEST(MilestoneOverdue, DoneAfterTodayWasNotDoneByToday) {
  // Seen from an earlier day (a report's date), a milestone done later was still pending then.
  EXPECT_TRUE(overdue(milestone("2024-03-09", "2024-03-11"), kToday))
      << "due yesterday, done tomorrow";
  EXPECT_TRUE(overdue(milestone("2024-02-01", "2024-04-01"), kToday))
      << "due last month, done next month";
  EXPECT_FALSE(overdue(milestone("2024-03-10", "2024-03-11"), kToday))
      << "due today, done tomorrow";
  EXPECT_FALSE(overdue(milestone("2024-03-12", "2024-03-11"), kToday))
      << "due later, done tomorrow";
}
