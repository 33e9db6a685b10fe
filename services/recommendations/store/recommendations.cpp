#include "store/recommendations.h"

#include <sstream>
#include <stdexcept>

#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace recommendations::store {

using assembly::db::text_array;

namespace {

constexpr const char* kUpsertMandate =
    "INSERT INTO mandates (workshop_id, mandate_id, assembly_id, text) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (workshop_id) DO UPDATE SET mandate_id = excluded.mandate_id, text = "
    "excluded.text, adopted_at = now()";

constexpr const char* kDetachFromMotion =
    "UPDATE recommendations SET motion_id = NULL WHERE motion_id = $1";
constexpr const char* kAttachToMotion =
    "UPDATE recommendations SET motion_id = $2 WHERE id = $1 AND workshop_id = $3 AND "
    "status = 'in-co-construction'";
constexpr const char* kCarryForMotion =
    "UPDATE recommendations SET status = 'carried' WHERE motion_id = $1 AND "
    "status = 'in-co-construction' RETURNING id";
constexpr const char* kInsertCarriedChanges =
    "INSERT INTO recommendation_changes (recommendation_id, actor, from_status, to_status, reason) "
    "SELECT u.id, $2, 'in-co-construction', 'carried', 'motion sent to the Council' "
    "FROM unnest($1::text[]) WITH ORDINALITY AS u(id, n) ORDER BY u.n";

constexpr const char* kMandateOf = "SELECT mandate_id FROM mandates WHERE workshop_id = $1";

constexpr const char* kInsertRecommendation =
    "INSERT INTO recommendations (id, assembly_id, workshop_id, theme, title, created_by, "
    "mandate_id) VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr const char* kInsertFirstVersion =
    "INSERT INTO recommendation_versions (recommendation_id, version, text, author) VALUES "
    "($1, 1, $2, $3)";
constexpr const char* kRecommendationColumns =
    "SELECT r.id AS id, r.assembly_id AS assembly_id, r.workshop_id AS workshop_id, r.theme AS "
    "theme, r.title AS title, r.status AS status, r.version AS version, coalesce(r.motion_id, '') "
    "AS motion_id, v.text AS text, coalesce(r.mandate_id, '') AS mandate_id, "
    "coalesce(r.plenary_session_id, '') AS plenary_session_id, coalesce((SELECT "
    "string_agg(d.department, E'\\n' ORDER BY d.department) FROM recommendation_departments d "
    "WHERE d.recommendation_id = r.id), '') AS departments FROM recommendations "
    "r JOIN recommendation_versions v ON v.recommendation_id = r.id AND v.version = r.version ";
const std::string kFindRecommendation = std::string(kRecommendationColumns) + "WHERE r.id = $1";
const std::string kFindRecommendationForUpdate = kFindRecommendation + " FOR UPDATE OF r";
const std::string kListRecommendations =
    std::string(kRecommendationColumns) +
    "WHERE r.assembly_id = $1 AND ($2 = '' OR EXISTS (SELECT 1 FROM recommendation_departments d "
    "WHERE d.recommendation_id = r.id AND d.department = $2)) ORDER BY r.theme, r.created_at";
constexpr const char* kDropDepartments =
    "DELETE FROM recommendation_departments WHERE recommendation_id = $1 "
    "AND NOT (department = ANY ($2::text[]))";
constexpr const char* kAddDepartments =
    "INSERT INTO recommendation_departments (recommendation_id, department, addressed_by) "
    "SELECT $1, d, $3 FROM unnest($2::text[]) AS d ON CONFLICT DO NOTHING";
constexpr const char* kAmendmentsOf =
    "SELECT id, recommendation_id, base_version, text, rationale, author, state FROM amendments "
    "WHERE recommendation_id = $1 ORDER BY created_at, id";

constexpr const char* kVersions =
    "SELECT version, author, coalesce(amendment_id, '') AS amendment_id, " SQL_UTC(
        "created_at") " AS created_at FROM recommendation_versions WHERE recommendation_id = $1 "
                      "ORDER BY version";
constexpr const char* kVersionText =
    "SELECT text FROM recommendation_versions WHERE recommendation_id = $1 AND version = $2";
constexpr const char* kInsertVersion =
    "INSERT INTO recommendation_versions (recommendation_id, version, text, author, amendment_id) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr const char* kSetVersion = "UPDATE recommendations SET version = $2 WHERE id = $1";

constexpr const char* kStatusChanges =
    "SELECT " SQL_UTC("at") " AS at, actor, from_status, to_status, reason FROM "
                            "recommendation_changes WHERE recommendation_id = $1 ORDER BY seq";
constexpr const char* kSetStatus = "UPDATE recommendations SET status = $2 WHERE id = $1";
constexpr const char* kSetPlenary =
    "UPDATE recommendations SET plenary_session_id = $2 WHERE id = $1";
constexpr const char* kInsertStatusChange =
    "INSERT INTO recommendation_changes (recommendation_id, actor, from_status, to_status, reason) "
    "VALUES ($1, $2, $3, $4, $5)";

constexpr const char* kInsertAmendment =
    "INSERT INTO amendments (id, recommendation_id, base_version, text, rationale, author) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kFindAmendmentForUpdate =
    "SELECT id, recommendation_id, base_version, text, rationale, author, state FROM amendments "
    "WHERE id = $1 FOR UPDATE";
constexpr const char* kDecideAmendment =
    "UPDATE amendments SET state = $2, decided_by = $3, decided_at = now() WHERE id = $1";

constexpr const char* kFeedbackExists =
    "SELECT 1 FROM feedback WHERE id = $1 AND recommendation_id = $2";
constexpr const char* kInsertFeedback =
    "INSERT INTO feedback (id, recommendation_id, reply_to, author, author_role, feasibility, "
    "cost_estimate, legal_constraints, department, text) VALUES ($1, $2, NULLIF($3, ''), $4, $5, "
    "$6, $7, $8, $9, $10)";
constexpr const char* kFeedbackOf =
    "SELECT id, recommendation_id, coalesce(reply_to, '') AS reply_to, author, author_role, "
    "feasibility, cost_estimate, legal_constraints, department, text, " SQL_UTC(
        "created_at") " AS created_at FROM feedback WHERE recommendation_id = $1 "
                      "ORDER BY created_at, id";

Recommendation recommendation_of(const pqxx::row& r) {
  Recommendation out;
  out.id = r["id"].as<std::string>();
  out.assembly_id = r["assembly_id"].as<std::string>();
  out.workshop_id = r["workshop_id"].as<std::string>();
  out.theme = r["theme"].as<std::string>();
  out.title = r["title"].as<std::string>();
  auto status = domain::parse_recommendation_status(r["status"].as<std::string>());
  if (!status) throw std::runtime_error("unknown stored status " + r["status"].as<std::string>());
  out.status = *status;
  out.version = r["version"].as<int>();
  out.motion_id = r["motion_id"].as<std::string>();
  out.text = r["text"].as<std::string>();
  out.mandate_id = r["mandate_id"].as<std::string>();
  out.plenary_session_id = r["plenary_session_id"].as<std::string>();
  std::istringstream departments(r["departments"].as<std::string>());
  for (std::string d; std::getline(departments, d);) out.departments.push_back(d);
  return out;
}

}  // namespace

std::optional<std::string> mandate_of(pqxx::transaction_base& tx, const std::string& workshop_id) {
  auto rows = assembly::db::exec(tx, kMandateOf, workshop_id);
  if (rows.empty()) return std::nullopt;
  return rows[0]["mandate_id"].as<std::string>();
}

void insert_recommendation(pqxx::work& tx, const Recommendation& r, const std::string& by) {
  assembly::db::exec(tx, kInsertRecommendation, r.id, r.assembly_id, r.workshop_id, r.theme,
                     r.title, by, r.mandate_id);
  assembly::db::exec(tx, kInsertFirstVersion, r.id, r.text, by);
}

std::optional<Recommendation> find_recommendation(pqxx::transaction_base& tx, const std::string& id,
                                                  bool for_update) {
  auto rows =
      assembly::db::exec(tx, for_update ? kFindRecommendationForUpdate : kFindRecommendation, id);
  if (rows.empty()) return std::nullopt;
  return recommendation_of(rows[0]);
}

std::vector<Recommendation> list_recommendations(pqxx::transaction_base& tx,
                                                 const std::string& assembly_id,
                                                 const std::string& department) {
  std::vector<Recommendation> out;
  for (const auto& r : assembly::db::exec(tx, kListRecommendations, assembly_id, department))
    out.push_back(recommendation_of(r));
  return out;
}

void set_departments(pqxx::work& tx, const std::string& id,
                     const std::vector<std::string>& departments, const std::string& by) {
  assembly::db::exec(tx, kDropDepartments, id, assembly::db::text_array(departments));
  assembly::db::exec(tx, kAddDepartments, id, assembly::db::text_array(departments), by);
}

std::vector<Version> versions(pqxx::transaction_base& tx, const std::string& id) {
  std::vector<Version> out;
  for (const auto& r : assembly::db::exec(tx, kVersions, id))
    out.push_back({r["version"].as<int>(), r["author"].as<std::string>(),
                   r["amendment_id"].as<std::string>(), r["created_at"].as<std::string>()});
  return out;
}

std::optional<std::string> version_text(pqxx::transaction_base& tx, const std::string& id, int v) {
  auto rows = assembly::db::exec(tx, kVersionText, id, v);
  if (rows.empty()) return std::nullopt;
  return rows[0]["text"].as<std::string>();
}

void add_version(pqxx::work& tx, const std::string& id, int version, const std::string& text,
                 const std::string& author, const std::string& amendment_id) {
  assembly::db::exec(tx, kInsertVersion, id, version, text, author, amendment_id);
  assembly::db::exec(tx, kSetVersion, id, version);
}

std::vector<StatusChange> status_changes(pqxx::transaction_base& tx, const std::string& id) {
  std::vector<StatusChange> out;
  for (const auto& r : assembly::db::exec(tx, kStatusChanges, id))
    out.push_back({r["at"].as<std::string>(), r["actor"].as<std::string>(),
                   r["from_status"].as<std::string>(), r["to_status"].as<std::string>(),
                   r["reason"].as<std::string>()});
  return out;
}

void change_status(pqxx::work& tx, const std::string& id, domain::RecommendationStatus from,
                   domain::RecommendationStatus to, const std::string& actor,
                   const std::string& reason) {
  const std::string from_name(domain::to_string(from)), to_name(domain::to_string(to));
  assembly::db::exec(tx, kSetStatus, id, to_name);
  assembly::db::exec(tx, kInsertStatusChange, id, actor, from_name, to_name, reason);
}

void set_plenary(pqxx::work& tx, const std::string& id, const std::string& plenary_session_id) {
  assembly::db::exec(tx, kSetPlenary, id, plenary_session_id);
}

void insert_amendment(pqxx::work& tx, const Amendment& a) {
  assembly::db::exec(tx, kInsertAmendment, a.id, a.recommendation_id, a.base_version, a.text,
                     a.rationale, a.author);
}

namespace {
Amendment amendment_of(const pqxx::row& r) {
  return Amendment{r["id"].as<std::string>(),        r["recommendation_id"].as<std::string>(),
                   r["base_version"].as<int>(),      r["text"].as<std::string>(),
                   r["rationale"].as<std::string>(), r["author"].as<std::string>(),
                   r["state"].as<std::string>()};
}
}  // namespace

std::optional<Amendment> find_amendment_for_update(pqxx::work& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kFindAmendmentForUpdate, id);
  if (rows.empty()) return std::nullopt;
  return amendment_of(rows[0]);
}

std::vector<Amendment> amendments_of(pqxx::transaction_base& tx, const std::string& id) {
  std::vector<Amendment> out;
  for (const auto& r : assembly::db::exec(tx, kAmendmentsOf, id)) out.push_back(amendment_of(r));
  return out;
}

void decide_amendment(pqxx::work& tx, const std::string& id, const std::string& state,
                      const std::string& by) {
  assembly::db::exec(tx, kDecideAmendment, id, state, by);
}

bool feedback_exists(pqxx::transaction_base& tx, const std::string& id,
                     const std::string& recommendation_id) {
  return !assembly::db::exec(tx, kFeedbackExists, id, recommendation_id).empty();
}

void insert_feedback(pqxx::work& tx, const Feedback& f) {
  assembly::db::exec(tx, kInsertFeedback, f.id, f.recommendation_id, f.reply_to, f.author,
                     f.author_role, f.feasibility, f.cost_estimate, f.legal_constraints,
                     f.department, f.text);
}

std::vector<Feedback> feedback_of(pqxx::transaction_base& tx,
                                  const std::string& recommendation_id) {
  std::vector<Feedback> out;
  for (const auto& r : assembly::db::exec(tx, kFeedbackOf, recommendation_id))
    out.push_back({r["id"].as<std::string>(), r["recommendation_id"].as<std::string>(),
                   r["reply_to"].as<std::string>(), r["author"].as<std::string>(),
                   r["author_role"].as<std::string>(), r["feasibility"].as<std::string>(),
                   r["cost_estimate"].as<std::string>(), r["legal_constraints"].as<std::string>(),
                   r["department"].as<std::string>(), r["text"].as<std::string>(),
                   r["created_at"].as<std::string>()});
  return out;
}

void upsert_mandate(pqxx::work& tx, const std::string& workshop_id, const std::string& mandate_id,
                    const std::string& assembly_id, const std::string& text) {
  assembly::db::exec(tx, kUpsertMandate, workshop_id, mandate_id, assembly_id, text);
}

void detach_from_motion(pqxx::work& tx, const std::string& motion_id) {
  assembly::db::exec(tx, kDetachFromMotion, motion_id);
}

bool attach_to_motion(pqxx::work& tx, const std::string& id, const std::string& motion_id,
                      const std::string& workshop_id) {
  return assembly::db::exec(tx, kAttachToMotion, id, motion_id, workshop_id).affected_rows() == 1;
}

std::vector<std::string> carry_for_motion(pqxx::work& tx, const std::string& motion_id,
                                          const std::string& actor) {
  std::vector<std::string> ids;
  for (const auto& r : assembly::db::exec(tx, kCarryForMotion, motion_id))
    ids.push_back(r["id"].as<std::string>());
  if (!ids.empty()) assembly::db::exec(tx, kInsertCarriedChanges, text_array(ids), actor);
  return ids;
}

}  // namespace recommendations::store
