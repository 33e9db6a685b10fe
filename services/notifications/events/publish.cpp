#include "events/publish.h"

#include "assembly/notifications/v1/events.pb.h"

namespace notifications::events {

void audience_reached(pqxx::work& tx, const assembly::events::Outbox& outbox,
                      const store::Reach& r) {
  assembly::notifications::v1::AudienceReached e;
  e.set_assembly_id(r.assembly_id);
  e.set_kind(r.kind);
  e.set_subject_id(r.subject_id);
  e.set_sent(static_cast<unsigned>(r.sent));
  e.set_not_sent(static_cast<unsigned>(r.not_sent));
  e.set_total(static_cast<unsigned>(r.total));
  outbox.append(tx, e, r.assembly_id);
}

}  // namespace notifications::events
