#pragma once
// SQL for trainings, their sign-ups (places and the waiting list) and attendance. Each query is
// a named constant.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/db/attendance.h"
#include "domain/trainings.h"

namespace membership::store {

struct Training {
  std::string id, assembly_id, topic, topic_text, title, held_on;
  std::string starts_at, ends_at, place, online_url;  // "" when not given
  std::optional<int> capacity;                        // nullopt: no limit
  std::string created_by, created_at;
  long placed = 0, waiting = 0, followed_by = 0;  // followed_by: members recorded present
};
void insert_training(pqxx::work& tx, const Training& t, const std::string& by);
// FOR UPDATE when `for_update` (sign-ups of one training are decided one at a time).
std::optional<Training> find_training(pqxx::transaction_base& tx, const std::string& id,
                                      bool for_update = false);
std::vector<Training> trainings_of_assembly(pqxx::transaction_base& tx,
                                            const std::string& assembly_id);

// The sign-ups in force (placed or waiting) of a training.
std::vector<domain::SignUp> current_sign_ups(pqxx::transaction_base& tx,
                                             const std::string& training_id);
void insert_sign_up(pqxx::work& tx, const std::string& training_id, const std::string& member_id,
                    domain::SignUpState state, const std::string& by);
// waiting -> placed.
void place(pqxx::work& tx, const std::string& training_id, const std::string& member_id);
void withdraw_sign_up(pqxx::work& tx, const std::string& training_id, const std::string& member_id,
                      const std::string& by);

// The roster (placed, with attendance) and the waiting list, in sign-up order.
struct RosterLine {
  std::string member_id;
  domain::SignUpState state = domain::SignUpState::waiting;
  int waiting_position = 0;
  std::string signed_up_at, signed_up_by;
  std::optional<std::string> placed_at, attendance;
};
std::vector<RosterLine> roster(pqxx::transaction_base& tx, const std::string& training_id);

// Attendance: the next revision for (training, member), written with its change line.
std::optional<std::string> attendance_status(pqxx::transaction_base& tx,
                                             const std::string& training_id,
                                             const std::string& member_id);
unsigned record_attendance(pqxx::work& tx, const std::string& training_id,
                           const std::string& member_id, const std::string& status,
                           const std::string& by, const std::string& via);
using assembly::db::Attendance;  // current, with its changes
std::vector<Attendance> attendance(pqxx::transaction_base& tx, const std::string& training_id);

// A member's sign-ups in force, with the training and their attendance.
struct MemberSignUp {
  Training training;
  domain::SignUpState state = domain::SignUpState::waiting;
  int waiting_position = 0;
  std::string signed_up_at;
  std::optional<std::string> attendance;
};
std::vector<MemberSignUp> sign_ups_of_member(pqxx::transaction_base& tx,
                                             const std::string& member_id);

// What participation counts: the sign-ups in force, with attendance.
std::vector<domain::TrainingRecord> training_records_of_assembly(pqxx::transaction_base& tx,
                                                                 const std::string& assembly_id);
std::vector<domain::TrainingRecord> training_records_of_member(pqxx::transaction_base& tx,
                                                               const std::string& member_id);

}  // namespace membership::store
