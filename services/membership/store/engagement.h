#pragma once
// SQL for roles, trainings, attendance, consents and contact details. Each query is a named
// constant.
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/service/reseal.h"
#include "domain/consent.h"
#include "domain/participation.h"

namespace membership::store {

// Roles.
struct Role {
  std::string id, member_id, assembly_id, role, motion_id, workshop_theme;
};
// False when the member holds that role already (the live-role index).
bool insert_role(pqxx::work& tx, const Role& r, const std::string& by);
// The role, ended now; nullopt-like empty id when there is no live role with that id.
Role end_role(pqxx::work& tx, const std::string& role_id, const std::string& by);
// A role as it was given, and ended (times UTC).
struct RoleRecord {
  std::string id, member_id, role;
  std::optional<std::string> motion_id, workshop_theme;
  std::string assigned_at, assigned_by;
  std::optional<std::string> ended_at;
};
std::vector<RoleRecord> roles_of_member(pqxx::transaction_base& tx, const std::string& member_id);
// The live spokesperson roles of a motion.
std::vector<Role> spokespersons_of(pqxx::transaction_base& tx, const std::string& motion_id);
std::vector<RoleRecord> roles_of_assembly(pqxx::transaction_base& tx,
                                          const std::string& assembly_id);

// Trainings the member followed: recorded present (store/trainings.h has the rest).
struct TrainingFollowed {
  std::string id, topic, title, held_on;
};
std::vector<TrainingFollowed> trainings_of_member(pqxx::transaction_base& tx,
                                                  const std::string& member_id);

// Attendance (from workshops' AttendanceRecorded): kept when its revision is newer.
bool upsert_attendance(pqxx::work& tx, const std::string& session_id, const std::string& member_id,
                       const std::string& assembly_id, const std::string& workshop_id,
                       const std::string& session_type, const std::string& status,
                       const std::string& held_at, unsigned revision);
std::vector<domain::AttendanceRecord> attendance_of_assembly(pqxx::transaction_base& tx,
                                                             const std::string& assembly_id);
// Every attendance record, by assembly, in one query (the dashboards' refresh).
std::map<std::string, std::vector<domain::AttendanceRecord>> attendance_by_assembly(
    pqxx::transaction_base& tx);
std::vector<domain::AttendanceRecord> attendance_of_member(pqxx::transaction_base& tx,
                                                           const std::string& member_id);

// Consents.
struct Consent {
  std::string id, purpose, text_version;
  bool given = false;
  std::string given_on, channel, recorded_by, recorded_at;
};
Consent insert_consent(pqxx::work& tx, const std::string& id, const std::string& member_id,
                       const std::string& purpose, const std::string& text_version, bool given,
                       const std::string& given_on, const std::string& channel,
                       const std::string& by);
std::vector<Consent> consents_of_member(pqxx::transaction_base& tx, const std::string& member_id);

// Contact details: sealed elsewhere; stored and read here as bytes with their version.
struct SealedContact {
  std::string sealed;
  int version = 0;
  std::string preferred_channel, language, updated_at;
};
int next_contact_version(pqxx::work& tx, const std::string& member_id);
void upsert_contact(pqxx::work& tx, const std::string& member_id, const SealedContact& c);
std::optional<SealedContact> find_contact(pqxx::transaction_base& tx, const std::string& member_id);
// At the anonymisation: the contact details of the assembly's members go, but for those whose
// follow-up consent stands (domain::kFollowUpConsent). Returns how many went.
int forget_contacts_of_assembly(pqxx::work& tx, const std::string& assembly_id);
// After the anonymisation, a member who withdraws the follow-up consent loses their contact
// details at once (insert_consent calls it). Returns whether they went.
bool forget_contact_if_unkept(pqxx::work& tx, const std::string& member_id);
// The member's contact details go, whatever their consents (an erasure on request); how many.
long forget_contact(pqxx::work& tx, const std::string& member_id);
// How many members of the assembly can still be reached with its follow-up (contact details and a
// standing follow-up consent).
int follow_up_audience(pqxx::transaction_base& tx, const std::string& assembly_id);

// Re-sealing (assembly/service/reseal.h): contacts whose value does not begin with `current`,
// after the member id `after`, locked (key: member id; context: version); written back if
// unchanged; how many remain.
std::vector<assembly::service::SealedRow> contacts_to_reseal(pqxx::work& tx,
                                                             const std::vector<std::string>& after,
                                                             const std::string& current, int limit);
bool reseal_contact(pqxx::work& tx, const assembly::service::SealedRow& row,
                    const std::string& resealed);
long contacts_not_under(pqxx::work& tx, const std::string& current);

}  // namespace membership::store
