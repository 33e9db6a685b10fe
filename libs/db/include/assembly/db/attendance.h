#pragma once
// Attendance with its corrections, the way workshops (sessions) and membership (trainings) keep
// it: one current row per member with its revision, and every revision kept as a change line.
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace assembly::db {

struct AttendanceChange {
  int revision = 0;
  std::string status, recorded_by, via, recorded_at;
  std::string reason;  // why a correction was made ("" for a first record, or none kept)
};

struct Attendance {
  std::string member_id, status;
  int revision = 0;
  std::string recorded_by, recorded_at;
  std::vector<AttendanceChange> changes;  // by revision
};

// The attendance of one session or training (`key`, the $1 of both statements): `current` reads
// member_id, status, revision, recorded_by, recorded_at; `changes` reads member_id, revision,
// status, recorded_by, via, recorded_at, in revision order, and `reason` when it keeps one.
std::vector<Attendance> read_attendance(pqxx::transaction_base& tx, const char* current,
                                        const char* changes, const std::string& key);

// As the APIs show it: the current status with every change (a change's `reason` when it has one).
nlohmann::json to_json(const Attendance& a);

}  // namespace assembly::db
