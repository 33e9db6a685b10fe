#include "store/council.h"

#include "assembly/core/ids.h"
#include "assembly/db/sql_time.h"

namespace followup::store {
using nlohmann::json;

namespace {
json or_null(const pqxx::field& f) {
  return f.is_null() ? json() : json(f.as<std::string>());
}
json int_or_null(const pqxx::field& f) {
  return f.is_null() ? json() : json(f.as<int>());
}
}  // namespace

std::optional<json> find_session(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = tx.exec_params(
      "SELECT id, name, body, held_on::text FROM council_sessions WHERE id = $1", id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return json{{"id", r[0].as<std::string>()},
              {"name", r[1].as<std::string>()},
              {"body", r[2].as<std::string>()},
              {"held_on", r[3].as<std::string>()}};
}

std::vector<std::string> agenda_of(pqxx::transaction_base& tx, const std::string& session_id) {
  std::vector<std::string> out;
  for (const auto& r : tx.exec_params(
           "SELECT id FROM agenda_items WHERE session_id = $1 ORDER BY position", session_id))
    out.push_back(r[0].as<std::string>());
  return out;
}

json recommendations_of(pqxx::transaction_base& tx, const std::string& dossier_id) {
  json out = json::array();
  for (const auto& r : tx.exec_params("SELECT dr.recommendation_id, coalesce(r.title, ''), "
                                      "coalesce(r.text, '') FROM dossier_recommendations dr "
                                      "LEFT JOIN recommendations r ON r.id = dr.recommendation_id "
                                      "WHERE dr.dossier_id = $1 ORDER BY dr.position",
                                      dossier_id))
    out.push_back({{"id", r[0].as<std::string>()},
                   {"title", r[1].as<std::string>()},
                   {"text", r[2].as<std::string>()}});
  return out;
}

json agenda_item_json(pqxx::transaction_base& tx, const std::string& item_id) {
  auto rows = tx.exec_params(
      "SELECT a.id, a.session_id, s.name, s.held_on::text, a.position, a.dossier_id, d.motion_id, d.assembly_id, d.theme, d.title, "
      "jsonb_array_length(d.spokespersons), a.presentation, a.debate_summary, a.decision, a.votes_for, a.votes_against, a.abstentions, "
      "a.amendments, " SQL_UTC("a.decided_at") " FROM agenda_items a JOIN council_sessions s ON s.id = a.session_id "
      "JOIN dossiers d ON d.id = a.dossier_id WHERE a.id = $1",
      item_id);
  if (rows.empty()) throw std::runtime_error("no agenda item " + item_id);
  const auto& r = rows[0];
  json positions = json::array();
  for (const auto& p : tx.exec_params("SELECT political_group, position, summary FROM "
                                      "group_positions WHERE agenda_item_id = $1 "
                                      "ORDER BY political_group",
                                      item_id))
    positions.push_back({{"group", p[0].as<std::string>()},
                         {"position", p[1].as<std::string>()},
                         {"summary", p[2].as<std::string>()}});
  return {{"id", r[0].as<std::string>()},
          {"session_id", r[1].as<std::string>()},
          {"session_name", r[2].as<std::string>()},
          {"held_on", r[3].as<std::string>()},
          {"position", r[4].as<int>()},
          {"dossier_id", r[5].as<std::string>()},
          {"motion_id", r[6].as<std::string>()},
          {"assembly_id", r[7].as<std::string>()},
          {"theme", r[8].as<std::string>()},
          {"title", r[9].as<std::string>()},
          {"spokespersons", r[10].as<int>()},
          {"recommendations", recommendations_of(tx, r[5].as<std::string>())},
          {"presentation", r[11].as<std::string>()},
          {"debate_summary", r[12].as<std::string>()},
          {"positions", positions},
          {"decision", or_null(r[13])},
          {"votes_for", int_or_null(r[14])},
          {"votes_against", int_or_null(r[15])},
          {"abstentions", int_or_null(r[16])},
          {"amendments", r[17].as<std::string>()},
          {"decided_at", or_null(r[18])}};
}

std::string place(pqxx::work& tx, const std::string& session_id, const std::string& dossier_id,
                  const std::string& actor) {
  auto id = assembly::core::new_uuid();
  tx.exec_params(
      "INSERT INTO agenda_items (id, session_id, dossier_id, position, placed_by) "
      "VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE "
      "session_id = $2), $4)",
      id, session_id, dossier_id, actor);
  return id;
}

int place_waiting_motions(pqxx::work& tx, const std::string& actor) {
  auto next = tx.exec(
      "SELECT id FROM council_sessions WHERE held_on >= (now() AT TIME ZONE 'UTC')::date ORDER BY "
      "held_on, created_at LIMIT 1");
  if (next.empty()) return 0;
  int placed = 0;
  for (const auto& d :
       tx.exec("SELECT id FROM dossiers d WHERE sent_to_council_at IS NOT NULL AND NOT EXISTS "
               "(SELECT 1 FROM agenda_items a WHERE a.dossier_id = d.id) ORDER BY "
               "sent_to_council_at FOR UPDATE")) {
    place(tx, next[0][0].as<std::string>(), d[0].as<std::string>(), actor);
    ++placed;
  }
  return placed;
}

}  // namespace followup::store
