#include "events/handlers.h"

#include "assembly/core/ids.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/service/erasure.h"
#include "assembly/workshops/v1/events.pb.h"
#include "domain/motion.h"
#include "events/publish.h"
#include "store/members.h"
#include "store/motion_store.h"
#include "store/recommendations.h"

namespace recommendations::events {

namespace {

// A membership event about one member of an assembly, applied by `apply`: an event without the
// member's or the assembly's id is poison.
template <typename Event, typename Apply>
void on_member_event(assembly::events::Dispatcher& dispatcher, Apply apply) {
  dispatcher.on<Event>([apply](pqxx::work& tx, const Event& e, const assembly::events::Envelope&) {
    if (e.member_id().empty() || e.assembly_id().empty())
      throw assembly::events::Poison(Event::descriptor()->name() + " without ids");
    apply(tx, e);
  });
}

}  // namespace

void add_handlers(assembly::service::Context& ctx) {
  // The erasure of one person (docs/privacy.md): this service holds members by id only (the
  // electorate, open votes, authors); named debate speakers are not linked to a member.
  assembly::service::on_erasure_requested(
      ctx, [](pqxx::work&, const assembly::membership::v1::ErasureRequested&) {
        return assembly::service::Erased{};
      });
  auto& outbox = ctx.outbox;
  ctx.dispatcher.on<assembly::workshops::v1::WorkshopOpened>(
      [&outbox](pqxx::work& tx, const assembly::workshops::v1::WorkshopOpened& e,
                const assembly::events::Envelope&) {
        if (e.workshop_id().empty() || e.assembly_id().empty())
          throw assembly::events::Poison("WorkshopOpened without workshop or assembly id");
        store::Motion m{assembly::core::new_uuid(),
                        e.workshop_id(),
                        e.assembly_id(),
                        e.theme(),
                        domain::to_string(domain::MotionStatus::drafting),
                        "",
                        "",
                        0};
        if (!store::insert_if_new(tx, m)) return;
        motion_opened(tx, outbox, m);
      });

  // Membership's members, as ballots need them: who is active, in which workshop. A ballot takes
  // its electorate from here when it opens.
  namespace mv1 = assembly::membership::v1;
  on_member_event<mv1::MemberAssigned>(
      ctx.dispatcher, [](pqxx::work& tx, const mv1::MemberAssigned& e) {
        store::upsert_assigned(tx, e.member_id(), e.assembly_id(), e.workshop_theme());
      });
  on_member_event<mv1::MemberActivated>(
      ctx.dispatcher, [](pqxx::work& tx, const mv1::MemberActivated& e) {
        store::upsert_active(tx, e.member_id(), e.assembly_id(), e.workshop_theme());
      });
  on_member_event<mv1::MemberWithdrew>(
      ctx.dispatcher, [](pqxx::work& tx, const mv1::MemberWithdrew& e) {
        store::upsert_withdrawn(tx, e.member_id(), e.assembly_id());
      });

  // The workshop's adopted mandate: what its recommendations answer.
  ctx.dispatcher.on<assembly::workshops::v1::MandateAdopted>(
      [](pqxx::work& tx, const assembly::workshops::v1::MandateAdopted& e,
         const assembly::events::Envelope&) {
        if (e.workshop_id().empty() || e.mandate_id().empty())
          throw assembly::events::Poison("MandateAdopted without ids");
        store::upsert_mandate(tx, e.workshop_id(), e.mandate_id(), e.assembly_id(), e.text());
      });
}

}  // namespace recommendations::events
