#pragma once
// SQL for phases, sessions and their changes, and attendance. Each query is a named constant;
// rows are read by column name into the structs below.
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/db/attendance.h"
#include "domain/sessions.h"

namespace workshops::store {

// Phases.
struct Phase {
  std::string kind, starts_on, ends_on;  // dates "YYYY-MM-DD"
};
void upsert_phase(pqxx::work& tx, const std::string& assembly_id, const std::string& kind,
                  const std::string& starts_on, const std::string& ends_on);
std::vector<Phase> phases(pqxx::transaction_base& tx, const std::string& assembly_id);
// Serialises the changes of an assembly's phases (until the transaction ends).
void lock_phases(pqxx::work& tx, const std::string& assembly_id);

// Sessions.
struct Speaker {
  std::string name, organisation, topic;
};
struct Document {
  std::string title, url;
};
// The full record (with the check-in code, minutes and documents); the API trims it.
struct Session {
  std::string id, assembly_id;
  std::string workshop_id, workshop_theme;  // "" for a plenary
  domain::SessionType type = domain::SessionType::working_session;
  std::string title, starts_at, ends_at, place, online_link, agenda, minutes;
  std::vector<Document> documents;
  std::vector<Speaker> speakers;
  std::string site;
  domain::SessionState state = domain::SessionState::scheduled;
  std::string state_reason;
  int sequence = 0;
  std::string checkin_code;
  std::string day;           // the date it starts on (UTC), "YYYY-MM-DD"
  std::string phase;         // its phase (discovery, ...), "" when none is known
  bool phase_named = false;  // the session named it (else: the phase containing it)
};
struct NewSession {
  std::string id, assembly_id, workshop_id;
  domain::SessionType type = domain::SessionType::working_session;
  std::string title, starts_at, ends_at, place, online_link, agenda, site, checkin_code;
  std::vector<Speaker> speakers;
  std::string phase;  // "" when none is known
  bool phase_named = false;
};
void insert_session(pqxx::work& tx, const NewSession& s, const std::string& by);
std::optional<Session> find_session(pqxx::transaction_base& tx, const std::string& id,
                                    bool for_update = false);
// Sessions of an assembly, of one workshop (and the plenaries) when workshop_id is given.
std::vector<Session> list_sessions(pqxx::transaction_base& tx, const std::string& assembly_id,
                                   const std::string& workshop_id);
void reschedule(pqxx::work& tx, const std::string& id, const std::string& starts_at,
                const std::string& ends_at, const std::string& phase);
void set_state(pqxx::work& tx, const std::string& id, domain::SessionState state,
               const std::string& reason);
void set_minutes(pqxx::work& tx, const std::string& id, const std::string& minutes);
void add_document(pqxx::work& tx, const std::string& id, const Document& document);
// Whether check-in is open now: from an hour before the session starts to an hour after it ends.
bool checkin_open(pqxx::transaction_base& tx, const std::string& id);

// The session's history: each change with its detail (a JSON document, as recorded).
struct Change {
  std::string at, actor, change;
  nlohmann::json detail;
};
void record_change(pqxx::work& tx, const std::string& id, const std::string& actor,
                   const std::string& change, const nlohmann::json& detail);
std::vector<Change> changes(pqxx::transaction_base& tx, const std::string& id);

// Attendance: the next revision for (session, member), written with its change line (and the
// correction's reason; "" for none).
unsigned record_attendance(pqxx::work& tx, const std::string& session_id,
                           const std::string& member_id, const std::string& status,
                           const std::string& by, const std::string& via,
                           const std::string& reason = "");
// The member's current status in the session; nullopt when none is recorded.
std::optional<std::string> attendance_status(pqxx::transaction_base& tx,
                                             const std::string& session_id,
                                             const std::string& member_id);
using assembly::db::Attendance;  // current, with its changes
// Current, with corrections, by member.
std::vector<Attendance> attendance(pqxx::transaction_base& tx, const std::string& session_id);

}  // namespace workshops::store
