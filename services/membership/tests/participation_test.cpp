#include "domain/participation.h"

#include <gtest/gtest.h>

using namespace membership::domain;

TEST(Participation, RatesOverallAndPerSessionType) {
  auto p = participation({{"m1", "hearing", "present", "2022-01-10T18:00:00Z"},
                          {"m1", "hearing", "absent", "2022-01-17T18:00:00Z"},
                          {"m1", "site-visit", "excused", "2022-01-24T09:00:00Z"},
                          {"m1", "working-session", "present", "2022-02-01T18:00:00Z"},
                          {"m2", "hearing", "present", "2022-01-10T18:00:00Z"}});
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p["m1"].overall.sessions(), 4);
  EXPECT_DOUBLE_EQ(p["m1"].overall.rate(), 0.5);
  EXPECT_DOUBLE_EQ(p["m1"].by_type["hearing"].rate(), 0.5);
  EXPECT_EQ(p["m1"].by_type["site-visit"].excused, 1);
  EXPECT_DOUBLE_EQ(p["m1"].by_type["site-visit"].rate(), 0.0);
  EXPECT_DOUBLE_EQ(p["m2"].overall.rate(), 1.0);
  EXPECT_EQ(Counts{}.rate(), 0.0);
}

TEST(Participation, AtRiskCountsUnexcusedAbsencesInARowFromTheLatestSessionWhateverTheOrderGiven) {
  // Given out of order: sorted by time, m1 is present, then absent three times.
  auto p = participation({{"m1", "hearing", "absent", "2022-03-03T18:00:00Z"},
                          {"m1", "hearing", "present", "2022-03-01T18:00:00Z"},
                          {"m1", "hearing", "absent", "2022-03-04T18:00:00Z"},
                          {"m1", "hearing", "absent", "2022-03-02T18:00:00Z"},
                          // m2: three absences, but the latest session was excused.
                          {"m2", "hearing", "absent", "2022-03-01T18:00:00Z"},
                          {"m2", "hearing", "absent", "2022-03-02T18:00:00Z"},
                          {"m2", "hearing", "absent", "2022-03-03T18:00:00Z"},
                          {"m2", "hearing", "excused", "2022-03-04T18:00:00Z"}});
  EXPECT_EQ(p["m1"].trailing_absences, 3);
  EXPECT_TRUE(at_risk(p["m1"], 3));
  EXPECT_FALSE(at_risk(p["m1"], 4));
  EXPECT_EQ(p["m2"].trailing_absences, 0);
  EXPECT_FALSE(at_risk(p["m2"], 1));
}

TEST(Participation, BySessionCountsEachSessionInTheOrderHeld) {
  auto s = by_session({{"m1", "hearing", "absent", "2022-03-02T18:00:00Z", "s2"},
                       {"m1", "plenary", "present", "2022-03-01T18:00:00Z", "s1"},
                       {"m2", "plenary", "excused", "2022-03-01T18:00:00Z", "s1"},
                       {"m3", "plenary", "present", "2022-03-01T18:00:00Z", "s1"},
                       {"m2", "hearing", "present", "2022-03-02T18:00:00Z", "s2"}});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].session_id, "s1");
  EXPECT_EQ(s[0].session_type, "plenary");
  EXPECT_EQ(s[0].held_at, "2022-03-01T18:00:00Z");
  EXPECT_EQ(s[0].counts.present, 2);
  EXPECT_EQ(s[0].counts.excused, 1);
  EXPECT_EQ(s[0].counts.absent, 0);
  EXPECT_EQ(s[1].session_id, "s2");
  EXPECT_DOUBLE_EQ(s[1].counts.rate(), 0.5);
  EXPECT_TRUE(by_session({}).empty());
}

TEST(Participation, ByWorkshopSumsTheMembersWithAttendanceUnderTheirWorkshop) {
  auto p = participation({{"m1", "hearing", "present", "2022-03-01T18:00:00Z", "s1"},
                          {"m2", "hearing", "absent", "2022-03-01T18:00:00Z", "s1"},
                          {"m3", "hearing", "excused", "2022-03-01T18:00:00Z", "s1"},
                          {"m1", "hearing", "present", "2022-03-02T18:00:00Z", "s2"}});
  auto w = by_workshop(p, {{"m1", "climate"}, {"m2", "climate"}, {"m3", ""}, {"m4", "housing"}});
  ASSERT_EQ(w.size(), 2u);  // m4 has no attendance: no "housing" line
  EXPECT_EQ(w["climate"].present, 2);
  EXPECT_EQ(w["climate"].absent, 1);
  EXPECT_DOUBLE_EQ(w["climate"].rate(), 2.0 / 3);
  EXPECT_EQ(w[""].excused, 1);
}
