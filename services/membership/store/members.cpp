#include "store/members.h"

#include "assembly/db/prepared.h"
#include "assembly/db/sql_time.h"
#include "store/engagement.h"

namespace membership::store {
namespace {

using nlohmann::json;

constexpr const char* kInsertAssembly =
    "INSERT INTO assemblies (id, name, mandate_start, mandate_end, seat_pools, workshops, "
    "retention_days, created_by) "
    "VALUES ($1, $2, NULLIF($3, '')::date, NULLIF($4, '')::date, $5::jsonb, $6::jsonb, $7, $8) "
    "ON CONFLICT (id) DO NOTHING";
constexpr const char* kEnsureAssembly =
    "INSERT INTO assemblies (id, name, workshops, retention_days, implicit, created_by) "
    "VALUES ($1, $1, $2::jsonb, $3, true, 'membership') ON CONFLICT (id) DO NOTHING";
constexpr const char* kDescribeImplicit =
    "UPDATE assemblies SET name = $2, mandate_start = NULLIF($3, '')::date, mandate_end = "
    "NULLIF($4, '')::date, "
    "seat_pools = $5::jsonb, workshops = $6::jsonb, retention_days = $7, implicit = false, "
    "created_by = $8 "
    "WHERE id = $1 AND implicit";
#define ASSEMBLY_COLUMNS \
  "SELECT id, name, coalesce(mandate_start::text, '') AS mandate_start, "                     \
  "coalesce(mandate_end::text, '') AS mandate_end, seat_pools::text AS seat_pools, "          \
  "workshops::text AS workshops, retention_days, "                                             \
  "coalesce(" SQL_UTC("anonymised_at") ", '') AS anonymised_at, " SQL_UTC("created_at") " AS " \
                                                                                    "created_at, implicit FROM assemblies "
constexpr const char* kFindAssembly = ASSEMBLY_COLUMNS "WHERE id = $1";
constexpr const char* kListAssemblies =
    ASSEMBLY_COLUMNS "ORDER BY assemblies.created_at, assemblies.id";
#undef ASSEMBLY_COLUMNS
constexpr const char* kDueForAnonymisation =
    "SELECT id FROM assemblies WHERE anonymised_at IS NULL AND mandate_end IS NOT NULL "
    "AND mandate_end + retention_days < current_date ORDER BY id";

constexpr const char* kInsert =
    "INSERT INTO members (id, assembly_id, person_id, pool, draw_id, status, workshop_theme, "
    "replaces, attributes) "
    "VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, ''), NULLIF($8, ''), $9::jsonb) "
    "ON CONFLICT (assembly_id, person_id) DO NOTHING";
#define MEMBER_FIELDS \
  "SELECT id, assembly_id, coalesce(person_id, '') AS person_id, pool, draw_id, status, "     \
  "coalesce(workshop_theme, '') AS workshop_theme, " SQL_UTC("created_at") " AS created_at, " \
  "coalesce(" SQL_UTC("status_changed_at") ", '') AS status_changed_at, "                      \
  "coalesce(replaces, '') AS replaces, coalesce(replaced_by, '') AS replaced_by, "             \
  "coalesce(status_reason, '') AS status_reason, attributes::text AS attributes, "             \
  "preferences::text AS preferences "
#define MEMBER_COLUMNS MEMBER_FIELDS "FROM members "
constexpr const char* kFind = MEMBER_COLUMNS "WHERE id = $1";
constexpr const char* kFindForUpdate = MEMBER_COLUMNS "WHERE id = $1 FOR UPDATE";
constexpr const char* kList = MEMBER_COLUMNS
    "WHERE assembly_id = $1 AND ($2 = '' OR status = $2) "
    "ORDER BY members.created_at, members.id";
// A page: after the member of id $3 (none: from the start) in the same order, at most $4.
// With the list's version (migration 0036) read in the same statement, so in the same snapshot
// as the page.
constexpr const char* kListPage = MEMBER_FIELDS
    ", "
    "coalesce((SELECT v.version FROM member_list_versions v WHERE v.assembly_id = $1), 0) AS "
    "list_version FROM members "
    "WHERE assembly_id = $1 AND ($2 = '' OR status = $2) AND ($3 = '' OR "
    "(members.created_at, members.id) > (SELECT a.created_at, a.id FROM members a WHERE a.id = "
    "$3)) "
    "ORDER BY members.created_at, members.id LIMIT $4";
constexpr const char* kByPerson = MEMBER_COLUMNS "WHERE assembly_id = $1 AND person_id = $2";
#undef MEMBER_COLUMNS
#undef MEMBER_FIELDS
constexpr const char* kListVersion =
    "SELECT coalesce((SELECT version FROM member_list_versions WHERE assembly_id = $1), 0) AS v";
constexpr const char* kLockByStatus =
    "SELECT id FROM members WHERE assembly_id = $1 AND status = $2 FOR UPDATE";
constexpr const char* kChangeStatus =
    "UPDATE members SET status = $3, status_reason = NULLIF($4, ''), status_changed_by = $5, "
    "status_changed_at = clock_timestamp() WHERE id = $1 AND status = $2";
constexpr const char* kSetWorkshop = "UPDATE members SET workshop_theme = $2 WHERE id = $1";
constexpr const char* kSetPreferences = "UPDATE members SET preferences = $2::jsonb WHERE id = $1";
constexpr const char* kSetReplacedBy = "UPDATE members SET replaced_by = $2 WHERE id = $1";
constexpr const char* kAppendHistory =
    "INSERT INTO member_history (member_id, actor, change, from_value, to_value, reason, related) "
    "VALUES ($1, $2, $3, NULLIF($4, ''), NULLIF($5, ''), NULLIF($6, ''), NULLIF($7, ''))";
constexpr const char* kHistory =
    "SELECT " SQL_UTC_MS("at") " AS at, actor, change, from_value, to_value, reason, related "
    "FROM member_history WHERE member_id = $1 ORDER BY seq";

// What identifies a member: the link to the sortition pool, the free-text reason of the last
// status change, preferences and attributes.
#define ANONYMISED_MEMBER                                                                        \
  "UPDATE members SET person_id = NULL, status_reason = NULL, preferences = '[]', attributes = " \
  "'{}' "
constexpr const char* kAnonymiseMembers = ANONYMISED_MEMBER "WHERE assembly_id = $1";
constexpr const char* kEraseMember = ANONYMISED_MEMBER "WHERE id = $1";
#undef ANONYMISED_MEMBER
constexpr const char* kAnonymiseHistory =
    "UPDATE member_history SET reason = NULL WHERE member_id IN (SELECT id FROM members WHERE "
    "assembly_id = $1)";
constexpr const char* kEraseHistory =
    "UPDATE member_history SET reason = NULL WHERE member_id = $1 AND reason IS NOT NULL";
constexpr const char* kMarkAnonymised = "UPDATE assemblies SET anonymised_at = now() WHERE id = $1";

Assembly assembly_from_row(const pqxx::row& r) {
  Assembly a;
  a.id = r["id"].as<std::string>();
  a.name = r["name"].as<std::string>();
  a.mandate_start = r["mandate_start"].as<std::string>();
  a.mandate_end = r["mandate_end"].as<std::string>();
  a.seat_pools = json::parse(r["seat_pools"].as<std::string>());
  a.workshops = json::parse(r["workshops"].as<std::string>()).get<std::vector<std::string>>();
  a.retention_days = r["retention_days"].as<int>();
  a.anonymised_at = r["anonymised_at"].as<std::string>();
  a.created_at = r["created_at"].as<std::string>();
  a.implicit = r["implicit"].as<bool>();
  return a;
}

domain::Status status_of(const std::string& s) {
  auto status = domain::parse_status(s);
  if (!status) throw std::logic_error("a member has an unknown status " + s);
  return *status;
}

Member from_row(const pqxx::row& r) {
  Member m;
  m.id = r["id"].as<std::string>();
  m.assembly_id = r["assembly_id"].as<std::string>();
  m.person_id = r["person_id"].as<std::string>();
  m.pool = r["pool"].as<std::string>();
  m.draw_id = r["draw_id"].as<std::string>();
  m.status = status_of(r["status"].as<std::string>());
  m.workshop_theme = r["workshop_theme"].as<std::string>();
  m.created_at = r["created_at"].as<std::string>();
  m.status_changed_at = r["status_changed_at"].as<std::string>();
  m.replaces = r["replaces"].as<std::string>();
  m.replaced_by = r["replaced_by"].as<std::string>();
  m.status_reason = r["status_reason"].as<std::string>();
  m.attributes = json::parse(r["attributes"].as<std::string>());
  m.preferences = json::parse(r["preferences"].as<std::string>());
  return m;
}

}  // namespace

bool insert_assembly(pqxx::work& tx, const Assembly& a, const std::string& by) {
  return assembly::db::exec(tx, kInsertAssembly, a.id, a.name, a.mandate_start, a.mandate_end,
                            a.seat_pools.dump(), json(a.workshops).dump(), a.retention_days, by)
             .affected_rows() == 1;
}

void ensure_assembly(pqxx::work& tx, const std::string& id,
                     const std::vector<std::string>& workshops, int retention_days) {
  assembly::db::exec(tx, kEnsureAssembly, id, json(workshops).dump(), retention_days);
}

bool describe_implicit(pqxx::work& tx, const Assembly& a, const std::string& by) {
  return assembly::db::exec(tx, kDescribeImplicit, a.id, a.name, a.mandate_start, a.mandate_end,
                            a.seat_pools.dump(), json(a.workshops).dump(), a.retention_days, by)
             .affected_rows() == 1;
}

std::optional<Assembly> find_assembly(pqxx::transaction_base& tx, const std::string& id) {
  auto rows = assembly::db::exec(tx, kFindAssembly, id);
  if (rows.empty()) return std::nullopt;
  return assembly_from_row(rows[0]);
}

std::vector<Assembly> list_assemblies(pqxx::transaction_base& tx) {
  std::vector<Assembly> out;
  for (const auto& r : tx.exec(kListAssemblies)) out.push_back(assembly_from_row(r));
  return out;
}

std::vector<std::string> assemblies_due_for_anonymisation(pqxx::transaction_base& tx) {
  std::vector<std::string> out;
  for (const auto& r : tx.exec(kDueForAnonymisation)) out.push_back(r["id"].as<std::string>());
  return out;
}

bool insert_if_new(pqxx::work& tx, const Member& m, const std::string& actor,
                   const std::string& reason) {
  auto r =
      assembly::db::exec(tx, kInsert, m.id, m.assembly_id, m.person_id, m.pool, m.draw_id,
                         domain::text(m.status), m.workshop_theme, m.replaces, m.attributes.dump());
  if (r.affected_rows() != 1) return false;
  append_history(tx, m.id, actor, "created", "", domain::text(m.status), reason, m.replaces);
  return true;
}

std::optional<Member> find(pqxx::transaction_base& tx, const std::string& id, bool for_update) {
  auto rows = assembly::db::exec(tx, for_update ? kFindForUpdate : kFind, id);
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

std::vector<Member> list(pqxx::transaction_base& tx, const std::string& assembly_id,
                         std::optional<domain::Status> status) {
  std::vector<Member> out;
  for (const auto& r :
       assembly::db::exec(tx, kList, assembly_id, status ? domain::text(*status) : std::string()))
    out.push_back(from_row(r));
  return out;
}

MemberPage list_page(pqxx::transaction_base& tx, const std::string& assembly_id,
                     std::optional<domain::Status> status, const std::string& after_id,
                     std::size_t limit) {
  MemberPage out;
  for (const auto& r : assembly::db::exec(tx, kListPage, assembly_id,
                                          status ? domain::text(*status) : std::string(), after_id,
                                          static_cast<long long>(limit))) {
    out.members.push_back(from_row(r));
    out.list_version = r["list_version"].as<std::int64_t>();
  }
  return out;
}

std::int64_t list_version(pqxx::transaction_base& tx, const std::string& assembly_id) {
  return assembly::db::exec(tx, kListVersion, assembly_id)[0]["v"].as<std::int64_t>();
}

std::optional<Member> find_by_person(pqxx::transaction_base& tx, const std::string& assembly_id,
                                     const std::string& person_id) {
  auto rows = assembly::db::exec(tx, kByPerson, assembly_id, person_id);
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

bool change_status(pqxx::work& tx, const std::string& id, domain::Status from, domain::Status to,
                   const std::string& reason, const std::string& by) {
  if (assembly::db::exec(tx, kChangeStatus, id, domain::text(from), domain::text(to), reason, by)
          .affected_rows() != 1)
    return false;
  append_history(tx, id, by, "status", domain::text(from), domain::text(to), reason, "");
  return true;
}

void set_workshop(pqxx::work& tx, const std::string& id, const std::string& from,
                  const std::string& to, const std::string& reason, const std::string& by) {
  assembly::db::exec(tx, kSetWorkshop, id, to);
  append_history(tx, id, by, "workshop", from, to, reason, "");
}

void set_preferences(pqxx::work& tx, const std::string& id, const json& themes,
                     const std::string& by) {
  assembly::db::exec(tx, kSetPreferences, id, themes.dump());
  append_history(tx, id, by, "preferences", "", themes.dump(), "", "");
}

void set_replaced_by(pqxx::work& tx, const std::string& leaver, const std::string& replacement) {
  assembly::db::exec(tx, kSetReplacedBy, leaver, replacement);
  append_history(tx, leaver, "sortition", "replaced-by", "", "", "", replacement);
}

void append_history(pqxx::work& tx, const std::string& member_id, const std::string& actor,
                    const std::string& change, const std::string& from, const std::string& to,
                    const std::string& reason, const std::string& related) {
  assembly::db::exec(tx, kAppendHistory, member_id, actor, change, from, to, reason, related);
}

std::vector<HistoryLine> history(pqxx::transaction_base& tx, const std::string& member_id) {
  auto text_or_null = [](const pqxx::field& f) -> std::optional<std::string> {
    if (f.is_null()) return std::nullopt;
    return f.as<std::string>();
  };
  std::vector<HistoryLine> out;
  for (const auto& r : assembly::db::exec(tx, kHistory, member_id))
    out.push_back({r["at"].as<std::string>(), r["actor"].as<std::string>(),
                   r["change"].as<std::string>(), text_or_null(r["from_value"]),
                   text_or_null(r["to_value"]), text_or_null(r["reason"]),
                   text_or_null(r["related"])});
  return out;
}

void lock_by_status(pqxx::work& tx, const std::string& assembly_id, domain::Status status) {
  assembly::db::exec(tx, kLockByStatus, assembly_id, domain::text(status));
}

int anonymise(pqxx::work& tx, const std::string& assembly_id) {
  forget_contacts_of_assembly(tx, assembly_id);  // but those kept for the follow-up
  assembly::db::exec(tx, kAnonymiseHistory, assembly_id);
  int n = static_cast<int>(assembly::db::exec(tx, kAnonymiseMembers, assembly_id).affected_rows());
  assembly::db::exec(tx, kMarkAnonymised, assembly_id);
  return n;
}

ErasedMember erase_member(pqxx::work& tx, const std::string& member_id) {
  ErasedMember e;
  e.contact_details = forget_contact(tx, member_id);
  e.free_text_reasons =
      static_cast<long>(assembly::db::exec(tx, kEraseHistory, member_id).affected_rows());
  e.member_records =
      static_cast<long>(assembly::db::exec(tx, kEraseMember, member_id).affected_rows());
  return e;
}

}  // namespace membership::store
