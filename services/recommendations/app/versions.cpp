#include "app/versions.h"

#include "assembly/core/refusal.h"
#include "events/publish.h"
#include "store/members.h"

namespace recommendations::app {
namespace core = assembly::core;

namespace {

domain::MotionStatus status_of(const store::Motion& m) {
  return domain::parse_status(m.status).value_or(domain::MotionStatus::drafting);
}

store::Motion must_lock(pqxx::work& tx, const std::string& id) {
  auto m = store::find_for_update(tx, id);
  if (!m) throw core::not_found("no motion " + id);
  return *m;
}

// The text is frozen once the workshop approved it, and while the workshop
// votes on it.
void editable(pqxx::work& tx, const store::Motion& m) {
  if (!domain::text_editable(status_of(m)))
    throw StatusRefused("the motion is " + m.status + "; its text is final", m.status);
  if (store::workshop_ballot_open(tx, m.id))
    throw core::conflict("the workshop is voting on the motion's text; close its ballot first");
}

store::MotionVersion add(pqxx::work& tx, const assembly::events::Outbox& outbox,
                         const store::Motion& m, store::MotionVersion v) {
  v.version = store::add_motion_version(tx, v);
  events::motion_version_proposed(tx, outbox, m, v);
  return must_find_version(tx, m.id, v.version);
}

}  // namespace

store::MotionVersion propose_version(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                     const NewMotionVersion& n, const Actor& by) {
  auto m = must_lock(tx, n.motion_id);
  const auto& p = n.proposer;
  if (!by.staff && (p.kind != domain::ProposerKind::member || p.member_id != by.id))
    throw core::forbidden("a member proposes a version as themself");
  if (p.kind == domain::ProposerKind::member &&
      !store::is_active_in_workshop(tx, p.member_id, m.assembly_id, m.theme))
    throw core::invalid("no active member " + p.member_id + " in the motion's workshop",
                        "/proposed_by/member_id");
  editable(tx, m);
  return add(tx, outbox, m, {m.id, 0, n.title, n.text, n.session_id, p, n.note, by.id, ""});
}

void secretariat_text(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const store::Motion& m, const std::string& title, const std::string& text,
                      const std::string& by) {
  auto current = store::text_of(tx, m.id);
  if (m.version > 0 && current.title == title && current.text == text) return;
  editable(tx, m);
  add(tx, outbox, m,
      {m.id, 0, title, text, "", {domain::ProposerKind::secretariat, "", ""}, "", by, ""});
}

store::MotionVersion must_find_version(pqxx::transaction_base& tx, const std::string& motion_id,
                                       int version) {
  auto v = store::motion_version(tx, motion_id, version);
  if (!v) throw core::not_found("no version " + std::to_string(version));
  return *v;
}

void check_motion_ballot(pqxx::work& tx, NewBallot& n) {
  if (n.motion_id.empty()) return;
  auto m = store::find_for_update(tx, n.motion_id);
  if (!m || m->assembly_id != n.assembly_id)
    throw core::invalid("no motion " + n.motion_id + " in assembly " + n.assembly_id, "/motion_id");
  const bool workshop = !n.workshop.empty();
  if (workshop && n.workshop != m->theme)
    throw core::invalid("the motion is workshop " + m->theme + "'s", "/workshop");
  if (workshop && !domain::workshop_rule(n.rule))
    throw core::invalid("the workshop approves its motion by unanimity-of-votes-cast", "/rule");
  const auto needed = domain::status_for_ballot(workshop);
  if (status_of(*m) != needed)
    throw StatusRefused("the motion is " + m->status + "; " +
                            (workshop ? "the workshop votes a motion being drafted"
                                      : "the assembly votes a motion approved by its workshop"),
                        m->status);
  if (workshop && m->version == 0)
    throw core::conflict("the motion has no text yet: propose a version first");
  if (workshop && store::workshop_ballot_open(tx, m->id))
    throw core::conflict("the workshop already votes on this motion");
  n.motion_version = workshop ? m->version : 0;
}

void after_motion_ballot(pqxx::work& tx, const assembly::events::Outbox& outbox,
                         const store::Ballot& b, const domain::Result& result) {
  if (result.outcome != "adopted" || b.motion_id.empty()) return;
  const bool workshop = !b.workshop.empty();
  auto m = must_lock(tx, b.motion_id);
  if (status_of(m) != domain::status_for_ballot(workshop)) return;  // moved on meanwhile
  if (workshop) {
    if (m.version != b.motion_version) return;  // not the version voted (cannot happen: frozen)
    auto approved = store::mark_approved(tx, m.id);
    events::motion_approved_by_workshop(tx, outbox, approved, b, result);
    return;
  }
  auto voted = store::mark_voted(tx, m.id);
  events::motion_adopted(tx, outbox, voted, store::text_of(tx, m.id).title, b, result);
}

}  // namespace recommendations::app
