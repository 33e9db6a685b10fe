#include "store/council.h"

#include <map>

#include "assembly/core/ids.h"
#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace followup::store {

using assembly::db::text_array;
namespace {

constexpr const char* kFindSession =
    "SELECT id, name, body, held_on::text AS held_on FROM council_sessions WHERE id = $1";
constexpr const char* kInsertSession =
    "INSERT INTO council_sessions (id, name, body, held_on, created_by) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr const char* kSessions =
    "SELECT id, name, body, held_on::text AS held_on FROM council_sessions "
    "ORDER BY held_on, created_at";
constexpr const char* kAgendaOf =
    "SELECT id FROM agenda_items WHERE session_id = $1 ORDER BY position";

#define AGENDA_ITEM_COLUMNS \
  "SELECT a.id, a.session_id, s.name AS session_name, s.held_on::text AS held_on, a.position, " \
  "a.dossier_id, d.motion_id, d.assembly_id, d.theme, d.title, "                                \
  "jsonb_array_length(d.spokespersons) AS spokespersons, a.presentation, a.debate_summary, "    \
  "a.decision, a.votes_for, a.votes_against, a.abstentions, a.amendments, " SQL_UTC(            \
      "a.decided_at") " AS decided_at "                                                         \
                      "FROM agenda_items a JOIN council_sessions s ON s.id = a.session_id "     \
                      "JOIN dossiers d ON d.id = a.dossier_id "
constexpr const char* kFindAgendaItem = AGENDA_ITEM_COLUMNS "WHERE a.id = $1";
constexpr const char* kAgendaItemsOfAssembly = AGENDA_ITEM_COLUMNS "WHERE d.assembly_id = $1";
#undef AGENDA_ITEM_COLUMNS

constexpr const char* kPositionsOf =
    "SELECT political_group, position, summary FROM group_positions WHERE agenda_item_id = $1 "
    "ORDER BY political_group";
constexpr const char* kPositionsOfAssembly =
    "SELECT g.agenda_item_id, g.political_group, g.position, g.summary FROM group_positions g "
    "JOIN agenda_items a ON a.id = g.agenda_item_id JOIN dossiers d ON d.id = a.dossier_id "
    "WHERE d.assembly_id = $1 ORDER BY g.agenda_item_id, g.political_group";
constexpr const char* kRecommendationsOf =
    "SELECT dr.recommendation_id AS id, coalesce(r.title, '') AS title, "
    "coalesce(r.text, '') AS text FROM dossier_recommendations dr "
    "LEFT JOIN recommendations r ON r.id = dr.recommendation_id "
    "WHERE dr.dossier_id = $1 ORDER BY dr.position";
constexpr const char* kRecommendationsOfAssembly =
    "SELECT dr.dossier_id, dr.recommendation_id AS id, coalesce(r.title, '') AS title, "
    "coalesce(r.text, '') AS text FROM dossier_recommendations dr "
    "JOIN dossiers d ON d.id = dr.dossier_id "
    "LEFT JOIN recommendations r ON r.id = dr.recommendation_id "
    "WHERE d.assembly_id = $1 ORDER BY dr.dossier_id, dr.position";
constexpr const char* kPlace =
    "INSERT INTO agenda_items (id, session_id, dossier_id, position, placed_by) "
    "VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE "
    "session_id = $2), $4)";
constexpr const char* kMoveItem =
    "UPDATE agenda_items SET session_id = $2, position = (SELECT "
    "coalesce(max(position), 0) + 1 FROM agenda_items "
    "WHERE session_id = $2), placed_by = $3, placed_at = now() WHERE id = $1";
constexpr const char* kNextSession =
    "SELECT id FROM council_sessions WHERE held_on >= (now() AT TIME ZONE 'UTC')::date ORDER BY "
    "held_on, created_at LIMIT 1";
constexpr const char* kWaitingDossiers =
    "SELECT id FROM dossiers d WHERE sent_to_council_at IS NOT NULL AND NOT EXISTS "
    "(SELECT 1 FROM agenda_items a WHERE a.dossier_id = d.id) ORDER BY "
    "sent_to_council_at FOR UPDATE";
constexpr const char* kLockDossierSent =
    "SELECT sent_to_council_at IS NOT NULL AS sent FROM dossiers WHERE id = $1 FOR UPDATE";
constexpr const char* kItemOfDossier =
    "SELECT id, decision IS NOT NULL AS decided FROM agenda_items WHERE dossier_id = $1";
constexpr const char* kSaveDebate =
    "UPDATE agenda_items SET presentation = $2, debate_summary = $3 WHERE id = $1";
constexpr const char* kDeletePositions = "DELETE FROM group_positions WHERE agenda_item_id = $1";
constexpr const char* kInsertPositions =
    "INSERT INTO group_positions (agenda_item_id, political_group, position, summary) "
    "SELECT $1, g, p, s FROM unnest($2::text[], $3::text[], $4::text[]) AS t(g, p, s)";
constexpr const char* kSaveDecision =
    "UPDATE agenda_items SET decision = $2, votes_for = $3, votes_against = $4, "
    "abstentions = $5, amendments = $6, decided_at = now(), decided_by = $7 WHERE id = $1";
constexpr const char* kSetDossierStage = "UPDATE dossiers SET stage = $2 WHERE id = $1";
constexpr const char* kAddDossierRecommendations =
    "INSERT INTO dossier_recommendations (dossier_id, recommendation_id, position) "
    "SELECT $1, r, p FROM unnest($2::text[]) WITH ORDINALITY AS t(r, p) ON CONFLICT DO NOTHING";
constexpr const char* kUpsertRecommendation =
    "INSERT INTO recommendations (id, assembly_id, workshop_id, theme, title, text, version) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) "
    "ON CONFLICT (id) DO UPDATE SET title = excluded.title, text = excluded.text, version "
    "= excluded.version WHERE recommendations.version <= excluded.version";

std::optional<std::string> text_or_null(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}
std::optional<int> int_or_null(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<int>();
}

Session session_from(const pqxx::row& r) {
  return {r["id"].as<std::string>(), r["name"].as<std::string>(), r["body"].as<std::string>(),
          r["held_on"].as<std::string>()};
}

RecommendationText recommendation_from(const pqxx::row& r) {
  return {r["id"].as<std::string>(), r["title"].as<std::string>(), r["text"].as<std::string>()};
}

GroupPositionRow position_from(const pqxx::row& r) {
  return {r["political_group"].as<std::string>(), r["position"].as<std::string>(),
          r["summary"].as<std::string>()};
}

// Everything but the recommendations and the groups' positions.
AgendaItem item_from(const pqxx::row& r) {
  AgendaItem a;
  a.id = r["id"].as<std::string>();
  a.session_id = r["session_id"].as<std::string>();
  a.session_name = r["session_name"].as<std::string>();
  a.held_on = r["held_on"].as<std::string>();
  a.position = r["position"].as<int>();
  a.dossier_id = r["dossier_id"].as<std::string>();
  a.motion_id = r["motion_id"].as<std::string>();
  a.assembly_id = r["assembly_id"].as<std::string>();
  a.theme = r["theme"].as<std::string>();
  a.title = r["title"].as<std::string>();
  a.spokespersons = r["spokespersons"].as<int>();
  a.presentation = r["presentation"].as<std::string>();
  a.debate_summary = r["debate_summary"].as<std::string>();
  a.decision = text_or_null(r["decision"]);
  a.votes_for = int_or_null(r["votes_for"]);
  a.votes_against = int_or_null(r["votes_against"]);
  a.abstentions = int_or_null(r["abstentions"]);
  a.amendments = r["amendments"].as<std::string>();
  a.decided_at = text_or_null(r["decided_at"]);
  return a;
}

}  // namespace

std::optional<Session> find_session(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kFindSession, id);
  if (rows.empty()) return std::nullopt;
  return session_from(rows[0]);
}

void insert_session(pqxx::work& tx, const Session& s, const std::string& actor) {
  assembly::db::exec(tx, kInsertSession, s.id, s.name, s.body, s.held_on, actor);
}

std::vector<Session> sessions(pqxx::transaction_base& tx) {
  std::vector<Session> out;
  for (const auto& r : tx.exec(kSessions)) out.push_back(session_from(r));
  return out;
}

std::vector<std::string> agenda_of(pqxx::transaction_base& tx, const std::string& session_id) {
  std::vector<std::string> out;
  for (const auto& r : assembly::db::exec(tx, kAgendaOf, session_id))
    out.push_back(r["id"].as<std::string>());
  return out;
}

std::vector<RecommendationText> recommendations_of(pqxx::transaction_base& tx,
                                                   const std::string& dossier_id) {
  std::vector<RecommendationText> out;
  for (const auto& r : assembly::db::exec(tx, kRecommendationsOf, dossier_id))
    out.push_back(recommendation_from(r));
  return out;
}

std::vector<std::pair<std::string, RecommendationText>> recommendations_of_assembly(
    pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<std::pair<std::string, RecommendationText>> out;
  for (const auto& r : assembly::db::exec(tx, kRecommendationsOfAssembly, assembly_id))
    out.emplace_back(r["dossier_id"].as<std::string>(), recommendation_from(r));
  return out;
}

std::optional<AgendaItem> find_agenda_item(pqxx::transaction_base& tx, const std::string& item_id) {
  auto rows = assembly::db::exec(tx, kFindAgendaItem, item_id);
  if (rows.empty()) return std::nullopt;
  auto item = item_from(rows[0]);
  item.recommendations = recommendations_of(tx, item.dossier_id);
  for (const auto& p : assembly::db::exec(tx, kPositionsOf, item_id))
    item.positions.push_back(position_from(p));
  return item;
}

std::vector<AgendaItem> agenda_items_of_assembly(pqxx::transaction_base& tx,
                                                 const std::string& assembly_id) {
  std::vector<AgendaItem> out;
  std::map<std::string, std::size_t> at;
  for (const auto& r : assembly::db::exec(tx, kAgendaItemsOfAssembly, assembly_id)) {
    at[r["id"].as<std::string>()] = out.size();
    out.push_back(item_from(r));
  }
  std::map<std::string, std::size_t> by_dossier;
  for (std::size_t i = 0; i < out.size(); ++i) by_dossier[out[i].dossier_id] = i;
  for (auto& [dossier_id, rec] : recommendations_of_assembly(tx, assembly_id)) {
    auto it = by_dossier.find(dossier_id);
    if (it != by_dossier.end()) out[it->second].recommendations.push_back(std::move(rec));
  }
  for (const auto& p : assembly::db::exec(tx, kPositionsOfAssembly, assembly_id)) {
    auto it = at.find(p["agenda_item_id"].as<std::string>());
    if (it != at.end()) out[it->second].positions.push_back(position_from(p));
  }
  return out;
}

std::string place(pqxx::work& tx, const std::string& session_id, const std::string& dossier_id,
                  const std::string& actor) {
  auto id = assembly::core::new_uuid();
  assembly::db::exec(tx, kPlace, id, session_id, dossier_id, actor);
  return id;
}

void move_item(pqxx::work& tx, const std::string& item_id, const std::string& session_id,
               const std::string& actor) {
  assembly::db::exec(tx, kMoveItem, item_id, session_id, actor);
}

int place_waiting_motions(pqxx::work& tx, const std::string& actor) {
  auto next = tx.exec(kNextSession);
  if (next.empty()) return 0;
  const auto session_id = next[0]["id"].as<std::string>();
  int placed = 0;
  for (const auto& d : tx.exec(kWaitingDossiers)) {
    place(tx, session_id, d["id"].as<std::string>(), actor);
    ++placed;
  }
  return placed;
}

std::optional<bool> lock_dossier_sent(pqxx::work& tx, const std::string& dossier_id) {
  auto rows = assembly::db::exec(tx, kLockDossierSent, dossier_id);
  if (rows.empty()) return std::nullopt;
  return rows[0]["sent"].as<bool>();
}

std::optional<PlacedItem> item_of_dossier(pqxx::transaction_base& tx,
                                          const std::string& dossier_id) {
  auto rows = assembly::db::exec(tx, kItemOfDossier, dossier_id);
  if (rows.empty()) return std::nullopt;
  return PlacedItem{rows[0]["id"].as<std::string>(), rows[0]["decided"].as<bool>()};
}

void save_debate(pqxx::work& tx, const std::string& item_id, const std::string& presentation,
                 const std::string& summary, const std::vector<GroupPositionRow>& positions) {
  assembly::db::exec(tx, kSaveDebate, item_id, presentation, summary);
  assembly::db::exec(tx, kDeletePositions, item_id);
  if (positions.empty()) return;
  std::vector<std::string> groups, stands, summaries;
  for (const auto& p : positions) {
    groups.push_back(p.group);
    stands.push_back(p.position);
    summaries.push_back(p.summary);
  }
  assembly::db::exec(tx, kInsertPositions, item_id, text_array(groups), text_array(stands),
                     text_array(summaries));
}

void save_decision(pqxx::work& tx, const std::string& item_id, const domain::Decision& d,
                   const std::string& actor) {
  assembly::db::exec(tx, kSaveDecision, item_id, domain::to_string(d.decision), d.votes_for,
                     d.votes_against, d.abstentions, d.amendments, actor);
}

void set_dossier_stage(pqxx::work& tx, const std::string& dossier_id, domain::DossierStage stage) {
  assembly::db::exec(tx, kSetDossierStage, dossier_id, domain::to_string(stage));
}

void add_dossier_recommendations(pqxx::work& tx, const std::string& dossier_id,
                                 const std::vector<std::string>& recommendation_ids) {
  if (recommendation_ids.empty()) return;
  assembly::db::exec(tx, kAddDossierRecommendations, dossier_id, text_array(recommendation_ids));
}

void upsert_recommendation(pqxx::work& tx, const RecommendationVersion& r) {
  assembly::db::exec(tx, kUpsertRecommendation, r.id, r.assembly_id, r.workshop_id, r.theme,
                     r.title, r.text, r.version);
}

}  // namespace followup::store
