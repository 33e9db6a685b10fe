#include "app/drafting.h"

#include "assembly/core/ids.h"
#include "domain/recommendation.h"
#include "events/publish.h"
#include "store/members.h"
#include "store/motion_store.h"

namespace recommendations::app {
namespace core = assembly::core;

namespace {

// Staff, or an active member of the recommendation's workshop (members draft in their own
// workshop).
void staff_or_workshop_member(pqxx::transaction_base& tx, const Actor& by,
                              const std::string& assembly_id, const std::string& theme) {
  if (by.staff) return;
  if (!store::is_active_in_workshop(tx, by.id, assembly_id, theme))
    throw core::forbidden("members draft and amend in their own workshop");
}

void amendable(const store::Recommendation& r) {
  if (!domain::amendable(r.status))
    throw core::conflict("the recommendation is " + std::string(domain::to_string(r.status)) +
                         "; amendments are for drafts");
}

}  // namespace

store::Recommendation must_find_recommendation(pqxx::transaction_base& tx, const std::string& id,
                                               bool for_update) {
  auto r = store::find_recommendation(tx, id, for_update);
  if (!r) throw core::not_found("no recommendation " + id);
  return *r;
}

store::Recommendation draft(pqxx::work& tx, const std::string& workshop_id,
                            const std::string& title, const std::string& text, const Actor& by,
                            const MayAct& may_act) {
  auto w = store::find_by_workshop(tx, workshop_id);
  if (!w) throw core::invalid("no workshop " + workshop_id, "/workshop_id");
  if (may_act) may_act(w->assembly_id, workshop_id);
  staff_or_workshop_member(tx, by, w->assembly_id, w->theme);
  // A recommendation answers the workshop's adopted mandate (workshops' MandateAdopted).
  auto mandate = store::mandate_of(tx, workshop_id);
  if (!mandate)
    throw core::conflict("the workshop has no adopted mandate yet: its recommendations answer it");
  store::Recommendation r;
  r.id = core::new_uuid();
  r.assembly_id = w->assembly_id;
  r.workshop_id = workshop_id;
  r.theme = w->theme;
  r.title = title;
  r.text = text;
  r.mandate_id = *mandate;
  store::insert_recommendation(tx, r, by.id);
  return must_find_recommendation(tx, r.id);
}

store::Amendment propose_amendment(pqxx::work& tx, const std::string& recommendation_id,
                                   const std::string& text, const std::string& rationale,
                                   const Actor& by) {
  auto r = must_find_recommendation(tx, recommendation_id, true);
  staff_or_workshop_member(tx, by, r.assembly_id, r.theme);
  amendable(r);
  store::Amendment a{core::new_uuid(), recommendation_id, r.version, text, rationale, by.id,
                     "proposed"};
  store::insert_amendment(tx, a);
  return a;
}

store::Recommendation decide_amendment(pqxx::work& tx, const std::string& id, bool accept,
                                       const std::string& by) {
  auto a = store::find_amendment_for_update(tx, id);
  if (!a) throw core::not_found("no amendment " + id);
  if (a->state != "proposed") throw core::conflict("the amendment was " + a->state + " already");
  auto r = must_find_recommendation(tx, a->recommendation_id, true);
  amendable(r);
  store::decide_amendment(tx, id, accept ? "accepted" : "rejected", by);
  if (accept) store::add_version(tx, r.id, r.version + 1, a->text, a->author, id);
  return must_find_recommendation(tx, r.id);
}

store::Recommendation change_status(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                    const std::string& id, const std::string& action,
                                    const std::string& reason, const std::string& by,
                                    const std::string& plenary_session_id) {
  if (domain::step_needs_plenary(action) && !core::is_uuid(plenary_session_id))
    throw core::invalid("the plenary session where it is handed over is required (a uuid)",
                        "/plenary_session_id");
  auto r = must_find_recommendation(tx, id, true);
  auto to = domain::next_status(r.status, action);
  const std::string from(domain::to_string(r.status));
  if (!to) throw StatusRefused(domain::refusal(from, action), from);
  store::change_status(tx, id, r.status, *to, by, reason);
  if (domain::step_needs_plenary(action)) {
    store::set_plenary(tx, id, plenary_session_id);
    r.plenary_session_id = plenary_session_id;
  }
  if (action == "hand-over") events::recommendation_submitted(tx, outbox, r);
  return must_find_recommendation(tx, id);
}

store::Recommendation address(pqxx::work& tx, const std::string& id,
                              const std::vector<std::string>& departments, const std::string& by) {
  auto r = must_find_recommendation(tx, id, true);
  const std::string status(domain::to_string(r.status));
  if (!domain::addressable(r.status))
    throw StatusRefused("the recommendation is " + status +
                            "; it is addressed to departments once handed over, until carried",
                        status);
  store::set_departments(tx, id, departments, by);
  return must_find_recommendation(tx, id);
}

store::Feedback add_feedback(pqxx::work& tx, store::Feedback f, bool city, const Actor& by) {
  auto r = must_find_recommendation(tx, f.recommendation_id);
  if (r.status != domain::RecommendationStatus::in_co_construction)
    throw core::conflict("the recommendation is " + std::string(domain::to_string(r.status)) +
                         "; feedback is for co-construction");
  if (!city) {
    staff_or_workshop_member(tx, by, r.assembly_id, r.theme);
    if (f.reply_to.empty())
      throw core::invalid("a member answers feedback: reply_to is required", "/reply_to");
  }
  if (!f.reply_to.empty() && !store::feedback_exists(tx, f.reply_to, f.recommendation_id))
    throw core::invalid("no feedback " + f.reply_to + " on this recommendation", "/reply_to");
  f.id = core::new_uuid();
  f.author = by.id;
  f.author_role = city ? "city-service" : "member";
  store::insert_feedback(tx, f);
  return f;
}

std::string version_text(pqxx::transaction_base& tx, const std::string& id, int version) {
  auto text = store::version_text(tx, id, version);
  if (!text) throw core::not_found("no version " + std::to_string(version));
  return *text;
}

}  // namespace recommendations::app
