#include "store/motion_versions.h"

#include <stdexcept>

#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace recommendations::store {

namespace {

constexpr const char* kInsertVersion =
    "INSERT INTO motion_versions (motion_id, version, title, text, session_id, proposer_kind, "
    "proposer_member_id, proposer_organisation, note, recorded_by) SELECT m.id, m.version + 1, $2, "
    "$3, $4, $5, $6, $7, $8, $9 FROM motions m WHERE m.id = $1 RETURNING version";
constexpr const char* kSetCurrent =
    "UPDATE motions SET title = $2, text = $3, version = $4 WHERE id = $1";
constexpr const char* kColumns =
    "SELECT motion_id, version, title, text, session_id, proposer_kind, proposer_member_id, "
    "proposer_organisation, note, recorded_by, " SQL_UTC(
        "created_at") " AS created_at FROM motion_versions WHERE motion_id = $1 ";
const std::string kVersions = std::string(kColumns) + "ORDER BY version";
const std::string kVersion = std::string(kColumns) + "AND version = $2";
constexpr const char* kWorkshopBallotOpen =
    "SELECT 1 FROM ballots WHERE motion_id = $1 AND workshop <> '' AND state = 'open'";

MotionVersion version_of(const pqxx::row& r) {
  MotionVersion v;
  v.motion_id = r["motion_id"].as<std::string>();
  v.version = r["version"].as<int>();
  v.title = r["title"].as<std::string>();
  v.text = r["text"].as<std::string>();
  v.session_id = r["session_id"].as<std::string>();
  auto kind = domain::parse_proposer_kind(r["proposer_kind"].as<std::string>());
  if (!kind)
    throw std::runtime_error("unknown stored proposer kind " +
                             r["proposer_kind"].as<std::string>());
  v.proposer = {*kind, r["proposer_member_id"].as<std::string>(),
                r["proposer_organisation"].as<std::string>()};
  v.note = r["note"].as<std::string>();
  v.recorded_by = r["recorded_by"].as<std::string>();
  v.created_at = r["created_at"].as<std::string>();
  return v;
}

}  // namespace

int add_motion_version(pqxx::work& tx, const MotionVersion& v) {
  auto n = tx.exec_params1(kInsertVersion, v.motion_id, v.title, v.text, v.session_id,
                           std::string(domain::to_string(v.proposer.kind)), v.proposer.member_id,
                           v.proposer.organisation, v.note, v.recorded_by)["version"]
               .as<int>();
  assembly::db::exec(tx, kSetCurrent, v.motion_id, v.title, v.text, n);
  return n;
}

std::vector<MotionVersion> motion_versions(pqxx::transaction_base& tx,
                                           const std::string& motion_id) {
  std::vector<MotionVersion> out;
  for (const auto& r : assembly::db::exec(tx, kVersions, motion_id)) out.push_back(version_of(r));
  return out;
}

std::optional<MotionVersion> motion_version(pqxx::transaction_base& tx,
                                            const std::string& motion_id, int version) {
  auto rows = assembly::db::exec(tx, kVersion, motion_id, version);
  if (rows.empty()) return std::nullopt;
  return version_of(rows[0]);
}

bool workshop_ballot_open(pqxx::transaction_base& tx, const std::string& motion_id) {
  return !assembly::db::exec(tx, kWorkshopBallotOpen, motion_id).empty();
}

}  // namespace recommendations::store
