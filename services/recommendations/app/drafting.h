#pragma once
// Drafting use cases: recommendations (against the workshop's adopted mandate), amendments and
// their decision, the status (hand-over: RecommendationSubmitted) and co-construction feedback.
// They throw assembly::core::Refused; no HTTP here.
#include <functional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "assembly/core/refusal.h"
#include "assembly/events/outbox.h"
#include "store/recommendations.h"

namespace recommendations::app {

// Who acts: their id, and whether they are the secretariat (staff).
struct Actor {
  std::string id;
  bool staff = false;
};

// A step the recommendation's status does not allow: a conflict that names the status.
class StatusRefused : public assembly::core::Refused {
 public:
  StatusRefused(std::string detail, std::string status)
      : Refused(assembly::core::conflict(std::move(detail))), status_(std::move(status)) {}
  const std::string& status() const { return status_; }

 private:
  std::string status_;
};

// The recommendation; refused (404) when there is none.
store::Recommendation must_find_recommendation(pqxx::transaction_base& tx, const std::string& id,
                                               bool for_update = false);
// A first version in the workshop's name. `may_act`, when given, is called with the workshop's
// assembly and id once the workshop is found, before anything is written, and throws to refuse.
using MayAct = std::function<void(const std::string& assembly_id, const std::string& workshop_id)>;
store::Recommendation draft(pqxx::work& tx, const std::string& workshop_id,
                            const std::string& title, const std::string& text, const Actor& by,
                            const MayAct& may_act = {});
// The amendment (proposed) and the version it amends.
store::Amendment propose_amendment(pqxx::work& tx, const std::string& recommendation_id,
                                   const std::string& text, const std::string& rationale,
                                   const Actor& by);
// accept (a new version) or reject; the recommendation after.
store::Recommendation decide_amendment(pqxx::work& tx, const std::string& id, bool accept,
                                       const std::string& by);
// adopt, hand-over (at the plenary session `plenary_session_id`), co-construct, withdraw.
store::Recommendation change_status(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                    const std::string& id, const std::string& action,
                                    const std::string& reason, const std::string& by,
                                    const std::string& plenary_session_id = "");
// Addresses a recommendation handed over (or in co-construction) to the city departments that
// are to answer it: exactly these (a 409 naming the status before the hand-over or once withdrawn
// or carried). The recommendation after.
store::Recommendation address(pqxx::work& tx, const std::string& id,
                              const std::vector<std::string>& departments, const std::string& by);
// Feedback by a city service, or a member's answer (reply_to required).
store::Feedback add_feedback(pqxx::work& tx, store::Feedback f, bool city, const Actor& by);
// The text of a version; refused (404) when missing.
std::string version_text(pqxx::transaction_base& tx, const std::string& id, int version);

}  // namespace recommendations::app
