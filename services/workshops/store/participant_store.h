#pragma once
// SQL for a session's participants beside the members, their attendance, and the decisions of
// plenaries. Each query is a named constant; rows are read by column name into the structs below.
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/participants.h"

namespace workshops::store {

// A participant on a session (not removed).
struct Participant {
  std::string id, session_id;
  domain::ParticipantKind kind = domain::ParticipantKind::department;
  std::string name, organisation, title, added_by, added_at;
};
void insert_participant(pqxx::work& tx, const Participant& p);
// The session's participants, removed ones left out, in the order they were added.
std::vector<Participant> participants(pqxx::transaction_base& tx, const std::string& session_id);
std::optional<Participant> find_participant(pqxx::transaction_base& tx,
                                            const std::string& session_id,
                                            const std::string& participant_id);
void remove_participant(pqxx::work& tx, const std::string& participant_id, const std::string& by);

// Participants' attendance: the next revision, with its change line.
unsigned record_participant_attendance(pqxx::work& tx, const std::string& session_id,
                                       const std::string& participant_id, const std::string& status,
                                       const std::string& by);
std::optional<std::string> participant_attendance_status(pqxx::transaction_base& tx,
                                                         const std::string& session_id,
                                                         const std::string& participant_id);
struct ParticipantAttendanceChange {
  int revision = 0;
  std::string status, recorded_by, recorded_at;
};
struct ParticipantAttendance {
  std::string participant_id;
  domain::ParticipantKind kind = domain::ParticipantKind::department;
  std::string organisation, status;
  int revision = 0;
  std::string recorded_by, recorded_at;
  std::vector<ParticipantAttendanceChange> changes;  // by revision
};
// Current, with corrections, of the participants still on the session.
std::vector<ParticipantAttendance> participant_attendance(pqxx::transaction_base& tx,
                                                          const std::string& session_id);

// What a plenary decided. `kind`: "mandate" (recorded by the mandate's vote); other services'
// announcements later. Recording the same (session, kind, ref_id) again replaces it.
struct PlenaryDecision {
  std::string session_id, kind, ref_id, title, outcome;
  nlohmann::json details = nlohmann::json::object();
  std::string source = "workshops";
  std::string recorded_at;  // read only
};
void record_plenary_decision(pqxx::work& tx, const PlenaryDecision& d);
std::vector<PlenaryDecision> plenary_decisions(pqxx::transaction_base& tx,
                                               const std::string& session_id);

}  // namespace workshops::store
