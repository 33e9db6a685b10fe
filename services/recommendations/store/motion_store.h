#pragma once
// SQL for motions. Each query is a named constant.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace recommendations::store {

struct Motion {
  std::string id, workshop_id, assembly_id, theme, status, created_at;
  std::string title;  // its last version's ("" before any)
  int version = 0;    // its last version (0 before any)
};

bool insert_if_new(pqxx::work& tx, const Motion& m);  // one motion per workshop
std::optional<Motion> find(pqxx::transaction_base& tx, const std::string& id);
std::vector<Motion> list(pqxx::transaction_base& tx, const std::string& assembly_id);

// The workshop's motion (one per workshop); nullopt when the workshop is unknown.
std::optional<Motion> find_by_workshop(pqxx::transaction_base& tx, const std::string& workshop_id);
// Whether the motion is one of the assembly's.
bool in_assembly(pqxx::transaction_base& tx, const std::string& id, const std::string& assembly_id);

// What the secretariat drafts, and what the Council receives.
struct MotionText {
  std::string title, text;
  std::vector<std::string> spokespersons;  // member ids, in the order given
};
// The motion (locked), with its text; nullopt when there is none.
std::optional<Motion> find_for_update(pqxx::work& tx, const std::string& id);
MotionText text_of(pqxx::transaction_base& tx, const std::string& id);
void set_text(pqxx::work& tx, const std::string& id, const MotionText& t);
// drafting -> approved-by-workshop (its workshop's ballot approved the last version); the motion.
Motion mark_approved(pqxx::work& tx, const std::string& id);
// approved-by-workshop -> voted (the plenary adopted it); the motion as it is then.
Motion mark_voted(pqxx::work& tx, const std::string& id);
// voted -> sent-to-council.
void mark_sent(pqxx::work& tx, const std::string& id);

}  // namespace recommendations::store
