#pragma once
// Trainings offered to the assembly's volunteers (public speaking, current affairs...): places,
// the waiting list, withdrawals and attendance. Pure domain: no HTTP, SQL or Kafka here.
//
// A training may have a capacity (places); without one there is no limit. An active member of the
// assembly signs up: they get a place while there is one, otherwise they join the waiting list,
// first come first served. Signing up again changes nothing. When a member holding a place
// withdraws, the first on the waiting list gets the place at once. Nobody signs up or withdraws
// once the training has started. Attendance (present, excused, absent) is recorded only for the
// members holding a place; a member whose attendance is recorded no longer withdraws.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/lifecycle.h"

namespace membership::domain {

enum class TrainingTopic { public_speaking, current_affairs, reading_the_news, other };
inline constexpr std::pair<TrainingTopic, std::string_view> kTrainingTopicNames[] = {
    {TrainingTopic::public_speaking, "public-speaking"},
    {TrainingTopic::current_affairs, "current-affairs"},
    {TrainingTopic::reading_the_news, "reading-the-news"},
    {TrainingTopic::other, "other"}};
std::string to_string(TrainingTopic t);
std::optional<TrainingTopic> parse_training_topic(std::string_view s);
// "public-speaking, current-affairs, reading-the-news, other" (to say so in a 422).
std::string training_topic_list();

enum class SignUpState { placed, waiting, withdrawn };
inline constexpr std::pair<SignUpState, std::string_view> kSignUpStateNames[] = {
    {SignUpState::placed, "placed"},
    {SignUpState::waiting, "waiting"},
    {SignUpState::withdrawn, "withdrawn"}};
std::string to_string(SignUpState s);
std::optional<SignUpState> parse_sign_up_state(std::string_view s);

enum class TrainingAttendance { present, excused, absent };
inline constexpr std::pair<TrainingAttendance, std::string_view> kTrainingAttendanceNames[] = {
    {TrainingAttendance::present, "present"},
    {TrainingAttendance::excused, "excused"},
    {TrainingAttendance::absent, "absent"}};
std::string to_string(TrainingAttendance a);
std::optional<TrainingAttendance> parse_training_attendance(std::string_view s);

// What the rules need of a training.
struct TrainingTerms {
  std::optional<int> capacity;  // places; nullopt: no limit
  std::string starts_at;        // RFC 3339 UTC: sign-ups close then
};
// The start of a training: its start time when it has one, else the start of its day (UTC).
std::string training_start(const std::string& held_on, const std::string& starts_at);

// A sign-up in force (placed or waiting); `seq` orders them, first come first served.
struct SignUp {
  std::string member_id;
  SignUpState state = SignUpState::waiting;
  long long seq = 0;
};

// The places taken and the waiting list, each in sign-up order.
struct Roster {
  std::vector<SignUp> placed, waiting;
};
Roster roster_of(std::vector<SignUp> current);
// Places still free; nullopt when there is no limit.
std::optional<int> places_left(const TrainingTerms& t, const Roster& r);
// 1 for the first on the waiting list; 0 when the member is not waiting.
int waiting_position(const Roster& r, const std::string& member_id);

// Who asks to sign up, as the rules see them.
struct Volunteer {
  std::string member_id;
  bool of_the_assembly = false;  // a member of the training's assembly
  Status status = Status::selected;
};

struct SignUpOutcome {
  SignUpState state = SignUpState::waiting;
  int waiting_position = 0;  // when waiting
  bool is_new = false;       // false: the member was signed up already (nothing changes)
};
// Refused: forbidden (another assembly's member), conflict (not active; the training started).
SignUpOutcome sign_up(const TrainingTerms& t, const std::vector<SignUp>& current,
                      const Volunteer& c, const std::string& now);

struct WithdrawalOutcome {
  SignUpState was = SignUpState::placed;
  std::optional<std::string> promoted;  // the member who gets the freed place
};
// Refused: not_found (no sign-up in force), conflict (the training started; attendance recorded).
WithdrawalOutcome withdraw(const TrainingTerms& t, const std::vector<SignUp>& current,
                           const std::string& member_id, bool attendance_recorded,
                           const std::string& now);

// Attendance for one member: their status, refused (invalid, naming `field`) unless the member
// holds a place and the status is present, excused or absent.
TrainingAttendance check_attendance(const std::vector<SignUp>& current,
                                    const std::string& member_id, std::string_view status,
                                    const std::string& field);

// The "followed" shortcut records a member present. One without a place is given one when there
// is room (always, without a limit); refused (invalid, naming `field`) otherwise.
bool needs_place_to_follow(const TrainingTerms& t, const std::vector<SignUp>& current,
                           const std::string& member_id, const std::string& field);

// A member's sign-up in force, with its attendance if recorded ("" otherwise).
struct TrainingRecord {
  std::string member_id;
  SignUpState state = SignUpState::waiting;
  std::string attendance;
};
// What trainings count in a member's participation. Apart from the workshops' sessions: a
// voluntary training never puts a member at risk.
struct TrainingCounts {
  int signed_up = 0, placed = 0, waiting = 0, present = 0, excused = 0, absent = 0;
};
std::map<std::string, TrainingCounts> training_participation(
    const std::vector<TrainingRecord>& records);
// The sum over members, and how many members signed up and attended at least once.
struct TrainingTotals {
  TrainingCounts counts;
  int members_signed_up = 0, members_attended = 0;
};
TrainingTotals training_totals(const std::map<std::string, TrainingCounts>& per_member);

}  // namespace membership::domain
