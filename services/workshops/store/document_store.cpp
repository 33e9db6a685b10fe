#include "store/document_store.h"

#include <stdexcept>

#include "assembly/core/ids.h"
#include "assembly/db/arrays.h"
#include "assembly/db/prepared.h"
#include "assembly/db/rows.h"
#include "assembly/db/sql_time.h"

namespace workshops::store {

using assembly::db::nullable;
using assembly::db::text_array;

namespace {

constexpr const char* kAxes =
    "SELECT rank, title, description, chosen_on::text AS chosen_on FROM priority_axes "
    "WHERE workshop_id = $1 ORDER BY rank";
constexpr const char* kDeleteAxes = "DELETE FROM priority_axes WHERE workshop_id = $1";
constexpr const char* kInsertAxes =
    "INSERT INTO priority_axes (id, workshop_id, rank, title, description, chosen_on, created_by) "
    "SELECT a.id, $1, a.rank, a.title, a.description, $6::date, $7 "
    "FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) AS a(id, rank, title, "
    "description)";
constexpr const char* kPhaseDates =
    "SELECT starts_on::text AS starts_on, ends_on::text AS ends_on FROM phases "
    "WHERE assembly_id = $1 AND kind = $2";

constexpr const char* kVersionLock = "SELECT pg_advisory_xact_lock(hashtext($1))";
constexpr const char* kNextVersion =
    "SELECT coalesce(max(version), 0) + 1 AS version FROM notebook_versions WHERE workshop_id = $1";
constexpr const char* kInsertVersion =
    "INSERT INTO notebook_versions (workshop_id, version, text, note, author) VALUES "
    "($1, $2, $3, $4, $5)";
constexpr const char* kVersionColumns =
    "SELECT version, note, author, " SQL_UTC("created_at") " AS created_at, " SQL_UTC(
        "submitted_at") " AS submitted_at, text FROM notebook_versions ";
const std::string kFindVersion =
    std::string(kVersionColumns) + "WHERE workshop_id = $1 AND version = $2";
const std::string kVersions =
    std::string(kVersionColumns) + "WHERE workshop_id = $1 ORDER BY version";
constexpr const char* kSubmittedVersions =
    "SELECT version, note, author, " SQL_UTC("created_at") " AS created_at, " SQL_UTC(
        "submitted_at") " AS submitted_at, '' AS text FROM notebook_versions "
                        "WHERE workshop_id = $1 AND submitted_at IS NOT NULL ORDER BY version";
constexpr const char* kSubmitVersion =
    "UPDATE notebook_versions SET submitted_at = now(), submitted_by = $3 "
    "WHERE workshop_id = $1 AND version = $2 AND submitted_at IS NULL RETURNING text";

constexpr const char* kInsertMandate =
    "INSERT INTO mandates (id, workshop_id, text, proposed_by, notebook_version, department) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr const char* kMandateColumns =
    "SELECT id, workshop_id, text, state, proposed_by, votes_for, votes_against, abstentions, "
    "session_id, " SQL_UTC("decided_at") " AS decided_at, notebook_version, department "
    "FROM mandates ";
const std::string kFindMandate = std::string(kMandateColumns) + "WHERE id = $1";
const std::string kFindMandateForUpdate = kFindMandate + " FOR UPDATE";
const std::string kMandates =
    std::string(kMandateColumns) + "WHERE workshop_id = $1 ORDER BY proposed_at, id";
constexpr const char* kHasAdoptedMandate =
    "SELECT 1 FROM mandates WHERE workshop_id = $1 AND state = 'adopted'";
constexpr const char* kRecordVote =
    "UPDATE mandates SET state = $2, votes_for = $3, votes_against = $4, abstentions = $5, "
    "session_id = $6, decided_at = now(), recorded_by = $7 WHERE id = $1";
constexpr const char* kSessionBrief = "SELECT type, state, assembly_id FROM sessions WHERE id = $1";

NotebookVersion version_of(const pqxx::row& r) {
  return {r["version"].as<int>(),
          r["note"].as<std::string>(),
          r["author"].as<std::string>(),
          r["created_at"].as<std::string>(),
          nullable<std::string>(r["submitted_at"]),
          r["text"].as<std::string>()};
}

template <typename T>
T parsed(std::optional<T> value, const pqxx::field& f) {
  if (!value) throw std::runtime_error("unknown stored value " + f.as<std::string>());
  return *value;
}

Mandate mandate_of(const pqxx::row& r) {
  return {r["id"].as<std::string>(),
          r["workshop_id"].as<std::string>(),
          r["text"].as<std::string>(),
          parsed(domain::parse_mandate_state(r["state"].as<std::string>()), r["state"]),
          r["proposed_by"].as<std::string>(),
          nullable<int>(r["votes_for"]),
          nullable<int>(r["votes_against"]),
          nullable<int>(r["abstentions"]),
          nullable<std::string>(r["session_id"]),
          nullable<std::string>(r["decided_at"]),
          nullable<int>(r["notebook_version"]),
          r["department"].as<std::string>()};
}

}  // namespace

std::vector<Axis> axes(pqxx::transaction_base& tx, const std::string& workshop_id) {
  std::vector<Axis> out;
  for (const auto& r : assembly::db::exec(tx, kAxes, workshop_id))
    out.push_back({r["rank"].as<int>(), r["title"].as<std::string>(),
                   r["description"].as<std::string>(), r["chosen_on"].as<std::string>()});
  return out;
}

void replace_axes(pqxx::work& tx, const std::string& workshop_id, const std::vector<Axis>& axes,
                  const std::string& chosen_on, const std::string& by) {
  assembly::db::exec(tx, kDeleteAxes, workshop_id);
  std::vector<std::string> ids, ranks, titles, descriptions;
  for (std::size_t i = 0; i < axes.size(); ++i) {
    ids.push_back(assembly::core::new_uuid());
    ranks.push_back(std::to_string(i + 1));
    titles.push_back(axes[i].title);
    descriptions.push_back(axes[i].description);
  }
  assembly::db::exec(tx, kInsertAxes, workshop_id, text_array(ids), text_array(ranks),
                     text_array(titles), text_array(descriptions), chosen_on, by);
}

std::optional<PhaseDates> phase_dates(pqxx::transaction_base& tx, const std::string& assembly_id,
                                      const std::string& kind) {
  auto rows = assembly::db::exec(tx, kPhaseDates, assembly_id, kind);
  if (rows.empty()) return std::nullopt;
  return PhaseDates{rows[0]["starts_on"].as<std::string>(), rows[0]["ends_on"].as<std::string>()};
}

int insert_version(pqxx::work& tx, const std::string& workshop_id, const std::string& text,
                   const std::string& note, const std::string& author) {
  assembly::db::exec(tx, kVersionLock, workshop_id);
  auto v = tx.exec_params1(kNextVersion, workshop_id)["version"].as<int>();
  assembly::db::exec(tx, kInsertVersion, workshop_id, v, text, note, author);
  return v;
}

std::optional<NotebookVersion> find_version(pqxx::transaction_base& tx,
                                            const std::string& workshop_id, int version) {
  auto rows = assembly::db::exec(tx, kFindVersion, workshop_id, version);
  if (rows.empty()) return std::nullopt;
  return version_of(rows[0]);
}

std::vector<NotebookVersion> versions(pqxx::transaction_base& tx, const std::string& workshop_id) {
  std::vector<NotebookVersion> out;
  for (const auto& r : assembly::db::exec(tx, kVersions, workshop_id)) out.push_back(version_of(r));
  return out;
}

std::vector<NotebookVersion> submitted_versions(pqxx::transaction_base& tx,
                                                const std::string& workshop_id) {
  std::vector<NotebookVersion> out;
  for (const auto& r : assembly::db::exec(tx, kSubmittedVersions, workshop_id))
    out.push_back(version_of(r));
  return out;
}

std::optional<std::string> submit_version(pqxx::work& tx, const std::string& workshop_id,
                                          int version, const std::string& by) {
  auto rows = assembly::db::exec(tx, kSubmitVersion, workshop_id, version, by);
  if (rows.empty()) return std::nullopt;
  return rows[0]["text"].as<std::string>();
}

void insert_mandate(pqxx::work& tx, const std::string& id, const std::string& workshop_id,
                    const std::string& text, int notebook_version, const std::string& department,
                    const std::string& by) {
  assembly::db::exec(tx, kInsertMandate, id, workshop_id, text, by, notebook_version, department);
}

std::optional<Mandate> find_mandate(pqxx::transaction_base& tx, const std::string& id,
                                    bool for_update) {
  auto rows = assembly::db::exec(tx, for_update ? kFindMandateForUpdate : kFindMandate, id);
  if (rows.empty()) return std::nullopt;
  return mandate_of(rows[0]);
}

std::vector<Mandate> mandates(pqxx::transaction_base& tx, const std::string& workshop_id) {
  std::vector<Mandate> out;
  for (const auto& r : assembly::db::exec(tx, kMandates, workshop_id)) out.push_back(mandate_of(r));
  return out;
}

bool has_adopted_mandate(pqxx::transaction_base& tx, const std::string& workshop_id) {
  return !assembly::db::exec(tx, kHasAdoptedMandate, workshop_id).empty();
}

void record_vote(pqxx::work& tx, const std::string& id, domain::MandateState state,
                 const MandateVote& v, const std::string& by) {
  assembly::db::exec(tx, kRecordVote, id, std::string(domain::to_string(state)), v.votes_for,
                     v.votes_against, v.abstentions, v.session_id, by);
}

std::optional<SessionBrief> session_brief(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kSessionBrief, id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return SessionBrief{parsed(domain::parse_session_type(r["type"].as<std::string>()), r["type"]),
                      parsed(domain::parse_session_state(r["state"].as<std::string>()), r["state"]),
                      r["assembly_id"].as<std::string>()};
}

}  // namespace workshops::store
