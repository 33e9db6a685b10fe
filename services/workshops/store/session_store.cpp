#include "store/session_store.h"

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
    "SELECT kind, starts_on::text, ends_on::text FROM phases WHERE assembly_id = $1 ORDER BY "
    "starts_on";

constexpr const char* kInsertSession =
    "INSERT INTO sessions (id, assembly_id, workshop_id, type, title, starts_at, ends_at, place, "
    "online_link, agenda, "
    "speakers, site, checkin_code, created_by) "
    "VALUES ($1, $2, NULLIF($3, ''), $4, $5, $6::timestamptz, $7::timestamptz, $8, $9, $10, "
    "$11::jsonb, $12, $13, $14)";
constexpr const char* kSessionColumns =
    "SELECT s.id, s.assembly_id, coalesce(s.workshop_id, ''), coalesce(w.theme, ''), s.type, s.title, " SQL_UTC("s.starts_at") ", "
    SQL_UTC("s.ends_at") ", s.place, s.online_link, s.agenda, s.minutes, s.documents::text, s.speakers::text, s.site, s.state, "
    "s.state_reason, s.sequence, s.checkin_code, " SQL_UTC("s.starts_at") "::text, s.starts_at::date::text "
    "FROM sessions s LEFT JOIN workshops w ON w.id = s.workshop_id ";
const std::string kFindSession = std::string(kSessionColumns) + "WHERE s.id = $1";
const std::string kFindSessionForUpdate =
    std::string(kSessionColumns) + "WHERE s.id = $1 FOR UPDATE OF s";
const std::string kListSessions =
    std::string(kSessionColumns) +
    "WHERE s.assembly_id = $1 AND ($2 = '' OR s.workshop_id = $2 OR s.workshop_id IS NULL) "
    "ORDER BY s.starts_at, s.id";
constexpr const char* kReschedule =
    "UPDATE sessions SET starts_at = $2::timestamptz, ends_at = $3::timestamptz, sequence = "
    "sequence + 1 WHERE id = $1";
constexpr const char* kSetState =
    "UPDATE sessions SET state = $2, state_reason = $3, sequence = sequence + 1 WHERE id = $1";
constexpr const char* kSetMinutes = "UPDATE sessions SET minutes = $2 WHERE id = $1";
constexpr const char* kAddDocument =
    "UPDATE sessions SET documents = documents || jsonb_build_array($2::jsonb) WHERE id = $1";
constexpr const char* kRecordChange =
    "INSERT INTO session_changes (session_id, actor, change, detail) VALUES ($1, $2, $3, "
    "$4::jsonb)";
constexpr const char* kChanges = "SELECT " SQL_UTC(
    "at") ", actor, change, detail::text FROM session_changes WHERE session_id = $1 ORDER BY seq";

constexpr const char* kNextRevision =
    "SELECT coalesce(max(revision), 0) + 1 FROM attendance_changes WHERE session_id = $1 AND "
    "member_id = $2";
constexpr const char* kUpsertAttendance =
    "INSERT INTO attendance (session_id, member_id, status, revision, recorded_by) VALUES ($1, $2, "
    "$3, $4, $5) "
    "ON CONFLICT (session_id, member_id) DO UPDATE SET status = excluded.status, revision = "
    "excluded.revision, "
    "recorded_by = excluded.recorded_by, recorded_at = now()";
constexpr const char* kAttendanceChange =
    "INSERT INTO attendance_changes (session_id, member_id, revision, status, recorded_by, via) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kAttendance =
    "SELECT a.member_id, a.status, a.revision, a.recorded_by, " SQL_UTC("a.recorded_at") ", "
    "(SELECT json_agg(json_build_object('revision', c.revision, 'status', c.status, 'recorded_by', c.recorded_by, 'via', c.via, "
    "'recorded_at', " SQL_UTC("c.recorded_at") ") ORDER BY c.revision)::text FROM attendance_changes c "
    "WHERE c.session_id = a.session_id AND c.member_id = a.member_id) "
    "FROM attendance a WHERE a.session_id = $1 ORDER BY a.member_id";

json session_from_row(const pqxx::row& r) {
  return {
      {"id", r[0].as<std::string>()},
      {"assembly_id", r[1].as<std::string>()},
      {"workshop_id", r[2].as<std::string>().empty() ? json() : json(r[2].as<std::string>())},
      {"workshop_theme", r[3].as<std::string>().empty() ? json() : json(r[3].as<std::string>())},
      {"type", r[4].as<std::string>()},
      {"title", r[5].as<std::string>()},
      {"starts_at", r[6].as<std::string>()},
      {"ends_at", r[7].as<std::string>()},
      {"place", r[8].as<std::string>()},
      {"online_link", r[9].as<std::string>()},
      {"agenda", r[10].as<std::string>()},
      {"minutes", r[11].as<std::string>()},
      {"documents", json::parse(r[12].as<std::string>())},
      {"speakers", json::parse(r[13].as<std::string>())},
      {"site", r[14].as<std::string>()},
      {"state", r[15].as<std::string>()},
      {"state_reason", r[16].as<std::string>()},
      {"sequence", r[17].as<int>()},
      {"checkin_code", r[18].as<std::string>()},
      {"day", r[20].as<std::string>()}};
}

}  // namespace

void upsert_phase(pqxx::work& tx, const std::string& assembly_id, const std::string& kind,
                  const std::string& starts_on, const std::string& ends_on) {
  tx.exec_params(kUpsertPhase, assembly_id, kind, starts_on, ends_on);
}

json phases(pqxx::transaction_base& tx, const std::string& assembly_id) {
  auto out = json::array();
  for (const auto& r : tx.exec_params(kPhases, assembly_id))
    out.push_back({{"kind", r[0].as<std::string>()},
                   {"starts_on", r[1].as<std::string>()},
                   {"ends_on", r[2].as<std::string>()}});
  return out;
}

void insert_session(pqxx::work& tx, const NewSession& s, const std::string& by) {
  tx.exec_params(kInsertSession, s.id, s.assembly_id, s.workshop_id, s.type, s.title, s.starts_at,
                 s.ends_at, s.place, s.online_link, s.agenda, s.speakers.dump(), s.site,
                 s.checkin_code, by);
}

std::optional<json> find_session(pqxx::transaction_base& tx, const std::string& id,
                                 bool for_update) {
  auto rows = tx.exec_params(for_update ? kFindSessionForUpdate : kFindSession, id);
  if (rows.empty()) return std::nullopt;
  return session_from_row(rows[0]);
}

json list_sessions(pqxx::transaction_base& tx, const std::string& assembly_id,
                   const std::string& workshop_id) {
  auto out = json::array();
  for (const auto& r : tx.exec_params(kListSessions, assembly_id, workshop_id))
    out.push_back(session_from_row(r));
  return out;
}

void reschedule(pqxx::work& tx, const std::string& id, const std::string& starts_at,
                const std::string& ends_at) {
  tx.exec_params(kReschedule, id, starts_at, ends_at);
}
void set_state(pqxx::work& tx, const std::string& id, const std::string& state,
               const std::string& reason) {
  tx.exec_params(kSetState, id, state, reason);
}
void set_minutes(pqxx::work& tx, const std::string& id, const std::string& minutes) {
  tx.exec_params(kSetMinutes, id, minutes);
}
void add_document(pqxx::work& tx, const std::string& id, const json& document) {
  tx.exec_params(kAddDocument, id, document.dump());
}
void record_change(pqxx::work& tx, const std::string& id, const std::string& actor,
                   const std::string& change, const json& detail) {
  tx.exec_params(kRecordChange, id, actor, change, detail.dump());
}
json changes(pqxx::transaction_base& tx, const std::string& id) {
  auto out = json::array();
  for (const auto& r : tx.exec_params(kChanges, id))
    out.push_back({{"at", r[0].as<std::string>()},
                   {"actor", r[1].as<std::string>()},
                   {"change", r[2].as<std::string>()},
                   {"detail", json::parse(r[3].as<std::string>())}});
  return out;
}

unsigned record_attendance(pqxx::work& tx, const std::string& session_id,
                           const std::string& member_id, const std::string& status,
                           const std::string& by, const std::string& via) {
  auto revision = tx.exec_params(kNextRevision, session_id, member_id)[0][0].as<int>();
  tx.exec_params(kUpsertAttendance, session_id, member_id, status, revision, by);
  tx.exec_params(kAttendanceChange, session_id, member_id, revision, status, by, via);
  return static_cast<unsigned>(revision);
}

json attendance(pqxx::transaction_base& tx, const std::string& session_id) {
  auto out = json::array();
  for (const auto& r : tx.exec_params(kAttendance, session_id))
    out.push_back({{"member_id", r[0].as<std::string>()},
                   {"status", r[1].as<std::string>()},
                   {"revision", r[2].as<int>()},
                   {"recorded_by", r[3].as<std::string>()},
                   {"recorded_at", r[4].as<std::string>()},
                   {"changes", json::parse(r[5].as<std::string>())}});
  return out;
}

}  // namespace workshops::store
