#include "store/engagement.h"

#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"

namespace membership::store {
namespace {

constexpr const char* kInsertRole =
    "INSERT INTO roles (id, member_id, assembly_id, role, motion_id, workshop_theme, assigned_by) "
    "VALUES ($1, $2, $3, $4, NULLIF($5, ''), NULLIF($6, ''), $7) ON CONFLICT DO NOTHING";
constexpr const char* kEndRole =
    "UPDATE roles SET ended_at = now(), ended_by = $2 WHERE id = $1 AND ended_at IS NULL "
    "RETURNING id, member_id, assembly_id, role, coalesce(motion_id, '') AS motion_id, "
    "coalesce(workshop_theme, '') AS workshop_theme";
#define ROLE_COLUMNS \
  "SELECT id, member_id, role, motion_id, workshop_theme, " SQL_UTC("assigned_at") " AS " \
  "assigned_at, assigned_by, " SQL_UTC("ended_at") " AS ended_at FROM roles "
constexpr const char* kRolesOfMember =
    ROLE_COLUMNS "WHERE member_id = $1 ORDER BY roles.assigned_at, roles.id";
constexpr const char* kRolesOfAssembly =
    ROLE_COLUMNS "WHERE assembly_id = $1 ORDER BY roles.assigned_at, roles.id";
#undef ROLE_COLUMNS
constexpr const char* kSpokespersonsOf =
    "SELECT id, member_id, assembly_id, role, coalesce(motion_id, '') AS motion_id, "
    "coalesce(workshop_theme, '') AS workshop_theme FROM roles "
    "WHERE role = 'spokesperson' AND motion_id = $1 AND ended_at IS NULL";

constexpr const char* kTrainingsOfMember =
    "SELECT t.id, t.topic, t.title, t.held_on::text AS held_on FROM training_attendance a "
    "JOIN trainings t ON t.id = a.training_id "
    "WHERE a.member_id = $1 AND a.status = 'present' ORDER BY t.held_on, t.id";

constexpr const char* kUpsertAttendance =
    "INSERT INTO attendance (session_id, member_id, assembly_id, workshop_id, session_type, "
    "status, held_at, revision) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8) "
    "ON CONFLICT (session_id, member_id) DO UPDATE SET status = excluded.status, session_type = "
    "excluded.session_type, "
    "held_at = excluded.held_at, workshop_id = excluded.workshop_id, revision = excluded.revision "
    "WHERE attendance.revision < excluded.revision";
#define ATTENDANCE_COLUMNS \
  "SELECT assembly_id, member_id, session_type, status, " SQL_UTC("held_at") " AS held_at, " \
  "session_id::text AS session_id "                                                             \
  "FROM attendance "
constexpr const char* kAttendanceOfAssembly = ATTENDANCE_COLUMNS "WHERE assembly_id = $1";
constexpr const char* kAttendanceOfMember = ATTENDANCE_COLUMNS "WHERE member_id = $1";
constexpr const char* kAllAttendance = ATTENDANCE_COLUMNS;
#undef ATTENDANCE_COLUMNS

constexpr const char* kInsertConsent =
    "INSERT INTO consents (id, member_id, purpose, text_version, given, given_on, channel, "
    "recorded_by) "
    "VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8)";
constexpr const char* kConsentsOfMember =
    "SELECT id, purpose, text_version, given, given_on::text AS given_on, channel, recorded_by, "
    SQL_UTC("recorded_at") " AS recorded_at FROM consents "
    "WHERE member_id = $1 ORDER BY consents.recorded_at, consents.id";

constexpr const char* kContactVersion =
    "SELECT coalesce(max(version), 0) + 1 AS version FROM contacts WHERE member_id = $1";
constexpr const char* kUpsertContact =
    "INSERT INTO contacts (member_id, sealed, version, preferred_channel, language) VALUES ($1, "
    "$2, $3, $4, $5) "
    "ON CONFLICT (member_id) DO UPDATE SET sealed = excluded.sealed, version = excluded.version, "
    "preferred_channel = excluded.preferred_channel, language = excluded.language, updated_at = "
    "now()";
// A member keeps their contact details past the anonymisation of their assembly while their last
// word on the follow-up consent ($2) is a yes: they go on receiving the follow-up of their vœux.
#define FOLLOW_UP_CONSENT_STANDS(member)                        \
  "(SELECT k.given FROM consents k WHERE k.member_id = " member \
  " AND k.purpose = $2 "                                        \
  "ORDER BY k.recorded_at DESC, k.id DESC LIMIT 1) IS TRUE"
constexpr const char* kForgetContactsOfAssembly =
    "DELETE FROM contacts c USING members m WHERE c.member_id = m.id AND m.assembly_id = $1 "
    "AND NOT " FOLLOW_UP_CONSENT_STANDS("m.id");
constexpr const char* kForgetContactIfUnkept =
    "DELETE FROM contacts c USING members m JOIN assemblies a ON a.id = m.assembly_id "
    "WHERE c.member_id = m.id AND m.id = $1 AND a.anonymised_at IS NOT NULL "
    "AND NOT " FOLLOW_UP_CONSENT_STANDS("m.id");
constexpr const char* kForgetContact = "DELETE FROM contacts WHERE member_id = $1";
constexpr const char* kFollowUpAudience =
    "SELECT count(*) AS n FROM contacts c JOIN members m ON m.id = c.member_id "
    "WHERE m.assembly_id = $1 AND " FOLLOW_UP_CONSENT_STANDS("m.id");
#undef FOLLOW_UP_CONSENT_STANDS
constexpr const char* kFindContact =
    "SELECT sealed, version, preferred_channel, language, " SQL_UTC("updated_at") " AS updated_at "
    "FROM contacts WHERE member_id = $1";

std::optional<std::string> text_or_null(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

std::vector<RoleRecord> roles(pqxx::transaction_base& tx, const char* sql, const std::string& key) {
  std::vector<RoleRecord> out;
  for (const auto& r : tx.exec_params(sql, key))
    out.push_back({r["id"].as<std::string>(), r["member_id"].as<std::string>(),
                   r["role"].as<std::string>(), text_or_null(r["motion_id"]),
                   text_or_null(r["workshop_theme"]), r["assigned_at"].as<std::string>(),
                   r["assigned_by"].as<std::string>(), text_or_null(r["ended_at"])});
  return out;
}

domain::AttendanceRecord attendance_from(const pqxx::row& r) {
  return {r["member_id"].as<std::string>(), r["session_type"].as<std::string>(),
          r["status"].as<std::string>(), r["held_at"].as<std::string>(),
          r["session_id"].as<std::string>()};
}

std::vector<domain::AttendanceRecord> attendance(pqxx::transaction_base& tx, const char* sql,
                                                 const std::string& key) {
  std::vector<domain::AttendanceRecord> out;
  for (const auto& r : tx.exec_params(sql, key)) out.push_back(attendance_from(r));
  return out;
}

Role role_from(const pqxx::row& r) {
  return {r["id"].as<std::string>(),          r["member_id"].as<std::string>(),
          r["assembly_id"].as<std::string>(), r["role"].as<std::string>(),
          r["motion_id"].as<std::string>(),   r["workshop_theme"].as<std::string>()};
}

}  // namespace

bool insert_role(pqxx::work& tx, const Role& r, const std::string& by) {
  return assembly::db::exec(tx, kInsertRole, r.id, r.member_id, r.assembly_id, r.role, r.motion_id,
                            r.workshop_theme, by)
             .affected_rows() == 1;
}

Role end_role(pqxx::work& tx, const std::string& role_id, const std::string& by) {
  auto rows = assembly::db::exec(tx, kEndRole, role_id, by);
  if (rows.empty()) return {};
  return role_from(rows[0]);
}

std::vector<RoleRecord> roles_of_member(pqxx::transaction_base& tx, const std::string& member_id) {
  return roles(tx, kRolesOfMember, member_id);
}
std::vector<RoleRecord> roles_of_assembly(pqxx::transaction_base& tx,
                                          const std::string& assembly_id) {
  return roles(tx, kRolesOfAssembly, assembly_id);
}

std::vector<TrainingFollowed> trainings_of_member(pqxx::transaction_base& tx,
                                                  const std::string& member_id) {
  std::vector<TrainingFollowed> out;
  for (const auto& r : assembly::db::exec(tx, kTrainingsOfMember, member_id))
    out.push_back({r["id"].as<std::string>(), r["topic"].as<std::string>(),
                   r["title"].as<std::string>(), r["held_on"].as<std::string>()});
  return out;
}

bool upsert_attendance(pqxx::work& tx, const std::string& session_id, const std::string& member_id,
                       const std::string& assembly_id, const std::string& workshop_id,
                       const std::string& session_type, const std::string& status,
                       const std::string& held_at, unsigned revision) {
  return assembly::db::exec(tx, kUpsertAttendance, session_id, member_id, assembly_id, workshop_id,
                            session_type, status, held_at, static_cast<long>(revision))
             .affected_rows() == 1;
}

std::vector<domain::AttendanceRecord> attendance_of_assembly(pqxx::transaction_base& tx,
                                                             const std::string& assembly_id) {
  return attendance(tx, kAttendanceOfAssembly, assembly_id);
}
std::map<std::string, std::vector<domain::AttendanceRecord>> attendance_by_assembly(
    pqxx::transaction_base& tx) {
  std::map<std::string, std::vector<domain::AttendanceRecord>> out;
  for (const auto& r : tx.exec(kAllAttendance))
    out[r["assembly_id"].as<std::string>()].push_back(attendance_from(r));
  return out;
}
std::vector<domain::AttendanceRecord> attendance_of_member(pqxx::transaction_base& tx,
                                                           const std::string& member_id) {
  return attendance(tx, kAttendanceOfMember, member_id);
}

Consent insert_consent(pqxx::work& tx, const std::string& id, const std::string& member_id,
                       const std::string& purpose, const std::string& text_version, bool given,
                       const std::string& given_on, const std::string& channel,
                       const std::string& by) {
  assembly::db::exec(tx, kInsertConsent, id, member_id, purpose, text_version, given, given_on,
                     channel, by);
  if (purpose == domain::kFollowUpConsent && !given) forget_contact_if_unkept(tx, member_id);
  for (auto& c : consents_of_member(tx, member_id))
    if (c.id == id) return c;
  throw std::logic_error("consent " + id + " not found after its insertion");
}

std::vector<Consent> consents_of_member(pqxx::transaction_base& tx, const std::string& member_id) {
  std::vector<Consent> out;
  for (const auto& r : assembly::db::exec(tx, kConsentsOfMember, member_id))
    out.push_back({r["id"].as<std::string>(), r["purpose"].as<std::string>(),
                   r["text_version"].as<std::string>(), r["given"].as<bool>(),
                   r["given_on"].as<std::string>(), r["channel"].as<std::string>(),
                   r["recorded_by"].as<std::string>(), r["recorded_at"].as<std::string>()});
  return out;
}

int next_contact_version(pqxx::work& tx, const std::string& member_id) {
  return assembly::db::exec(tx, kContactVersion, member_id)[0]["version"].as<int>();
}

void upsert_contact(pqxx::work& tx, const std::string& member_id, const SealedContact& c) {
  assembly::db::exec(tx, kUpsertContact, member_id,
                     pqxx::binarystring(c.sealed.data(), c.sealed.size()), c.version,
                     c.preferred_channel, c.language);
}

std::optional<SealedContact> find_contact(pqxx::transaction_base& tx,
                                          const std::string& member_id) {
  auto rows = assembly::db::exec(tx, kFindContact, member_id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return SealedContact{pqxx::binarystring(r["sealed"]).str(), r["version"].as<int>(),
                       r["preferred_channel"].as<std::string>(), r["language"].as<std::string>(),
                       r["updated_at"].as<std::string>()};
}

std::vector<Role> spokespersons_of(pqxx::transaction_base& tx, const std::string& motion_id) {
  std::vector<Role> out;
  for (const auto& r : assembly::db::exec(tx, kSpokespersonsOf, motion_id))
    out.push_back(role_from(r));
  return out;
}

int forget_contacts_of_assembly(pqxx::work& tx, const std::string& assembly_id) {
  return static_cast<int>(assembly::db::exec(tx, kForgetContactsOfAssembly, assembly_id,
                                             std::string(domain::kFollowUpConsent))
                              .affected_rows());
}

bool forget_contact_if_unkept(pqxx::work& tx, const std::string& member_id) {
  return assembly::db::exec(tx, kForgetContactIfUnkept, member_id,
                            std::string(domain::kFollowUpConsent))
             .affected_rows() > 0;
}

long forget_contact(pqxx::work& tx, const std::string& member_id) {
  return static_cast<long>(assembly::db::exec(tx, kForgetContact, member_id).affected_rows());
}

int follow_up_audience(pqxx::transaction_base& tx, const std::string& assembly_id) {
  return tx.exec_params1(kFollowUpAudience, assembly_id, std::string(domain::kFollowUpConsent))["n"]
      .as<int>();
}

std::vector<assembly::service::SealedRow> contacts_to_reseal(pqxx::work& tx,
                                                             const std::vector<std::string>& after,
                                                             const std::string& current,
                                                             int limit) {
  std::vector<assembly::service::SealedRow> out;
  for (const auto& r : tx.exec_params(
           "SELECT member_id, version, sealed FROM contacts WHERE member_id > $1 "
           "AND substring(sealed from 1 for octet_length($2::bytea)) <> $2::bytea "
           "ORDER BY member_id LIMIT $3 FOR UPDATE SKIP LOCKED",
           after.empty() ? std::string() : after[0], assembly::service::as_bytea(current), limit))
    out.push_back(assembly::service::sealed_row(r, 1, 1));
  return out;
}

bool reseal_contact(pqxx::work& tx, const assembly::service::SealedRow& row,
                    const std::string& resealed) {
  return tx.exec_params("UPDATE contacts SET sealed = $2 WHERE member_id = $1 AND sealed = $3",
                        row.key[0], assembly::service::as_bytea(resealed),
                        assembly::service::as_bytea(row.sealed))
             .affected_rows() == 1;
}

long contacts_not_under(pqxx::work& tx, const std::string& current) {
  return tx
      .exec_params1(
          "SELECT count(*) FROM contacts "
          "WHERE substring(sealed from 1 for octet_length($1::bytea)) <> $1::bytea",
          assembly::service::as_bytea(current))[0]
      .as<long>();
}

}  // namespace membership::store
