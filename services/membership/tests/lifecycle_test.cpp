#include "domain/lifecycle.h"

#include <gtest/gtest.h>

#include <map>
#include <utility>

using namespace membership::domain;

// The whole table, written out independently of the implementation: every (status, action)
// pair not listed here must be refused.
TEST(Lifecycle, EveryLegalAndIllegalTransition) {
  const std::map<std::pair<Status, Action>, Status> legal = {
      {{Status::selected, Action::invite}, Status::invited},
      {{Status::invited, Action::confirm}, Status::confirmed},
      {{Status::invited, Action::decline}, Status::declined},
      {{Status::confirmed, Action::activate}, Status::active},
      {{Status::confirmed, Action::withdraw}, Status::withdrawn},
      {{Status::active, Action::withdraw}, Status::withdrawn},
      {{Status::active, Action::complete}, Status::completed},
  };
  int legal_seen = 0, illegal_seen = 0;
  for (auto s : kAllStatuses)
    for (auto a : kAllActions) {
      auto it = legal.find({s, a});
      auto got = next(s, a);
      if (it == legal.end()) {
        EXPECT_FALSE(got.has_value())
            << to_string(a) << " from " << to_string(s) << " must be refused";
        ++illegal_seen;
      } else {
        ASSERT_TRUE(got.has_value())
            << to_string(a) << " from " << to_string(s) << " must be allowed";
        EXPECT_EQ(*got, it->second);
        ++legal_seen;
      }
    }
  EXPECT_EQ(legal_seen, 7);
  EXPECT_EQ(illegal_seen, 7 * 6 - 7);
}

TEST(Lifecycle, EndStatesAreFinal) {
  for (auto s : {Status::declined, Status::withdrawn, Status::completed})
    for (auto a : kAllActions) EXPECT_FALSE(next(s, a).has_value()) << to_string(s);
}

TEST(Lifecycle, NamesRoundTripAndUnknownNamesAreRefused) {
  for (auto s : kAllStatuses) EXPECT_EQ(parse_status(to_string(s)), s);
  for (auto a : kAllActions) EXPECT_EQ(parse_action(to_string(a)), a);
  EXPECT_FALSE(parse_status("Active").has_value());
  EXPECT_FALSE(parse_action("resign").has_value());
}

TEST(Lifecycle, TheConflictMessageNamesTheCurrentStatusAndWhatWasNeeded) {
  EXPECT_EQ(illegal_transition_message(Status::confirmed, Action::decline),
            "the member is confirmed; decline needs a member who is invited");
  EXPECT_EQ(illegal_transition_message(Status::completed, Action::withdraw),
            "the member is completed; withdraw needs a member who is confirmed or active");
}

TEST(Lifecycle, WhoMayActAndWhatFreesASeat) {
  EXPECT_TRUE(member_may(Action::confirm));
  EXPECT_TRUE(member_may(Action::decline));
  // A member leaves by themself too (with a reason), from the members' space.
  EXPECT_TRUE(member_may(Action::withdraw));
  for (auto a : {Action::invite, Action::activate, Action::complete}) EXPECT_FALSE(member_may(a));
  EXPECT_TRUE(frees_seat(Action::decline));
  EXPECT_TRUE(frees_seat(Action::withdraw));
  EXPECT_FALSE(frees_seat(Action::complete));
  EXPECT_TRUE(needs_reason(Action::withdraw));
  EXPECT_FALSE(needs_reason(Action::decline));
}
