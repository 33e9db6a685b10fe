#include "domain/sessions.h"

#include <gtest/gtest.h>

using namespace workshops::domain;

TEST(Sessions, OnlyAScheduledSessionChanges) {
  for (auto c : {SessionChange::reschedule, SessionChange::cancel, SessionChange::hold})
    EXPECT_FALSE(refuse_change("scheduled", c).has_value());
  EXPECT_EQ(*refuse_change("cancelled", SessionChange::reschedule),
            "the session is cancelled; only a scheduled session can be rescheduled");
  EXPECT_TRUE(refuse_change("held", SessionChange::cancel).has_value());
  EXPECT_TRUE(refuse_change("held", SessionChange::hold).has_value());
}

TEST(Rosters, AMemberIsOnTheRosterBetweenJoiningAndLeavingInclusive) {
  std::vector<RosterPeriod> periods = {{"2022-01-10", "2022-02-01"}, {"2022-03-01", ""}};
  EXPECT_FALSE(on_roster(periods, "2022-01-09"));
  EXPECT_TRUE(on_roster(periods, "2022-01-10"));
  EXPECT_TRUE(on_roster(periods, "2022-02-01"));
  EXPECT_FALSE(on_roster(periods, "2022-02-15")) << "between two periods (moved away, then back)";
  EXPECT_TRUE(on_roster(periods, "2023-06-01")) << "still on it";
  EXPECT_FALSE(on_roster({}, "2022-01-10"));
}

TEST(Attendance, NoneForACancelledSessionNorForSomeoneOffTheRosterThatDay) {
  std::vector<RosterPeriod> periods = {{"2022-01-10", "2022-02-01"}};
  EXPECT_FALSE(refuse_attendance("scheduled", "present", periods, "2022-01-17").has_value());
  EXPECT_FALSE(refuse_attendance("held", "excused", periods, "2022-01-17").has_value());
  EXPECT_EQ(*refuse_attendance("cancelled", "present", periods, "2022-01-17"),
            "the session was cancelled: it takes no attendance");
  EXPECT_EQ(*refuse_attendance("held", "present", periods, "2022-02-02"),
            "the member was not on the roster on 2022-02-02");
  EXPECT_TRUE(refuse_attendance("held", "late", periods, "2022-01-17").has_value());
}

TEST(Attendance, ACorrectionNeedsItsReasonAFirstRecordNone) {
  EXPECT_FALSE(correction_lacks_reason(std::nullopt, "present", "")) << "a first record";
  EXPECT_FALSE(correction_lacks_reason(std::string("present"), "present", "")) << "unchanged";
  EXPECT_TRUE(correction_lacks_reason(std::string("present"), "absent", ""));
  EXPECT_TRUE(correction_lacks_reason(std::string("present"), "absent", " \t\n"))
      << "blank is none";
  EXPECT_FALSE(correction_lacks_reason(std::string("absent"), "excused", "Prévenu la veille"));
}

TEST(Sessions, TypesAndCheckInCodes) {
  EXPECT_TRUE(is_session_type("hearing"));
  EXPECT_TRUE(is_session_type("co-construction"));
  EXPECT_FALSE(is_session_type("party"));
  unsigned char bytes[6] = {0, 1, 2, 30, 31, 255};
  auto code = checkin_code(bytes);
  EXPECT_EQ(code.size(), 6u);
  EXPECT_EQ(code, "ABC9AH");  // 0, 1, 2, 30, 31 % 31 = 0, 255 % 31 = 7 in a 31-sign alphabet
  for (char c : code) EXPECT_EQ(std::string("01OIL").find(c), std::string::npos);
}

TEST(Sessions, TypesAndStatesRoundTripByName) {
  for (const auto& name : session_types()) {
    auto t = parse_session_type(name);
    ASSERT_TRUE(t.has_value()) << name;
    EXPECT_EQ(to_string(*t), name);
  }
  EXPECT_FALSE(parse_session_type("meeting").has_value());
  for (auto s : {SessionState::scheduled, SessionState::held, SessionState::cancelled})
    EXPECT_EQ(parse_session_state(to_string(s)), s);
  EXPECT_FALSE(parse_session_state("open").has_value());
  EXPECT_EQ(refuse_change(SessionState::cancelled, SessionChange::reschedule),
            refuse_change("cancelled", SessionChange::reschedule));
}
