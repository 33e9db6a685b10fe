#include "app/debates.h"

#include "app/drafting.h"
#include "assembly/core/refusal.h"
#include "events/publish.h"
#include "store/motion_store.h"

namespace recommendations::app {
namespace core = assembly::core;

store::StoredDebate record_debate(pqxx::work& tx, const assembly::events::Outbox& outbox,
                                  const domain::Debate& d, const std::string& by) {
  auto m = store::find_for_update(tx, d.motion_id);
  if (!m) throw core::not_found("no motion " + d.motion_id);
  auto status = domain::parse_status(m->status).value_or(domain::MotionStatus::drafting);
  if (!domain::debate_recordable(status))
    throw StatusRefused("the motion is " + m->status + "; its debate can no longer be recorded",
                        m->status);
  store::put_debate(tx, d, by);
  events::motion_debated(tx, outbox, *m, d);
  return must_find_debate(tx, d.motion_id);
}

store::StoredDebate must_find_debate(pqxx::transaction_base& tx, const std::string& motion_id) {
  if (!store::find(tx, motion_id)) throw core::not_found("no motion " + motion_id);
  auto d = store::find_debate(tx, motion_id);
  if (!d) throw core::not_found("no debate recorded on motion " + motion_id);
  return *d;
}

}  // namespace recommendations::app
