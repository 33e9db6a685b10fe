#include "app/motions.h"

#include "app/versions.h"
#include "assembly/core/refusal.h"
#include "domain/motion.h"
#include "events/publish.h"
#include "store/members.h"
#include "store/motion_store.h"
#include "store/recommendations.h"

namespace recommendations::app {
namespace core = assembly::core;

void set_motion_text(pqxx::work& tx, const assembly::events::Outbox& outbox, const MotionDraft& d) {
  auto m = store::find_for_update(tx, d.id);
  if (!m) throw core::not_found("no motion " + d.id);
  if (domain::parse_status(m->status) != domain::MotionStatus::drafting)
    throw core::conflict("the motion is " + m->status + "; its text is final");
  for (std::size_t i = 0; i < d.spokespersons.size(); ++i)
    if (!store::is_active(tx, d.spokespersons[i], m->assembly_id))
      throw core::invalid("no active member " + d.spokespersons[i] + " in the assembly",
                          "/spokespersons/" + std::to_string(i));
  // The recommendations it carries: its workshop's, in co-construction.
  store::detach_from_motion(tx, d.id);
  for (std::size_t i = 0; i < d.recommendation_ids.size(); ++i)
    if (!store::attach_to_motion(tx, d.recommendation_ids[i], d.id, m->workshop_id))
      throw core::invalid("recommendation " + d.recommendation_ids[i] +
                              " is not one of this workshop's in co-construction",
                          "/recommendation_ids/" + std::to_string(i));
  // A changed title or text is the secretariat's new version.
  secretariat_text(tx, outbox, *m, d.title, d.text, d.by);
  store::set_text(tx, d.id, {d.title, d.text, d.spokespersons});
  // Announced to membership, which keeps them as spokesperson roles.
  events::spokespersons_assigned(tx, outbox, d.id, m->assembly_id, d.spokespersons);
}

void send_to_council(pqxx::work& tx, const assembly::events::Outbox& outbox, const std::string& id,
                     const std::string& actor) {
  auto m = store::find_for_update(tx, id);
  if (!m) throw core::not_found("no motion " + id);
  // Only voted -> sent-to-council.
  if (!domain::can_move(domain::parse_status(m->status).value_or(domain::MotionStatus::drafting),
                        domain::MotionStatus::sent_to_council))
    throw core::conflict("the motion is " + m->status +
                         "; only a motion adopted by the plenary goes to the Council");
  auto text = store::text_of(tx, id);
  store::mark_sent(tx, id);
  // Its recommendations are carried now, each change kept.
  auto carried = store::carry_for_motion(tx, id, actor);
  events::motion_sent_to_council(tx, outbox, *m, text, carried);
}

}  // namespace recommendations::app
