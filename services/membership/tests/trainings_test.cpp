#include "domain/trainings.h"

#include <gtest/gtest.h>

#include <functional>

#include "assembly/core/refusal.h"

using namespace membership::domain;
using assembly::core::Refusal;
using assembly::core::Refused;

namespace {

const std::string kBefore = "2022-02-12T08:00:00Z";
const std::string kStart = "2022-02-12T09:30:00Z";

TrainingTerms places(int capacity) {
  return {capacity, kStart};
}

Volunteer active(const std::string& id) {
  return {id, true, Status::active};
}

Refusal::Kind refusal_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Refused& r) {
    return r.kind();
  }
  ADD_FAILURE() << "not refused";
  return Refusal::Kind::invalid;
}

// Signs each member up in turn, as the store would keep them.
std::vector<SignUp> signed_up(const TrainingTerms& t, const std::vector<std::string>& ids) {
  std::vector<SignUp> current;
  for (const auto& id : ids) {
    auto o = sign_up(t, current, active(id), kBefore);
    current.push_back({id, o.state, static_cast<long long>(current.size()) + 1});
  }
  return current;
}

}  // namespace

TEST(Trainings, PlacesUpToTheCapacityThenTheWaitingListInOrder) {
  auto t = places(2);
  auto current = signed_up(t, {"a", "b", "c", "d"});
  auto r = roster_of(current);
  ASSERT_EQ(r.placed.size(), 2u);
  EXPECT_EQ(r.placed[0].member_id, "a");
  EXPECT_EQ(r.placed[1].member_id, "b");
  ASSERT_EQ(r.waiting.size(), 2u);
  EXPECT_EQ(waiting_position(r, "c"), 1);
  EXPECT_EQ(waiting_position(r, "d"), 2);
  EXPECT_EQ(waiting_position(r, "a"), 0);
  EXPECT_EQ(places_left(t, r), 0);
  auto e = sign_up(t, current, active("e"), kBefore);
  EXPECT_EQ(e.state, SignUpState::waiting);
  EXPECT_EQ(e.waiting_position, 3);
}

TEST(Trainings, WithoutACapacityEveryoneHasAPlace) {
  TrainingTerms t{std::nullopt, kStart};
  auto r = roster_of(signed_up(t, {"a", "b", "c", "d", "e"}));
  EXPECT_EQ(r.placed.size(), 5u);
  EXPECT_TRUE(r.waiting.empty());
  EXPECT_FALSE(places_left(t, r).has_value());
}

TEST(Trainings, TheWaitingListFollowsSignUpOrderNotTheListOrder) {
  std::vector<SignUp> current = {{"late", SignUpState::waiting, 9},
                                 {"first", SignUpState::waiting, 3},
                                 {"placed", SignUpState::placed, 1}};
  auto r = roster_of(current);
  EXPECT_EQ(waiting_position(r, "first"), 1);
  EXPECT_EQ(waiting_position(r, "late"), 2);
}

TEST(Trainings, AWithdrawalGivesThePlaceToTheFirstWaiting) {
  auto t = places(2);
  auto current = signed_up(t, {"a", "b", "c", "d"});
  auto w = withdraw(t, current, "a", false, kBefore);
  EXPECT_EQ(w.was, SignUpState::placed);
  ASSERT_TRUE(w.promoted.has_value());
  EXPECT_EQ(*w.promoted, "c");
  // A waiting member who withdraws frees no place: nobody is promoted.
  auto w2 = withdraw(t, current, "d", false, kBefore);
  EXPECT_EQ(w2.was, SignUpState::waiting);
  EXPECT_FALSE(w2.promoted.has_value());
  // Nobody waiting: the place stays free.
  auto few = signed_up(t, {"a"});
  EXPECT_FALSE(withdraw(t, few, "a", false, kBefore).promoted.has_value());
}

TEST(Trainings, SigningUpTwiceChangesNothing) {
  auto t = places(1);
  auto current = signed_up(t, {"a", "b"});
  auto again = sign_up(t, current, active("a"), kBefore);
  EXPECT_FALSE(again.is_new);
  EXPECT_EQ(again.state, SignUpState::placed);
  auto waiting = sign_up(t, current, active("b"), kBefore);
  EXPECT_FALSE(waiting.is_new);
  EXPECT_EQ(waiting.state, SignUpState::waiting);
  EXPECT_EQ(waiting.waiting_position, 1);
  // Even once the training started, the answer is the same (a retried request).
  EXPECT_FALSE(sign_up(t, current, active("a"), kStart).is_new);
}

TEST(Trainings, NoSignUpOrWithdrawalOnceTheTrainingStarted) {
  auto t = places(5);
  auto current = signed_up(t, {"a"});
  EXPECT_EQ(refusal_of([&] { sign_up(t, current, active("b"), kStart); }), Refusal::Kind::conflict);
  EXPECT_EQ(refusal_of([&] { sign_up(t, current, active("b"), "2022-02-12T10:00:00Z"); }),
            Refusal::Kind::conflict);
  EXPECT_EQ(refusal_of([&] { withdraw(t, current, "a", false, kStart); }), Refusal::Kind::conflict);
  // A training known by its day only closes at the start of that day.
  EXPECT_EQ(training_start("2022-02-12", ""), "2022-02-12T00:00:00Z");
  EXPECT_EQ(training_start("2022-02-12", kStart), kStart);
  TrainingTerms by_day{std::nullopt, training_start("2022-02-12", "")};
  EXPECT_EQ(refusal_of([&] { sign_up(by_day, {}, active("b"), "2022-02-12T00:00:00Z"); }),
            Refusal::Kind::conflict);
  EXPECT_TRUE(sign_up(by_day, {}, active("b"), "2022-02-11T23:59:59Z").is_new);
}

TEST(Trainings, OnlyTheAssemblysActiveMembersSignUp) {
  auto t = places(5);
  EXPECT_EQ(refusal_of([&] {
              sign_up(t, {}, {"x", false, Status::active}, kBefore);
            }),
            Refusal::Kind::forbidden);
  EXPECT_EQ(refusal_of([&] {
              sign_up(t, {}, {"x", true, Status::confirmed}, kBefore);
            }),
            Refusal::Kind::conflict);
  EXPECT_EQ(refusal_of([&] {
              sign_up(t, {}, {"x", true, Status::withdrawn}, kBefore);
            }),
            Refusal::Kind::conflict);
}

TEST(Trainings, WithdrawingNeedsASignUpAndNoAttendanceYet) {
  auto t = places(5);
  auto current = signed_up(t, {"a"});
  EXPECT_EQ(refusal_of([&] { withdraw(t, current, "b", false, kBefore); }),
            Refusal::Kind::not_found);
  EXPECT_EQ(refusal_of([&] { withdraw(t, current, "a", true, kBefore); }), Refusal::Kind::conflict);
}

TEST(Trainings, AttendanceOnlyForPlaceHolders) {
  auto t = places(1);
  auto current = signed_up(t, {"a", "b"});
  EXPECT_EQ(check_attendance(current, "a", "present", "/records/0"), TrainingAttendance::present);
  EXPECT_EQ(check_attendance(current, "a", "excused", "/records/0"), TrainingAttendance::excused);
  try {
    check_attendance(current, "b", "present", "/records/1");  // waiting
    ADD_FAILURE() << "a waiting member has no attendance";
  } catch (const Refused& r) {
    EXPECT_EQ(r.kind(), Refusal::Kind::invalid);
    EXPECT_EQ(r.refusal().field, "/records/1");
  }
  EXPECT_EQ(refusal_of([&] { check_attendance(current, "z", "present", "/records/2"); }),
            Refusal::Kind::invalid);
  EXPECT_EQ(refusal_of([&] { check_attendance(current, "a", "late", "/records/0"); }),
            Refusal::Kind::invalid);
}

TEST(Trainings, FollowedGivesAPlaceOnlyWhenThereIsRoom) {
  auto t = places(1);
  auto current = signed_up(t, {"a", "b"});
  EXPECT_FALSE(needs_place_to_follow(t, current, "a", "/member_ids/0"));
  EXPECT_EQ(refusal_of([&] { needs_place_to_follow(t, current, "b", "/member_ids/0"); }),
            Refusal::Kind::invalid);
  EXPECT_EQ(refusal_of([&] { needs_place_to_follow(t, current, "c", "/member_ids/0"); }),
            Refusal::Kind::invalid);
  TrainingTerms open{std::nullopt, kStart};
  EXPECT_TRUE(needs_place_to_follow(open, {}, "c", "/member_ids/0"));
}

TEST(Trainings, ParticipationCountsSignUpsAndAttendanceApart) {
  auto p = training_participation({{"a", SignUpState::placed, "present"},
                                   {"a", SignUpState::placed, "absent"},
                                   {"a", SignUpState::waiting, ""},
                                   {"b", SignUpState::placed, ""},
                                   {"c", SignUpState::withdrawn, ""}});
  EXPECT_EQ(p["a"].signed_up, 3);
  EXPECT_EQ(p["a"].placed, 2);
  EXPECT_EQ(p["a"].waiting, 1);
  EXPECT_EQ(p["a"].present, 1);
  EXPECT_EQ(p["a"].absent, 1);
  EXPECT_EQ(p["b"].present, 0);
  EXPECT_EQ(p.count("c"), 0u);
  auto totals = training_totals(p);
  EXPECT_EQ(totals.counts.signed_up, 4);
  EXPECT_EQ(totals.members_signed_up, 2);
  EXPECT_EQ(totals.members_attended, 1);
}

TEST(Trainings, TopicsByName) {
  EXPECT_EQ(parse_training_topic("public-speaking"), TrainingTopic::public_speaking);
  EXPECT_EQ(parse_training_topic("current-affairs"), TrainingTopic::current_affairs);
  EXPECT_FALSE(parse_training_topic("cooking").has_value());
  EXPECT_EQ(to_string(TrainingTopic::other), "other");
}
