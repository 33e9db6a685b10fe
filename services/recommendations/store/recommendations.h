#pragma once
// SQL for recommendations (versions, amendments, status changes, co-construction feedback) and the
// workshops' adopted mandates they answer. Each query is a named constant; rows are read by column
// name.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/recommendation.h"

namespace recommendations::store {

// Workshops' MandateAdopted: the workshop's mandate (the latest replaces the former).
void upsert_mandate(pqxx::work& tx, const std::string& workshop_id, const std::string& mandate_id,
                    const std::string& assembly_id, const std::string& text);

// The recommendations a motion carries.
void detach_from_motion(pqxx::work& tx, const std::string& motion_id);
// False when the recommendation is not one of the workshop's in co-construction.
bool attach_to_motion(pqxx::work& tx, const std::string& id, const std::string& motion_id,
                      const std::string& workshop_id);
// The motion's recommendations in co-construction become carried, each change kept; their ids.
std::vector<std::string> carry_for_motion(pqxx::work& tx, const std::string& motion_id,
                                          const std::string& actor);

// The workshop's adopted mandate id; nullopt before it is adopted.
std::optional<std::string> mandate_of(pqxx::transaction_base& tx, const std::string& workshop_id);

// A recommendation, at its current version.
struct Recommendation {
  std::string id, assembly_id, workshop_id, theme, title;
  domain::RecommendationStatus status = domain::RecommendationStatus::draft;
  int version = 1;
  std::string motion_id;                 // "" when no motion carries it
  std::string text;                      // the current version's
  std::string mandate_id;                // "" when none
  std::string plenary_session_id;        // the plenary where it was handed over; "" before
  std::vector<std::string> departments;  // the city departments it is addressed to, sorted
};
// Inserts the recommendation and its version 1.
void insert_recommendation(pqxx::work& tx, const Recommendation& r, const std::string& by);
std::optional<Recommendation> find_recommendation(pqxx::transaction_base& tx, const std::string& id,
                                                  bool for_update = false);
// The assembly's recommendations; with a department, only those addressed to it.
std::vector<Recommendation> list_recommendations(pqxx::transaction_base& tx,
                                                 const std::string& assembly_id,
                                                 const std::string& department = "");
// Addresses the recommendation to exactly these departments (those no longer named are dropped).
void set_departments(pqxx::work& tx, const std::string& id,
                     const std::vector<std::string>& departments, const std::string& by);

struct Version {
  int version = 0;
  std::string author, amendment_id, created_at;  // amendment_id "" when none
};
std::vector<Version> versions(pqxx::transaction_base& tx, const std::string& id);
std::optional<std::string> version_text(pqxx::transaction_base& tx, const std::string& id, int v);
// A new version made by an accepted amendment, now the current one.
void add_version(pqxx::work& tx, const std::string& id, int version, const std::string& text,
                 const std::string& author, const std::string& amendment_id);

struct StatusChange {
  std::string at, actor, from, to, reason;
};
std::vector<StatusChange> status_changes(pqxx::transaction_base& tx, const std::string& id);
// Moves the recommendation to `to`, its change kept.
void change_status(pqxx::work& tx, const std::string& id, domain::RecommendationStatus from,
                   domain::RecommendationStatus to, const std::string& actor,
                   const std::string& reason);

// The plenary session where the recommendation was handed over.
void set_plenary(pqxx::work& tx, const std::string& id, const std::string& plenary_session_id);

// Amendments.
struct Amendment {
  std::string id, recommendation_id;
  int base_version = 0;
  std::string text, rationale, author, state;  // state: proposed | accepted | rejected
};
void insert_amendment(pqxx::work& tx, const Amendment& a);
// The recommendation's amendments, the first proposed first.
std::vector<Amendment> amendments_of(pqxx::transaction_base& tx, const std::string& id);
std::optional<Amendment> find_amendment_for_update(pqxx::work& tx, const std::string& id);
void decide_amendment(pqxx::work& tx, const std::string& id, const std::string& state,
                      const std::string& by);

// Co-construction feedback.
struct Feedback {
  std::string id, recommendation_id, reply_to, author, author_role, feasibility, cost_estimate,
      legal_constraints, department, text, created_at;  // reply_to "" when none
};
bool feedback_exists(pqxx::transaction_base& tx, const std::string& id,
                     const std::string& recommendation_id);
void insert_feedback(pqxx::work& tx, const Feedback& f);
std::vector<Feedback> feedback_of(pqxx::transaction_base& tx, const std::string& recommendation_id);

}  // namespace recommendations::store
