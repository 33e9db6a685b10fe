#pragma once
// SQL for the Council's sessions and agenda, and the recommendations each motion carries.
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace followup::store {

std::optional<nlohmann::json> find_session(pqxx::transaction_base& tx, const std::string& id);
std::vector<std::string> agenda_of(pqxx::transaction_base& tx,
                                   const std::string& session_id);  // item ids, in order
// An agenda item with its session, motion, recommendations, debate and decision.
nlohmann::json agenda_item_json(pqxx::transaction_base& tx, const std::string& item_id);
// Puts the dossier's motion last on the session's agenda; the new item's id.
std::string place(pqxx::work& tx, const std::string& session_id, const std::string& dossier_id,
                  const std::string& actor);
// Motions sent to the Council and on no agenda yet go on the first session held today or later,
// if there is one. Returns how many were placed.
int place_waiting_motions(pqxx::work& tx, const std::string& actor);

// The recommendations of a motion sent to the Council, in the motion's order (title and text
// from RecommendationSubmitted, "" until it arrives).
nlohmann::json recommendations_of(pqxx::transaction_base& tx, const std::string& dossier_id);

}  // namespace followup::store
