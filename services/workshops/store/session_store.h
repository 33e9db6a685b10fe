#pragma once
// SQL for phases, sessions and their changes, and attendance. Reads return JSON. Each query is a
// named constant.
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace workshops::store {

// Phases.
void upsert_phase(pqxx::work& tx, const std::string& assembly_id, const std::string& kind,
                  const std::string& starts_on, const std::string& ends_on);
nlohmann::json phases(pqxx::transaction_base& tx, const std::string& assembly_id);

// Sessions. The full record (with the check-in code, minutes and documents); the API trims it.
struct NewSession {
  std::string id, assembly_id, workshop_id, type, title, starts_at, ends_at, place, online_link,
      agenda, site, checkin_code;
  nlohmann::json speakers = nlohmann::json::array();
};
void insert_session(pqxx::work& tx, const NewSession& s, const std::string& by);
std::optional<nlohmann::json> find_session(pqxx::transaction_base& tx, const std::string& id,
                                           bool for_update = false);
// Sessions of an assembly, of one workshop (and the plenaries) when workshop_id is given.
nlohmann::json list_sessions(pqxx::transaction_base& tx, const std::string& assembly_id,
                             const std::string& workshop_id);
void reschedule(pqxx::work& tx, const std::string& id, const std::string& starts_at,
                const std::string& ends_at);
void set_state(pqxx::work& tx, const std::string& id, const std::string& state,
               const std::string& reason);
void set_minutes(pqxx::work& tx, const std::string& id, const std::string& minutes);
void add_document(pqxx::work& tx, const std::string& id, const nlohmann::json& document);
void record_change(pqxx::work& tx, const std::string& id, const std::string& actor,
                   const std::string& change, const nlohmann::json& detail);
nlohmann::json changes(pqxx::transaction_base& tx, const std::string& id);

// Attendance: the next revision for (session, member), written with its change line.
unsigned record_attendance(pqxx::work& tx, const std::string& session_id,
                           const std::string& member_id, const std::string& status,
                           const std::string& by, const std::string& via);
nlohmann::json attendance(pqxx::transaction_base& tx,
                          const std::string& session_id);  // current, with corrections

}  // namespace workshops::store
