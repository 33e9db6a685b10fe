#include "store/participant_store.h"

#include <map>
#include <stdexcept>

#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace workshops::store {
namespace {

using nlohmann::json;

constexpr const char* kInsertParticipant =
    "INSERT INTO session_participants (id, session_id, kind, name, organisation, title, added_by) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kParticipantColumns =
    "SELECT p.id AS id, p.session_id AS session_id, p.kind AS kind, p.name AS name, "
    "p.organisation AS organisation, p.title AS title, p.added_by AS added_by, " SQL_UTC(
        "p.added_at") " AS added_at FROM session_participants p ";
const std::string kParticipants = std::string(kParticipantColumns) +
                                  "WHERE p.session_id = $1 AND p.removed_at IS NULL "
                                  "ORDER BY p.added_at, p.id";
const std::string kFindParticipant =
    std::string(kParticipantColumns) +
    "WHERE p.session_id = $1 AND p.id = $2 AND p.removed_at IS NULL";
constexpr const char* kRemoveParticipant =
    "UPDATE session_participants SET removed_at = now(), removed_by = $2 WHERE id = $1";

constexpr const char* kNextRevision =
    "SELECT coalesce(max(revision), 0) + 1 AS revision FROM participant_attendance_changes "
    "WHERE session_id = $1 AND participant_id = $2";
constexpr const char* kUpsertAttendance =
    "INSERT INTO participant_attendance (session_id, participant_id, status, revision, "
    "recorded_by) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (session_id, participant_id) DO UPDATE SET status = excluded.status, "
    "revision = excluded.revision, recorded_by = excluded.recorded_by, recorded_at = now()";
constexpr const char* kAttendanceChange =
    "INSERT INTO participant_attendance_changes (session_id, participant_id, revision, status, "
    "recorded_by) VALUES ($1, $2, $3, $4, $5)";
constexpr const char* kAttendanceStatus =
    "SELECT status FROM participant_attendance WHERE session_id = $1 AND participant_id = $2";
constexpr const char* kAttendance =
    "SELECT a.participant_id AS participant_id, p.kind AS kind, p.organisation AS organisation, "
    "a.status AS status, a.revision AS revision, a.recorded_by AS recorded_by, " SQL_UTC(
        "a.recorded_at") " AS recorded_at FROM participant_attendance a "
                         "JOIN session_participants p ON p.id = a.participant_id "
                         "WHERE a.session_id = $1 AND p.removed_at IS NULL "
                         "ORDER BY p.added_at, p.id";
constexpr const char* kAttendanceChanges =
    "SELECT participant_id, revision, status, recorded_by, " SQL_UTC(
        "recorded_at") " AS recorded_at FROM participant_attendance_changes "
                       "WHERE session_id = $1 ORDER BY participant_id, revision";

constexpr const char* kRecordDecision =
    "INSERT INTO plenary_decisions (session_id, kind, ref_id, title, outcome, details, source) "
    "VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) "
    "ON CONFLICT (session_id, kind, ref_id) DO UPDATE SET title = excluded.title, "
    "outcome = excluded.outcome, details = excluded.details, source = excluded.source, "
    "recorded_at = now()";
constexpr const char* kDecisions =
    "SELECT session_id, kind, ref_id, title, outcome, details::text AS details, source, " SQL_UTC(
        "d.recorded_at") " AS recorded_at FROM plenary_decisions d WHERE session_id = $1 "
                       "ORDER BY d.recorded_at, d.kind, d.ref_id";

domain::ParticipantKind kind_of(const pqxx::row& r) {
  auto kind = domain::parse_participant_kind(r["kind"].as<std::string>());
  if (!kind)
    throw std::runtime_error("unknown stored participant kind " + r["kind"].as<std::string>());
  return *kind;
}

Participant participant_from_row(const pqxx::row& r) {
  return {r["id"].as<std::string>(),
          r["session_id"].as<std::string>(),
          kind_of(r),
          r["name"].as<std::string>(),
          r["organisation"].as<std::string>(),
          r["title"].as<std::string>(),
          r["added_by"].as<std::string>(),
          r["added_at"].as<std::string>()};
}

}  // namespace

void insert_participant(pqxx::work& tx, const Participant& p) {
  assembly::db::exec(tx, kInsertParticipant, p.id, p.session_id,
                     std::string(domain::to_string(p.kind)), p.name, p.organisation, p.title,
                     p.added_by);
}

std::vector<Participant> participants(pqxx::transaction_base& tx, const std::string& session_id) {
  std::vector<Participant> out;
  for (const auto& r : assembly::db::exec(tx, kParticipants, session_id))
    out.push_back(participant_from_row(r));
  return out;
}

std::optional<Participant> find_participant(pqxx::transaction_base& tx,
                                            const std::string& session_id,
                                            const std::string& participant_id) {
  auto rows = assembly::db::exec(tx, kFindParticipant, session_id, participant_id);
  if (rows.empty()) return std::nullopt;
  return participant_from_row(rows[0]);
}

void remove_participant(pqxx::work& tx, const std::string& participant_id, const std::string& by) {
  assembly::db::exec(tx, kRemoveParticipant, participant_id, by);
}

unsigned record_participant_attendance(pqxx::work& tx, const std::string& session_id,
                                       const std::string& participant_id, const std::string& status,
                                       const std::string& by) {
  auto revision = tx.exec_params1(kNextRevision, session_id, participant_id)["revision"].as<int>();
  assembly::db::exec(tx, kUpsertAttendance, session_id, participant_id, status, revision, by);
  assembly::db::exec(tx, kAttendanceChange, session_id, participant_id, revision, status, by);
  return static_cast<unsigned>(revision);
}

std::optional<std::string> participant_attendance_status(pqxx::transaction_base& tx,
                                                         const std::string& session_id,
                                                         const std::string& participant_id) {
  auto rows = assembly::db::exec(tx, kAttendanceStatus, session_id, participant_id);
  if (rows.empty()) return std::nullopt;
  return rows[0]["status"].as<std::string>();
}

std::vector<ParticipantAttendance> participant_attendance(pqxx::transaction_base& tx,
                                                          const std::string& session_id) {
  std::map<std::string, std::vector<ParticipantAttendanceChange>> changes_of;
  for (const auto& r : assembly::db::exec(tx, kAttendanceChanges, session_id))
    changes_of[r["participant_id"].as<std::string>()].push_back(
        {r["revision"].as<int>(), r["status"].as<std::string>(), r["recorded_by"].as<std::string>(),
         r["recorded_at"].as<std::string>()});
  std::vector<ParticipantAttendance> out;
  for (const auto& r : assembly::db::exec(tx, kAttendance, session_id)) {
    ParticipantAttendance a;
    a.participant_id = r["participant_id"].as<std::string>();
    a.kind = kind_of(r);
    a.organisation = r["organisation"].as<std::string>();
    a.status = r["status"].as<std::string>();
    a.revision = r["revision"].as<int>();
    a.recorded_by = r["recorded_by"].as<std::string>();
    a.recorded_at = r["recorded_at"].as<std::string>();
    a.changes = std::move(changes_of[a.participant_id]);
    out.push_back(std::move(a));
  }
  return out;
}

void record_plenary_decision(pqxx::work& tx, const PlenaryDecision& d) {
  assembly::db::exec(tx, kRecordDecision, d.session_id, d.kind, d.ref_id, d.title, d.outcome,
                     d.details.dump(), d.source);
}

std::vector<PlenaryDecision> plenary_decisions(pqxx::transaction_base& tx,
                                               const std::string& session_id) {
  std::vector<PlenaryDecision> out;
  for (const auto& r : assembly::db::exec(tx, kDecisions, session_id))
    out.push_back({r["session_id"].as<std::string>(), r["kind"].as<std::string>(),
                   r["ref_id"].as<std::string>(), r["title"].as<std::string>(),
                   r["outcome"].as<std::string>(), json::parse(r["details"].as<std::string>()),
                   r["source"].as<std::string>(), r["recorded_at"].as<std::string>()});
  return out;
}

}  // namespace workshops::store
