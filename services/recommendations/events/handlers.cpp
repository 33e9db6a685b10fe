#include "events/handlers.h"

#include "assembly/core/ids.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/recommendations/v1/events.pb.h"
#include "assembly/workshops/v1/events.pb.h"
#include "domain/motion.h"
#include "store/motion_store.h"

namespace recommendations::events {

void add_handlers(assembly::service::Context& ctx) {
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
                        ""};
        if (!store::insert_if_new(tx, m)) return;
        assembly::recommendations::v1::MotionOpened opened;
        opened.set_motion_id(m.id);
        opened.set_workshop_id(m.workshop_id);
        opened.set_assembly_id(m.assembly_id);
        opened.set_theme(m.theme);
        outbox.append(tx, opened, m.id);
      });

  // Membership's members, as ballots need them: who is active, in which workshop. A ballot takes
  // its electorate from here when it opens.
  namespace mv1 = assembly::membership::v1;
  ctx.dispatcher.on<mv1::MemberAssigned>([](pqxx::work& tx, const mv1::MemberAssigned& e,
                                            const assembly::events::Envelope&) {
    if (e.member_id().empty() || e.assembly_id().empty())
      throw assembly::events::Poison("MemberAssigned without ids");
    tx.exec_params(
        "INSERT INTO members (member_id, assembly_id, status, workshop) VALUES ($1, $2, "
        "'assigned', $3) "
        "ON CONFLICT (member_id) DO UPDATE SET workshop = excluded.workshop, updated_at = now()",
        e.member_id(), e.assembly_id(), e.workshop_theme());
  });
  ctx.dispatcher.on<mv1::MemberActivated>(
      [](pqxx::work& tx, const mv1::MemberActivated& e, const assembly::events::Envelope&) {
        if (e.member_id().empty() || e.assembly_id().empty())
          throw assembly::events::Poison("MemberActivated without ids");
        tx.exec_params(
            "INSERT INTO members (member_id, assembly_id, status, workshop) VALUES ($1, $2, "
            "'active', $3) "
            "ON CONFLICT (member_id) DO UPDATE SET status = 'active', workshop = "
            "excluded.workshop, updated_at = now()",
            e.member_id(), e.assembly_id(), e.workshop_theme());
      });
  ctx.dispatcher.on<mv1::MemberWithdrew>(
      [](pqxx::work& tx, const mv1::MemberWithdrew& e, const assembly::events::Envelope&) {
        if (e.member_id().empty() || e.assembly_id().empty())
          throw assembly::events::Poison("MemberWithdrew without ids");
        tx.exec_params(
            "INSERT INTO members (member_id, assembly_id, status) VALUES ($1, $2, 'withdrawn') "
            "ON CONFLICT (member_id) DO UPDATE SET status = 'withdrawn', updated_at = now()",
            e.member_id(), e.assembly_id());
      });

  // The workshop's adopted mandate: what its recommendations answer.
  ctx.dispatcher.on<
      assembly::workshops::v1::MandateAdopted>([](pqxx::work& tx,
                                                  const assembly::workshops::v1::MandateAdopted& e,
                                                  const assembly::events::Envelope&) {
    if (e.workshop_id().empty() || e.mandate_id().empty())
      throw assembly::events::Poison("MandateAdopted without ids");
    tx.exec_params(
        "INSERT INTO mandates (workshop_id, mandate_id, assembly_id, text) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (workshop_id) DO UPDATE SET mandate_id = excluded.mandate_id, text = "
        "excluded.text, adopted_at = now()",
        e.workshop_id(), e.mandate_id(), e.assembly_id(), e.text());
  });
}

}  // namespace recommendations::events
