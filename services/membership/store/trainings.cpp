#include "store/trainings.h"

#include <map>

#include "assembly/core/ids.h"
#include "assembly/db/prepared.h"
#include "assembly/db/rows.h"
#include "assembly/db/sql_time.h"

namespace membership::store {
using assembly::db::nullable;

namespace {

constexpr const char* kInsertTraining =
    "INSERT INTO trainings (id, assembly_id, topic, topic_text, title, held_on, starts_at, "
    "ends_at, place, online_url, capacity, created_by) VALUES ($1, $2, $3, NULLIF($4, ''), $5, "
    "$6::date, NULLIF($7, '')::timestamptz, NULLIF($8, '')::timestamptz, NULLIF($9, ''), "
    "NULLIF($10, ''), NULLIF($11::bigint, 0), $12)";
#define TRAINING_COLUMNS \
  "SELECT t.id, t.assembly_id, t.topic, coalesce(t.topic_text, '') AS topic_text, t.title, "   \
  "t.held_on::text AS held_on, coalesce(" SQL_UTC("t.starts_at") ", '') AS starts_at, "        \
  "coalesce(" SQL_UTC("t.ends_at") ", '') AS ends_at, coalesce(t.place, '') AS place, "        \
  "coalesce(t.online_url, '') AS online_url, t.capacity, t.created_by, " SQL_UTC(              \
      "t.created_at") " AS created_at, "                                                       \
                      "(SELECT count(*) FROM training_sign_ups s WHERE s.training_id = t.id "  \
                      "AND s.state = 'placed') AS placed, "                                    \
                      "(SELECT count(*) FROM training_sign_ups s WHERE s.training_id = t.id "  \
                      "AND s.state = 'waiting') AS waiting, "                                  \
                      "(SELECT count(*) FROM training_attendance a WHERE a.training_id = t.id " \
                      "AND a.status = 'present') AS followed_by "                              \
                      "FROM trainings t "
constexpr const char* kFindTraining = TRAINING_COLUMNS "WHERE t.id = $1";
constexpr const char* kFindTrainingForUpdate = TRAINING_COLUMNS "WHERE t.id = $1 FOR UPDATE OF t";
constexpr const char* kTrainingsOfAssembly =
    TRAINING_COLUMNS "WHERE t.assembly_id = $1 ORDER BY t.held_on, t.starts_at, t.id";

constexpr const char* kCurrentSignUps =
    "SELECT member_id, state, seq FROM training_sign_ups WHERE training_id = $1 "
    "AND state <> 'withdrawn' ORDER BY seq";
constexpr const char* kInsertSignUp =
    "INSERT INTO training_sign_ups (id, training_id, member_id, state, signed_up_by, placed_at) "
    "VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 = 'placed' THEN now() END)";
constexpr const char* kPlace =
    "UPDATE training_sign_ups SET state = 'placed', placed_at = now() WHERE training_id = $1 "
    "AND member_id = $2 AND state = 'waiting'";
constexpr const char* kWithdraw =
    "UPDATE training_sign_ups SET state = 'withdrawn', withdrawn_at = now(), withdrawn_by = $3 "
    "WHERE training_id = $1 AND member_id = $2 AND state <> 'withdrawn'";
// The waiting position: 1 + those waiting who signed up earlier.
#define WAITING_POSITION                                                                    \
  "CASE WHEN s.state = 'waiting' THEN (SELECT count(*) + 1 FROM training_sign_ups w WHERE " \
  "w.training_id = s.training_id AND w.state = 'waiting' AND w.seq < s.seq) ELSE 0 END "
constexpr const char* kRoster =
    "SELECT s.member_id, s.state, " WAITING_POSITION "AS waiting_position, " SQL_UTC(
        "s.signed_up_at") " AS signed_up_at, s.signed_up_by, " SQL_UTC("s.placed_at") " AS "
                          "placed_at, a.status AS attendance "
                          "FROM training_sign_ups s LEFT JOIN training_attendance a ON "
                          "a.training_id = s.training_id AND a.member_id = s.member_id "
                          "WHERE s.training_id = $1 AND s.state <> 'withdrawn' ORDER BY s.seq";

constexpr const char* kNextRevision =
    "SELECT coalesce(max(revision), 0) + 1 AS revision FROM training_attendance_changes "
    "WHERE training_id = $1 AND member_id = $2";
constexpr const char* kUpsertAttendance =
    "INSERT INTO training_attendance (training_id, member_id, status, revision, recorded_by) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (training_id, member_id) DO UPDATE SET "
    "status = excluded.status, revision = excluded.revision, recorded_by = excluded.recorded_by, "
    "recorded_at = now()";
constexpr const char* kAttendanceChange =
    "INSERT INTO training_attendance_changes (training_id, member_id, revision, status, "
    "recorded_by, via) VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kAttendanceStatus =
    "SELECT status FROM training_attendance WHERE training_id = $1 AND member_id = $2";
constexpr const char* kAttendance =
    "SELECT member_id, status, revision, recorded_by, " SQL_UTC(
        "recorded_at") " AS recorded_at FROM training_attendance WHERE training_id = $1 "
                       "ORDER BY member_id";
constexpr const char* kAttendanceChanges =
    "SELECT member_id, revision, status, recorded_by, via, " SQL_UTC(
        "recorded_at") " AS recorded_at FROM training_attendance_changes WHERE training_id = $1 "
                       "ORDER BY member_id, revision";

constexpr const char* kSignUpsOfMember =
    "SELECT s.training_id, s.state, " WAITING_POSITION "AS waiting_position, " SQL_UTC(
        "s.signed_up_at") " AS signed_up_at, a.status AS attendance "
                          "FROM training_sign_ups s LEFT JOIN training_attendance a ON "
                          "a.training_id = s.training_id AND a.member_id = s.member_id "
                          "WHERE s.member_id = $1 AND s.state <> 'withdrawn' ORDER BY s.seq";
#undef WAITING_POSITION

#define RECORD_COLUMNS                                                                  \
  "SELECT s.member_id, s.state, coalesce(a.status, '') AS attendance "                  \
  "FROM training_sign_ups s JOIN trainings t ON t.id = s.training_id "                  \
  "LEFT JOIN training_attendance a ON a.training_id = s.training_id AND a.member_id = " \
  "s.member_id WHERE s.state <> 'withdrawn' "
constexpr const char* kRecordsOfAssembly = RECORD_COLUMNS "AND t.assembly_id = $1";
constexpr const char* kRecordsOfMember = RECORD_COLUMNS "AND s.member_id = $1";
#undef RECORD_COLUMNS

Training training_from(const pqxx::row& r) {
  Training t;
  t.id = r["id"].as<std::string>();
  t.assembly_id = r["assembly_id"].as<std::string>();
  t.topic = r["topic"].as<std::string>();
  t.topic_text = r["topic_text"].as<std::string>();
  t.title = r["title"].as<std::string>();
  t.held_on = r["held_on"].as<std::string>();
  t.starts_at = r["starts_at"].as<std::string>();
  t.ends_at = r["ends_at"].as<std::string>();
  t.place = r["place"].as<std::string>();
  t.online_url = r["online_url"].as<std::string>();
  t.capacity = nullable<int>(r["capacity"]);
  t.created_by = r["created_by"].as<std::string>();
  t.created_at = r["created_at"].as<std::string>();
  t.placed = r["placed"].as<long>();
  t.waiting = r["waiting"].as<long>();
  t.followed_by = r["followed_by"].as<long>();
  return t;
}

domain::SignUpState state_from(const pqxx::field& f) {
  return domain::parse_sign_up_state(f.as<std::string>()).value_or(domain::SignUpState::withdrawn);
}

std::vector<domain::TrainingRecord> records(pqxx::transaction_base& tx, const char* sql,
                                            const std::string& key) {
  std::vector<domain::TrainingRecord> out;
  for (const auto& r : tx.exec_params(sql, key))
    out.push_back({r["member_id"].as<std::string>(), state_from(r["state"]),
                   r["attendance"].as<std::string>()});
  return out;
}

}  // namespace

void insert_training(pqxx::work& tx, const Training& t, const std::string& by) {
  assembly::db::exec(tx, kInsertTraining, t.id, t.assembly_id, t.topic, t.topic_text, t.title,
                     t.held_on, t.starts_at, t.ends_at, t.place, t.online_url,
                     t.capacity.value_or(0), by);
}

std::optional<Training> find_training(pqxx::transaction_base& tx, const std::string& id,
                                      bool for_update) {
  auto rows = assembly::db::exec(tx, for_update ? kFindTrainingForUpdate : kFindTraining, id);
  if (rows.empty()) return std::nullopt;
  return training_from(rows[0]);
}

std::vector<Training> trainings_of_assembly(pqxx::transaction_base& tx,
                                            const std::string& assembly_id) {
  std::vector<Training> out;
  for (const auto& r : assembly::db::exec(tx, kTrainingsOfAssembly, assembly_id))
    out.push_back(training_from(r));
  return out;
}

std::vector<domain::SignUp> current_sign_ups(pqxx::transaction_base& tx,
                                             const std::string& training_id) {
  std::vector<domain::SignUp> out;
  for (const auto& r : assembly::db::exec(tx, kCurrentSignUps, training_id))
    out.push_back(
        {r["member_id"].as<std::string>(), state_from(r["state"]), r["seq"].as<long long>()});
  return out;
}

void insert_sign_up(pqxx::work& tx, const std::string& training_id, const std::string& member_id,
                    domain::SignUpState state, const std::string& by) {
  assembly::db::exec(tx, kInsertSignUp, assembly::core::new_uuid(), training_id, member_id,
                     domain::to_string(state), by);
}

void place(pqxx::work& tx, const std::string& training_id, const std::string& member_id) {
  assembly::db::exec(tx, kPlace, training_id, member_id);
}

void withdraw_sign_up(pqxx::work& tx, const std::string& training_id, const std::string& member_id,
                      const std::string& by) {
  assembly::db::exec(tx, kWithdraw, training_id, member_id, by);
}

std::vector<RosterLine> roster(pqxx::transaction_base& tx, const std::string& training_id) {
  std::vector<RosterLine> out;
  for (const auto& r : assembly::db::exec(tx, kRoster, training_id))
    out.push_back({r["member_id"].as<std::string>(), state_from(r["state"]),
                   r["waiting_position"].as<int>(), r["signed_up_at"].as<std::string>(),
                   r["signed_up_by"].as<std::string>(), nullable(r["placed_at"]),
                   nullable(r["attendance"])});
  return out;
}

std::optional<std::string> attendance_status(pqxx::transaction_base& tx,
                                             const std::string& training_id,
                                             const std::string& member_id) {
  auto rows = assembly::db::exec(tx, kAttendanceStatus, training_id, member_id);
  if (rows.empty()) return std::nullopt;
  return rows[0]["status"].as<std::string>();
}

unsigned record_attendance(pqxx::work& tx, const std::string& training_id,
                           const std::string& member_id, const std::string& status,
                           const std::string& by, const std::string& via) {
  auto revision = tx.exec_params1(kNextRevision, training_id, member_id)["revision"].as<int>();
  assembly::db::exec(tx, kUpsertAttendance, training_id, member_id, status, revision, by);
  assembly::db::exec(tx, kAttendanceChange, training_id, member_id, revision, status, by, via);
  return static_cast<unsigned>(revision);
}

std::vector<Attendance> attendance(pqxx::transaction_base& tx, const std::string& training_id) {
  return assembly::db::read_attendance(tx, kAttendance, kAttendanceChanges, training_id);
}

std::vector<MemberSignUp> sign_ups_of_member(pqxx::transaction_base& tx,
                                             const std::string& member_id) {
  std::vector<MemberSignUp> out;
  for (const auto& r : assembly::db::exec(tx, kSignUpsOfMember, member_id)) {
    auto t = find_training(tx, r["training_id"].as<std::string>());
    if (!t) continue;
    out.push_back({*t, state_from(r["state"]), r["waiting_position"].as<int>(),
                   r["signed_up_at"].as<std::string>(), nullable(r["attendance"])});
  }
  return out;
}

std::vector<domain::TrainingRecord> training_records_of_assembly(pqxx::transaction_base& tx,
                                                                 const std::string& assembly_id) {
  return records(tx, kRecordsOfAssembly, assembly_id);
}

std::vector<domain::TrainingRecord> training_records_of_member(pqxx::transaction_base& tx,
                                                               const std::string& member_id) {
  return records(tx, kRecordsOfMember, member_id);
}

}  // namespace membership::store
