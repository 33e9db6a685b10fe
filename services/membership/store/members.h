#pragma once
// SQL for assemblies, members and their history. Each query is a named constant.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/lifecycle.h"

namespace membership::store {

struct Assembly {
  std::string id, name, mandate_start, mandate_end;  // dates "" when not set
  nlohmann::json seat_pools = nlohmann::json::array();
  std::vector<std::string> workshops;
  int retention_days = 365;
  std::string anonymised_at, created_at;
  bool implicit = false;
};

struct Member {
  std::string id, assembly_id, person_id, pool, draw_id;
  domain::Status status = domain::Status::selected;
  std::string workshop_theme, created_at, status_changed_at;
  std::string replaces{}, replaced_by{}, status_reason{};  // empty when none
  nlohmann::json attributes = nlohmann::json::object(), preferences = nlohmann::json::array();
};

// Assemblies.
bool insert_assembly(pqxx::work& tx, const Assembly& a, const std::string& by);  // false: id taken
// Makes the assembly with the default workshops when a draw names one the secretariat has not
// described.
void ensure_assembly(pqxx::work& tx, const std::string& id,
                     const std::vector<std::string>& workshops, int retention_days);
// Describes an assembly that was made implicitly; false when it was described already.
bool describe_implicit(pqxx::work& tx, const Assembly& a, const std::string& by);
std::optional<Assembly> find_assembly(pqxx::transaction_base& tx, const std::string& id);
std::vector<Assembly> list_assemblies(pqxx::transaction_base& tx);
// Assemblies whose mandate ended more than retention_days ago and that are not anonymised yet.
std::vector<std::string> assemblies_due_for_anonymisation(pqxx::transaction_base& tx);

// Members.
// Inserts the member (and its "created" history line) unless the person is already a member of
// the assembly; true when inserted.
bool insert_if_new(pqxx::work& tx, const Member& m, const std::string& actor,
                   const std::string& reason);
std::optional<Member> find(pqxx::transaction_base& tx, const std::string& id,
                           bool for_update = false);
std::vector<Member> list(pqxx::transaction_base& tx, const std::string& assembly_id,
                         std::optional<domain::Status> status = std::nullopt);
// A page of the same list: at most `limit` members after the member `after_id` ("" from the
// start), in the same order; with the version of the assembly's members' list it was read at, in
// the same statement (none for an empty page).
struct MemberPage {
  std::vector<Member> members;
  std::optional<std::int64_t> list_version;
};
MemberPage list_page(pqxx::transaction_base& tx, const std::string& assembly_id,
                     std::optional<domain::Status> status, const std::string& after_id,
                     std::size_t limit);
// The version of an assembly's members' list: raised by every statement that writes its members
// (migration 0036); 0 before any.
std::int64_t list_version(pqxx::transaction_base& tx, const std::string& assembly_id);
std::optional<Member> find_by_person(pqxx::transaction_base& tx, const std::string& assembly_id,
                                     const std::string& person_id);
// Locks the assembly's members in that status (before acting on them all).
void lock_by_status(pqxx::work& tx, const std::string& assembly_id, domain::Status status);
// Moves a member from `from` to `to`, with its history line; false when it was not in `from`.
bool change_status(pqxx::work& tx, const std::string& id, domain::Status from, domain::Status to,
                   const std::string& reason, const std::string& by);
void set_workshop(pqxx::work& tx, const std::string& id, const std::string& from,
                  const std::string& to, const std::string& reason, const std::string& by);
void set_preferences(pqxx::work& tx, const std::string& id, const nlohmann::json& themes,
                     const std::string& by);
void set_replaced_by(pqxx::work& tx, const std::string& leaver, const std::string& replacement);
void append_history(pqxx::work& tx, const std::string& member_id, const std::string& actor,
                    const std::string& change, const std::string& from, const std::string& to,
                    const std::string& reason, const std::string& related);
// A line of a member's history (the time UTC with milliseconds).
struct HistoryLine {
  std::string at, actor, change;
  std::optional<std::string> from, to, reason, related;
};
std::vector<HistoryLine> history(pqxx::transaction_base& tx, const std::string& member_id);

// Removes what identifies the members of an assembly (contact details, the link to the sortition
// pool, free-text reasons, preferences and attributes); counts, statuses, workshops, attendance,
// roles and the evaluation stay, and so do the contact details of the members who consented to
// receive the follow-up of their vœux. Returns the number of members anonymised.
int anonymise(pqxx::work& tx, const std::string& assembly_id);

// The same for one member, whatever their consents (an erasure on request): their contact
// details, the link to the sortition pool, the free-text reasons of their history, preferences
// and attributes. Rows changed, by kind.
struct ErasedMember {
  long contact_details = 0, free_text_reasons = 0, member_records = 0;
};
ErasedMember erase_member(pqxx::work& tx, const std::string& member_id);

}  // namespace membership::store
