#include "store/dossier_store.h"

#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace followup::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO dossiers (id, motion_id, assembly_id, theme, stage) VALUES ($1, $2, $3, $4, $5) "
    "ON CONFLICT (motion_id) DO NOTHING";
#define DOSSIER_COLUMNS \
  "SELECT id, motion_id, assembly_id, theme, stage, " SQL_UTC("opened_at") " AS opened_at, " \
  "title, coalesce(" SQL_UTC("adopted_by_assembly_at") ", '') AS adopted_by_assembly_at, "   \
  "coalesce(" SQL_UTC("sent_to_council_at") ", '') AS sent_to_council_at, "                  \
  "jsonb_array_length(spokespersons) AS spokespersons, motion_text FROM dossiers "
constexpr const char* kFind = DOSSIER_COLUMNS "WHERE id = $1";
constexpr const char* kList = DOSSIER_COLUMNS "WHERE assembly_id = $1 ORDER BY theme";
#undef DOSSIER_COLUMNS
constexpr const char* kMarkAdopted =
    "UPDATE dossiers SET title = $2, adopted_by_assembly_at = "
    "coalesce(adopted_by_assembly_at, now()) WHERE motion_id = $1";
constexpr const char* kMarkSent =
    "UPDATE dossiers SET title = $2, motion_text = $3, spokespersons = $4::jsonb, "
    "sent_to_council_at = coalesce(sent_to_council_at, now()) WHERE motion_id = $1";
constexpr const char* kIdOfMotion = "SELECT id FROM dossiers WHERE motion_id = $1";

Dossier from_row(const pqxx::row& r) {
  return {r["id"].as<std::string>(),
          r["motion_id"].as<std::string>(),
          r["assembly_id"].as<std::string>(),
          r["theme"].as<std::string>(),
          domain::parse_stage(r["stage"].as<std::string>())
              .value_or(domain::DossierStage::awaiting_council),
          r["opened_at"].as<std::string>(),
          r["title"].as<std::string>(),
          r["adopted_by_assembly_at"].as<std::string>(),
          r["sent_to_council_at"].as<std::string>(),
          r["spokespersons"].as<int>(),
          r["motion_text"].as<std::string>()};
}

}  // namespace

bool insert_if_new(pqxx::work& tx, const Dossier& d) {
  return assembly::db::exec(tx, kInsert, d.id, d.motion_id, d.assembly_id, d.theme,
                            domain::to_string(d.stage))
             .affected_rows() == 1;
}

std::optional<Dossier> find(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kFind, id);
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

std::vector<Dossier> list(pqxx::transaction_base& tx, const std::string& assembly_id) {
  std::vector<Dossier> out;
  for (const auto& r : assembly::db::exec(tx, kList, assembly_id)) out.push_back(from_row(r));
  return out;
}

bool mark_adopted(pqxx::work& tx, const std::string& motion_id, const std::string& title) {
  return assembly::db::exec(tx, kMarkAdopted, motion_id, title).affected_rows() == 1;
}

bool mark_sent(pqxx::work& tx, const std::string& motion_id, const std::string& title,
               const std::string& text, const std::string& spokespersons_json) {
  return assembly::db::exec(tx, kMarkSent, motion_id, title, text, spokespersons_json)
             .affected_rows() == 1;
}

std::optional<std::string> dossier_of_motion(pqxx::transaction_base& tx,
                                             const std::string& motion_id) {
  auto rows = assembly::db::exec(tx, kIdOfMotion, motion_id);
  if (rows.empty()) return std::nullopt;
  return rows[0]["id"].as<std::string>();
}

}  // namespace followup::store
