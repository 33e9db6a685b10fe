#pragma once
// SQL for the Council's sessions and agenda, and the recommendations each motion carries.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/council.h"
#include "domain/dossier.h"

namespace followup::store {

struct Session {
  std::string id, name, body, held_on;
};
struct RecommendationText {
  std::string id, title, text;  // title and text "" until RecommendationSubmitted arrives
};
struct GroupPositionRow {
  std::string group, position, summary;
};
// An agenda item with its session, motion, recommendations, debate and decision.
struct AgendaItem {
  std::string id, session_id, session_name, held_on;
  int position = 0;
  std::string dossier_id, motion_id, assembly_id, theme, title;
  int spokespersons = 0;
  std::vector<RecommendationText> recommendations;
  std::string presentation, debate_summary;
  std::vector<GroupPositionRow> positions;  // by group
  std::optional<std::string> decision;      // nothing until decided
  std::optional<int> votes_for, votes_against, abstentions;
  std::string amendments;
  std::optional<std::string> decided_at;
};

std::optional<Session> find_session(pqxx::transaction_base& tx, const std::string& id);
void insert_session(pqxx::work& tx, const Session& s, const std::string& actor);
std::vector<Session> sessions(pqxx::transaction_base& tx);  // by date, then creation
std::vector<std::string> agenda_of(pqxx::transaction_base& tx,
                                   const std::string& session_id);  // item ids, in order
std::optional<AgendaItem> find_agenda_item(pqxx::transaction_base& tx, const std::string& item_id);
// The agenda item of every dossier of an assembly that has one, by dossier id.
std::vector<AgendaItem> agenda_items_of_assembly(pqxx::transaction_base& tx,
                                                 const std::string& assembly_id);
// Puts the dossier's motion last on the session's agenda; the new item's id.
std::string place(pqxx::work& tx, const std::string& session_id, const std::string& dossier_id,
                  const std::string& actor);
// Moves an item last on another session's agenda.
void move_item(pqxx::work& tx, const std::string& item_id, const std::string& session_id,
               const std::string& actor);
// Motions sent to the Council and on no agenda yet go on the first session held today or later,
// if there is one. Returns how many were placed.
int place_waiting_motions(pqxx::work& tx, const std::string& actor);

// A dossier, locked: whether its motion was sent to the Council; nothing when there is none.
std::optional<bool> lock_dossier_sent(pqxx::work& tx, const std::string& dossier_id);
struct PlacedItem {
  std::string id;
  bool decided = false;
};
std::optional<PlacedItem> item_of_dossier(pqxx::transaction_base& tx,
                                          const std::string& dossier_id);

void save_debate(pqxx::work& tx, const std::string& item_id, const std::string& presentation,
                 const std::string& summary, const std::vector<GroupPositionRow>& positions);
void save_decision(pqxx::work& tx, const std::string& item_id, const domain::Decision& d,
                   const std::string& actor);
void set_dossier_stage(pqxx::work& tx, const std::string& dossier_id, domain::DossierStage stage);

// The recommendations of a motion sent to the Council, in the motion's order.
std::vector<RecommendationText> recommendations_of(pqxx::transaction_base& tx,
                                                   const std::string& dossier_id);
// The same for every dossier of an assembly, each dossier's in its motion's order.
std::vector<std::pair<std::string, RecommendationText>> recommendations_of_assembly(
    pqxx::transaction_base& tx, const std::string& assembly_id);
// The recommendations a motion carries, in its order (MotionSentToCouncil); known ones are kept.
void add_dossier_recommendations(pqxx::work& tx, const std::string& dossier_id,
                                 const std::vector<std::string>& recommendation_ids);
struct RecommendationVersion {
  std::string id, assembly_id, workshop_id, theme, title, text;
  int version = 0;
};
// The newest version wins.
void upsert_recommendation(pqxx::work& tx, const RecommendationVersion& r);

}  // namespace followup::store
