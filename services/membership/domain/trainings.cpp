#include "domain/trainings.h"

#include <algorithm>

#include "assembly/core/names.h"
#include "assembly/core/refusal.h"

namespace membership::domain {
namespace core = assembly::core;

std::string to_string(TrainingTopic t) {
  return std::string(core::name_of(kTrainingTopicNames, t, "other"));
}
std::optional<TrainingTopic> parse_training_topic(std::string_view s) {
  return core::value_of(kTrainingTopicNames, s);
}
std::string training_topic_list() {
  std::string out;
  for (const auto& [topic, name] : kTrainingTopicNames)
    out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::string to_string(SignUpState s) {
  return std::string(core::name_of(kSignUpStateNames, s, "withdrawn"));
}
std::optional<SignUpState> parse_sign_up_state(std::string_view s) {
  return core::value_of(kSignUpStateNames, s);
}

std::string to_string(TrainingAttendance a) {
  return std::string(core::name_of(kTrainingAttendanceNames, a, "absent"));
}
std::optional<TrainingAttendance> parse_training_attendance(std::string_view s) {
  return core::value_of(kTrainingAttendanceNames, s);
}

std::string training_start(const std::string& held_on, const std::string& starts_at) {
  return starts_at.empty() ? held_on + "T00:00:00Z" : starts_at;
}

Roster roster_of(std::vector<SignUp> current) {
  std::sort(current.begin(), current.end(),
            [](const SignUp& a, const SignUp& b) { return a.seq < b.seq; });
  Roster r;
  for (auto& s : current) {
    if (s.state == SignUpState::placed) r.placed.push_back(std::move(s));
    if (s.state == SignUpState::waiting) r.waiting.push_back(std::move(s));
  }
  return r;
}

std::optional<int> places_left(const TrainingTerms& t, const Roster& r) {
  if (!t.capacity) return std::nullopt;
  return std::max(0, *t.capacity - static_cast<int>(r.placed.size()));
}

int waiting_position(const Roster& r, const std::string& member_id) {
  for (std::size_t i = 0; i < r.waiting.size(); ++i)
    if (r.waiting[i].member_id == member_id) return static_cast<int>(i) + 1;
  return 0;
}

namespace {

const SignUp* find(const std::vector<SignUp>& current, const std::string& member_id) {
  for (const auto& s : current)
    if (s.member_id == member_id && s.state != SignUpState::withdrawn) return &s;
  return nullptr;
}

bool started(const TrainingTerms& t, const std::string& now) {
  return now >= t.starts_at;  // RFC 3339 UTC strings sort in time order
}

}  // namespace

SignUpOutcome sign_up(const TrainingTerms& t, const std::vector<SignUp>& current,
                      const Volunteer& c, const std::string& now) {
  const auto roster = roster_of(current);
  if (const auto* s = find(current, c.member_id))  // signed up already: the same answer again
    return {s->state, waiting_position(roster, c.member_id), false};
  if (!c.of_the_assembly)
    throw core::forbidden("only the assembly's members sign up for its trainings");
  if (c.status != Status::active)
    throw core::conflict("the member is " + text(c.status) +
                         "; only an active member signs up for a training");
  if (started(t, now))
    throw core::conflict("the training started at " + t.starts_at + ": sign-ups are closed");
  auto left = places_left(t, roster);
  if (!left || *left > 0) return {SignUpState::placed, 0, true};
  return {SignUpState::waiting, static_cast<int>(roster.waiting.size()) + 1, true};
}

WithdrawalOutcome withdraw(const TrainingTerms& t, const std::vector<SignUp>& current,
                           const std::string& member_id, bool attendance_recorded,
                           const std::string& now) {
  const auto* s = find(current, member_id);
  if (!s) throw core::not_found("the member is not signed up for this training");
  if (started(t, now))
    throw core::conflict("the training started at " + t.starts_at +
                         ": its sign-ups no longer change");
  if (attendance_recorded)
    throw core::conflict("the member's attendance is recorded; correct it instead");
  WithdrawalOutcome out{s->state, std::nullopt};
  if (s->state != SignUpState::placed) return out;
  const auto roster = roster_of(current);  // the freed place goes to the first waiting
  if (!roster.waiting.empty()) out.promoted = roster.waiting.front().member_id;
  return out;
}

TrainingAttendance check_attendance(const std::vector<SignUp>& current,
                                    const std::string& member_id, std::string_view status,
                                    const std::string& field) {
  auto a = parse_training_attendance(status);
  if (!a)
    throw core::invalid(
        "status must be present, excused or absent, not \"" + std::string(status) + "\"", field);
  const auto* s = find(current, member_id);
  if (!s || s->state != SignUpState::placed)
    throw core::invalid("member " + member_id + " holds no place in this training", field);
  return *a;
}

bool needs_place_to_follow(const TrainingTerms& t, const std::vector<SignUp>& current,
                           const std::string& member_id, const std::string& field) {
  const auto* s = find(current, member_id);
  if (s && s->state == SignUpState::placed) return false;
  if (s)  // waiting: the training is full
    throw core::invalid("member " + member_id + " is on the waiting list and holds no place",
                        field);
  auto left = places_left(t, roster_of(current));
  if (left && *left == 0)
    throw core::invalid("member " + member_id + " holds no place and the training is full", field);
  return true;
}

std::map<std::string, TrainingCounts> training_participation(
    const std::vector<TrainingRecord>& records) {
  std::map<std::string, TrainingCounts> out;
  for (const auto& r : records) {
    if (r.state == SignUpState::withdrawn) continue;
    auto& c = out[r.member_id];
    ++c.signed_up;
    if (r.state == SignUpState::waiting) {
      ++c.waiting;
      continue;
    }
    ++c.placed;
    if (r.attendance == "present") ++c.present;
    if (r.attendance == "excused") ++c.excused;
    if (r.attendance == "absent") ++c.absent;
  }
  return out;
}

TrainingTotals training_totals(const std::map<std::string, TrainingCounts>& per_member) {
  TrainingTotals out;
  auto& c = out.counts;
  for (const auto& [member, m] : per_member) {
    c.signed_up += m.signed_up;
    c.placed += m.placed;
    c.waiting += m.waiting;
    c.present += m.present;
    c.excused += m.excused;
    c.absent += m.absent;
    out.members_signed_up += m.signed_up > 0;
    out.members_attended += m.present > 0;
  }
  return out;
}

}  // namespace membership::domain
