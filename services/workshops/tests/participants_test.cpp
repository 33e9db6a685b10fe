#include "domain/participants.h"

#include <gtest/gtest.h>

#include "assembly/core/refusal.h"

using namespace workshops::domain;
using assembly::core::Refusal;
using assembly::core::Refused;

namespace {
// The refusal's kind and detail; nullopt when accepted.
std::optional<std::pair<Refusal::Kind, std::string>> refused(
    SessionType type, SessionState state, const ParticipantKey& p,
    const std::vector<ParticipantKey>& present = {}) {
  try {
    check_participant(type, state, p, present);
  } catch (const Refused& r) {
    return std::pair{r.kind(), r.refusal().detail};
  }
  return std::nullopt;
}
const ParticipantKey kDurand{ParticipantKind::department, "Mme Durand",
                             "Direction de la voirie et des déplacements"};
}  // namespace

TEST(Participants, KindsRoundTripByName) {
  for (auto k : {ParticipantKind::department, ParticipantKind::elected_representative})
    EXPECT_EQ(parse_participant_kind(to_string(k)), k);
  EXPECT_EQ(to_string(ParticipantKind::elected_representative), "elected-representative");
  EXPECT_FALSE(parse_participant_kind("member").has_value());
  EXPECT_FALSE(parse_participant_kind("").has_value());
}

TEST(Participants, OnlyCoConstructionSessionsAndPlenariesTakeThem) {
  EXPECT_FALSE(refused(SessionType::co_construction, SessionState::scheduled, kDurand));
  EXPECT_FALSE(refused(SessionType::plenary, SessionState::held, kDurand));
  for (auto t : {SessionType::working_session, SessionType::hearing, SessionType::site_visit,
                 SessionType::training}) {
    auto r = refused(t, SessionState::scheduled, kDurand);
    ASSERT_TRUE(r) << to_string(t);
    EXPECT_EQ(r->first, Refusal::Kind::conflict);
  }
  EXPECT_EQ(refused(SessionType::working_session, SessionState::scheduled, kDurand)->second,
            "participants beside the members join co-construction sessions and plenaries only, "
            "not a working-session");
  auto cancelled = refused(SessionType::co_construction, SessionState::cancelled, kDurand);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->second, "the session was cancelled: it takes no participants");
}

TEST(Participants, NoOneTwiceOnASession) {
  std::vector<ParticipantKey> present = {kDurand};
  auto twice = refused(
      SessionType::co_construction, SessionState::scheduled,
      {ParticipantKind::department, "  mme DURAND ", "direction de la voirie et des déplacements"},
      present);
  ASSERT_TRUE(twice) << "letter case and spaces aside";
  EXPECT_EQ(twice->first, Refusal::Kind::conflict);
  EXPECT_FALSE(refused(SessionType::co_construction, SessionState::scheduled,
                       {ParticipantKind::elected_representative, "Mme Durand",
                        "Direction de la voirie et des déplacements"},
                       present))
      << "another kind";
  EXPECT_FALSE(refused(SessionType::co_construction, SessionState::scheduled,
                       {ParticipantKind::department, "Mme Durand", "Direction des espaces verts"},
                       present))
      << "another organisation";
}

TEST(Participants, AttendanceLikeTheMembers) {
  EXPECT_FALSE(refuse_participant_attendance(SessionState::held, "present"));
  EXPECT_FALSE(refuse_participant_attendance(SessionState::scheduled, "excused"));
  EXPECT_EQ(*refuse_participant_attendance(SessionState::cancelled, "present"),
            "the session was cancelled: it takes no attendance");
  EXPECT_TRUE(refuse_participant_attendance(SessionState::held, "late"));
  auto c = count_statuses({"present", "present", "excused", "absent", "present"});
  EXPECT_EQ(c.present, 3);
  EXPECT_EQ(c.excused, 1);
  EXPECT_EQ(c.absent, 1);
}
