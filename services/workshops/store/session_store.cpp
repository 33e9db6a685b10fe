#include "store/session_store.h"

#include <map>
#include <stdexcept>

#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace workshops::store {
namespace {

using nlohmann::json;

constexpr const char* kUpsertPhase =
    "INSERT INTO phases (assembly_id, kind, starts_on, ends_on) VALUES ($1, $2, $3::date, "
    "$4::date) "
    "ON CONFLICT (assembly_id, kind) DO UPDATE SET starts_on = excluded.starts_on, ends_on = "
    "excluded.ends_on";
constexpr const char* kPhases =
    "SELECT kind, starts_on::text AS starts_on, ends_on::text AS ends_on FROM phases "
    "WHERE assembly_id = $1 ORDER BY starts_on";

constexpr const char* kLockPhases =
    "SELECT pg_advisory_xact_lock(hashtext('workshops.phases:' || $1))";

constexpr const char* kInsertSession =
    "INSERT INTO sessions (id, assembly_id, workshop_id, type, title, starts_at, ends_at, place, "
    "online_link, agenda, "
    "speakers, site, checkin_code, created_by, phase, phase_named) "
    "VALUES ($1, $2, NULLIF($3, ''), $4, $5, $6::timestamptz, $7::timestamptz, $8, $9, $10, "
    "$11::jsonb, $12, $13, $14, NULLIF($15, ''), $16)";
constexpr const char* kSessionColumns =
    "SELECT s.id AS id, s.assembly_id AS assembly_id, coalesce(s.workshop_id, '') AS workshop_id, "
    "coalesce(w.theme, '') AS workshop_theme, s.type AS type, s.title AS title, " SQL_UTC(
        "s.starts_at") " AS starts_at, " SQL_UTC("s.ends_at") " AS ends_at, s.place AS place, "
                                                              "s.online_link AS online_link, "
                                                              "s.agenda AS agenda, s.minutes AS "
                                                              "minutes, s.documents::text AS "
                                                              "documents, s.speakers::text AS "
                                                              "speakers, s.site AS site, "
                                                              "s.state AS state, s.state_reason "
                                                              "AS state_reason, s.sequence AS "
                                                              "sequence, s.checkin_code AS "
                                                              "checkin_code, "
                                                              "s.starts_at::date::text AS day, "
                                                              "coalesce(s.phase, '') AS phase, "
                                                              "s.phase_named AS phase_named "
                                                              "FROM sessions s LEFT JOIN "
                                                              "workshops w ON w.id = "
                                                              "s.workshop_id ";
const std::string kFindSession = std::string(kSessionColumns) + "WHERE s.id = $1";
const std::string kFindSessionForUpdate =
    std::string(kSessionColumns) + "WHERE s.id = $1 FOR UPDATE OF s";
const std::string kListSessions =
    std::string(kSessionColumns) +
    "WHERE s.assembly_id = $1 AND ($2 = '' OR s.workshop_id = $2 OR s.workshop_id IS NULL) "
    "ORDER BY s.starts_at, s.id";
constexpr const char* kReschedule =
    "UPDATE sessions SET starts_at = $2::timestamptz, ends_at = $3::timestamptz, sequence = "
    "sequence + 1, phase = NULLIF($4, '') WHERE id = $1";
constexpr const char* kSetState =
    "UPDATE sessions SET state = $2, state_reason = $3, sequence = sequence + 1 WHERE id = $1";
constexpr const char* kSetMinutes = "UPDATE sessions SET minutes = $2 WHERE id = $1";
constexpr const char* kAddDocument =
    "UPDATE sessions SET documents = documents || jsonb_build_array($2::jsonb) WHERE id = $1";
constexpr const char* kCheckinOpen =
    "SELECT now() BETWEEN starts_at - interval '1 hour' AND ends_at + interval '1 hour' AS open "
    "FROM sessions WHERE id = $1";
constexpr const char* kRecordChange =
    "INSERT INTO session_changes (session_id, actor, change, detail) VALUES ($1, $2, $3, "
    "$4::jsonb)";
constexpr const char* kChanges = "SELECT " SQL_UTC(
    "at") " AS at, actor, change, detail::text AS detail FROM session_changes WHERE session_id = "
          "$1 ORDER BY seq";

constexpr const char* kNextRevision =
    "SELECT coalesce(max(revision), 0) + 1 AS revision FROM attendance_changes WHERE session_id = "
    "$1 AND member_id = $2";
constexpr const char* kUpsertAttendance =
    "INSERT INTO attendance (session_id, member_id, status, revision, recorded_by) VALUES ($1, $2, "
    "$3, $4, $5) "
    "ON CONFLICT (session_id, member_id) DO UPDATE SET status = excluded.status, revision = "
    "excluded.revision, "
    "recorded_by = excluded.recorded_by, recorded_at = now()";
constexpr const char* kAttendanceChange =
    "INSERT INTO attendance_changes (session_id, member_id, revision, status, recorded_by, via, "
    "reason) VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, ''))";
constexpr const char* kAttendanceStatus =
    "SELECT status FROM attendance WHERE session_id = $1 AND member_id = $2";
constexpr const char* kAttendance = "SELECT member_id, status, revision, recorded_by, " SQL_UTC(
    "recorded_at") " AS recorded_at FROM attendance WHERE session_id = $1 ORDER BY member_id";
constexpr const char* kAttendanceChanges =
    "SELECT member_id, revision, status, recorded_by, via, reason, " SQL_UTC(
        "recorded_at") " AS recorded_at FROM attendance_changes WHERE session_id = $1 "
                       "ORDER BY member_id, revision";

// Speakers and documents are kept as JSON arrays of objects in the session's row.
std::vector<Speaker> speakers_of(const std::string& document) {
  std::vector<Speaker> out;
  for (const auto& o : json::parse(document))
    out.push_back({o.at("name").get<std::string>(), o.at("organisation").get<std::string>(),
                   o.at("topic").get<std::string>()});
  return out;
}

std::vector<Document> documents_of(const std::string& document) {
  std::vector<Document> out;
  for (const auto& o : json::parse(document))
    out.push_back({o.at("title").get<std::string>(), o.at("url").get<std::string>()});
  return out;
}

std::string speakers_document(const std::vector<Speaker>& speakers) {
  json out = json::array();
  for (const auto& s : speakers)
    out.push_back({{"name", s.name}, {"organisation", s.organisation}, {"topic", s.topic}});
  return out.dump();
}

Session session_from_row(const pqxx::row& r) {
  Session s;
  s.id = r["id"].as<std::string>();
  s.assembly_id = r["assembly_id"].as<std::string>();
  s.workshop_id = r["workshop_id"].as<std::string>();
  s.workshop_theme = r["workshop_theme"].as<std::string>();
  auto type = domain::parse_session_type(r["type"].as<std::string>());
  if (!type) throw std::runtime_error("unknown stored session type " + r["type"].as<std::string>());
  s.type = *type;
  s.title = r["title"].as<std::string>();
  s.starts_at = r["starts_at"].as<std::string>();
  s.ends_at = r["ends_at"].as<std::string>();
  s.place = r["place"].as<std::string>();
  s.online_link = r["online_link"].as<std::string>();
  s.agenda = r["agenda"].as<std::string>();
  s.minutes = r["minutes"].as<std::string>();
  s.documents = documents_of(r["documents"].as<std::string>());
  s.speakers = speakers_of(r["speakers"].as<std::string>());
  s.site = r["site"].as<std::string>();
  auto state = domain::parse_session_state(r["state"].as<std::string>());
  if (!state)
    throw std::runtime_error("unknown stored session state " + r["state"].as<std::string>());
  s.state = *state;
  s.state_reason = r["state_reason"].as<std::string>();
  s.sequence = r["sequence"].as<int>();
  s.checkin_code = r["checkin_code"].as<std::string>();
  s.day = r["day"].as<std::string>();
  s.phase = r["phase"].as<std::string>();
  s.phase_named = r["phase_named"].as<bool>();
  return s;
}

}  // namespace

void upsert_phase(pqxx::work& tx, const std::string& assembly_id, const std::string& kind,
                  const std::string& starts_on, const std::string& ends_on) {
  assembly::db::exec(tx, kUpsertPhase, assembly_id, kind, starts_on, ends_on);
}

std::vector<Phase> phases(pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<Phase> out;
  for (const auto& r : assembly::db::exec(tx, kPhases, assembly_id))
    out.push_back({r["kind"].as<std::string>(), r["starts_on"].as<std::string>(),
                   r["ends_on"].as<std::string>()});
  return out;
}

void lock_phases(pqxx::work& tx, const std::string& assembly_id) {
  assembly::db::exec(tx, kLockPhases, assembly_id);
}

void insert_session(pqxx::work& tx, const NewSession& s, const std::string& by) {
  assembly::db::exec(tx, kInsertSession, s.id, s.assembly_id, s.workshop_id,
                     std::string(domain::to_string(s.type)), s.title, s.starts_at, s.ends_at,
                     s.place, s.online_link, s.agenda, speakers_document(s.speakers), s.site,
                     s.checkin_code, by, s.phase, s.phase_named);
}

std::optional<Session> find_session(pqxx::transaction_base& tx, const std::string& id,
                                    bool for_update) {
  auto rows = assembly::db::exec(tx, for_update ? kFindSessionForUpdate : kFindSession, id);
  if (rows.empty()) return std::nullopt;
  return session_from_row(rows[0]);
}

std::vector<Session> list_sessions(pqxx::transaction_base& tx, const std::string& assembly_id,
                                   const std::string& workshop_id) {
  std::vector<Session> out;
  for (const auto& r : assembly::db::exec(tx, kListSessions, assembly_id, workshop_id))
    out.push_back(session_from_row(r));
  return out;
}

void reschedule(pqxx::work& tx, const std::string& id, const std::string& starts_at,
                const std::string& ends_at, const std::string& phase) {
  assembly::db::exec(tx, kReschedule, id, starts_at, ends_at, phase);
}
void set_state(pqxx::work& tx, const std::string& id, domain::SessionState state,
               const std::string& reason) {
  assembly::db::exec(tx, kSetState, id, std::string(domain::to_string(state)), reason);
}
void set_minutes(pqxx::work& tx, const std::string& id, const std::string& minutes) {
  assembly::db::exec(tx, kSetMinutes, id, minutes);
}
void add_document(pqxx::work& tx, const std::string& id, const Document& document) {
  assembly::db::exec(tx, kAddDocument, id,
                     json{{"title", document.title}, {"url", document.url}}.dump());
}
bool checkin_open(pqxx::transaction_base& tx, const std::string& id) {
  return tx.exec_params1(kCheckinOpen, id)["open"].as<bool>();
}
void record_change(pqxx::work& tx, const std::string& id, const std::string& actor,
                   const std::string& change, const json& detail) {
  assembly::db::exec(tx, kRecordChange, id, actor, change, detail.dump());
}
std::vector<Change> changes(pqxx::transaction_base& tx, const std::string& id) {
  std::vector<Change> out;
  for (const auto& r : assembly::db::exec(tx, kChanges, id))
    out.push_back({r["at"].as<std::string>(), r["actor"].as<std::string>(),
                   r["change"].as<std::string>(), json::parse(r["detail"].as<std::string>())});
  return out;
}

unsigned record_attendance(pqxx::work& tx, const std::string& session_id,
                           const std::string& member_id, const std::string& status,
                           const std::string& by, const std::string& via,
                           const std::string& reason) {
  auto revision = tx.exec_params1(kNextRevision, session_id, member_id)["revision"].as<int>();
  assembly::db::exec(tx, kUpsertAttendance, session_id, member_id, status, revision, by);
  assembly::db::exec(tx, kAttendanceChange, session_id, member_id, revision, status, by, via,
                     reason);
  return static_cast<unsigned>(revision);
}

std::optional<std::string> attendance_status(pqxx::transaction_base& tx,
                                             const std::string& session_id,
                                             const std::string& member_id) {
  auto rows = assembly::db::exec(tx, kAttendanceStatus, session_id, member_id);
  if (rows.empty()) return std::nullopt;
  return rows[0]["status"].as<std::string>();
}

std::vector<Attendance> attendance(pqxx::transaction_base& tx, const std::string& session_id) {
  return assembly::db::read_attendance(tx, kAttendance, kAttendanceChanges, session_id);
}

}  // namespace workshops::store
