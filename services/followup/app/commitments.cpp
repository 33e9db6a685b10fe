#include "app/commitments.h"

#include <nlohmann/json.hpp>

#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "domain/council.h"
#include "events/publish.h"

namespace followup::app {
namespace core = assembly::core;

namespace {

store::CommitmentRow must_commitment(pqxx::work& tx, const Staff& staff, const std::string& id) {
  auto c = store::find_commitment(tx, id, true);
  if (!c) throw core::not_found("no commitment " + id);
  check_department(staff, c->department);
  return *c;
}

// The change goes out with the commitment's state after it; the commitment as the public sees it.
store::CommitmentView announce(pqxx::work& tx, assembly::events::Outbox& outbox,
                               const std::string& id, const std::string& change,
                               const std::string& note) {
  events::commitment_updated(tx, outbox, *store::find_commitment(tx, id), change, note);
  return *store::commitment_view(tx, id, true);
}

}  // namespace

void check_department(const Staff& staff, const std::string& department) {
  if (staff.department.empty())
    throw core::forbidden(
        "the token names no department: city-service staff act for their department");
  if (staff.department != department)
    throw core::forbidden("this commitment belongs to " + department + ", not to " +
                          staff.department);
}

store::CommitmentView create_commitment(pqxx::work& tx, assembly::events::Outbox& outbox,
                                        const Staff& staff, const NewCommitmentInput& in,
                                        const AssemblyCheck& may_change) {
  auto d = store::dossier_carrying(tx, in.recommendation_id);
  if (!d)
    throw core::invalid(
        "no motion sent to the Council carries recommendation " + in.recommendation_id,
        "/recommendation_id");
  auto decision = domain::parse_decision(d->decision);
  if (!decision || !domain::adopts(*decision))
    throw core::conflict("the Council has not adopted the motion carrying this recommendation" +
                         (d->decision.empty() ? std::string() : " (it was " + d->decision + ")"));
  may_change(d->assembly_id);
  const auto id = assembly::core::new_uuid();
  store::insert_commitment(tx, {id, d->assembly_id, d->dossier_id, in.recommendation_id, in.title,
                                in.description, in.department, in.elected_official,
                                nlohmann::json(in.deliverables).dump(), staff.subject});
  store::record_change(tx, id, staff.subject, "created", {}, "");
  std::vector<std::string> titles, due_ons;
  for (const auto& m : in.milestones) {
    titles.push_back(m.title);
    due_ons.push_back(m.due_on);
  }
  store::add_milestones(tx, id, titles, due_ons);
  return announce(tx, outbox, id, "created", in.title);
}

store::CommitmentView change_progress(pqxx::work& tx, assembly::events::Outbox& outbox,
                                      const Staff& staff, const std::string& id,
                                      const domain::CommitmentChange& change) {
  auto c = must_commitment(tx, staff, id);
  auto result = domain::apply(c.state, change);
  if (auto* e = std::get_if<domain::RuleError>(&result)) {
    if (e->conflict) throw core::conflict(e->message);
    throw core::invalid(e->message, "/" + e->field);
  }
  const auto& next = std::get<domain::CommitmentState>(result);
  const std::string kind = next.status != c.state.status ? "status" : "progress";
  store::record_change(tx, id, staff.subject, kind, next, change.reason);
  if (next.status != c.state.status) store::set_status_reason(tx, id, change.reason);
  return announce(tx, outbox, id, kind, change.reason);
}

store::CommitmentView add_milestone(pqxx::work& tx, assembly::events::Outbox& outbox,
                                    const Staff& staff, const std::string& id,
                                    const MilestoneInput& m) {
  auto c = must_commitment(tx, staff, id);
  if (domain::is_closed(c.state.status))
    throw core::conflict("the commitment is " + domain::to_string(c.state.status) +
                         ": no new milestone");
  store::add_milestone(tx, id, m.title, m.due_on);
  store::record_change(tx, id, staff.subject, "milestone-added", c.state,
                       m.title + " (" + m.due_on + ")");
  return announce(tx, outbox, id, "milestone-added", m.title);
}

store::CommitmentView milestone_done(pqxx::work& tx, assembly::events::Outbox& outbox,
                                     const Staff& staff, const std::string& id,
                                     const std::string& milestone_id, const std::string& done_on) {
  auto c = must_commitment(tx, staff, id);
  auto m = store::lock_milestone(tx, milestone_id, id);
  if (!m) throw core::not_found("no milestone " + milestone_id + " in commitment " + id);
  if (m->done) throw core::conflict("the milestone is already done");
  store::mark_milestone_done(tx, milestone_id, done_on);
  const auto note = m->title + " (" + done_on + ")";
  store::record_change(tx, id, staff.subject, "milestone-done", c.state, note);
  return announce(tx, outbox, id, "milestone-done", note);
}

store::CommitmentView move_milestone(pqxx::work& tx, assembly::events::Outbox& outbox,
                                     const Staff& staff, const std::string& id,
                                     const std::string& milestone_id, const std::string& due_on,
                                     const std::string& reason) {
  auto c = must_commitment(tx, staff, id);
  if (domain::is_closed(c.state.status))
    throw core::conflict("the commitment is " + domain::to_string(c.state.status));
  auto m = store::lock_milestone(tx, milestone_id, id);
  if (!m) throw core::not_found("no milestone " + milestone_id + " in commitment " + id);
  if (m->done) throw core::conflict("the milestone is done");
  store::move_milestone(tx, milestone_id, due_on);
  const auto note = m->title + ": " + m->due_on + " -> " + due_on + " (" + reason + ")";
  store::record_change(tx, id, staff.subject, "milestone-rescheduled", c.state, note);
  return announce(tx, outbox, id, "milestone-rescheduled", note);
}

void may_add_evidence(pqxx::work& tx, const Staff& staff, const std::string& id) {
  must_commitment(tx, staff, id);
}

store::CommitmentView add_evidence(pqxx::work& tx, assembly::events::Outbox& outbox,
                                   const Staff& staff, const std::string& id,
                                   const std::string& url, const std::string& label) {
  auto c = must_commitment(tx, staff, id);
  store::add_evidence(tx, id, url, label, staff.subject);
  store::record_change(tx, id, staff.subject, "evidence", c.state, label);
  return announce(tx, outbox, id, "evidence", label);
}

}  // namespace followup::app
