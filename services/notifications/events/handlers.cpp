#include "events/handlers.h"

#include "assembly/followup/v1/events.pb.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/service/erasure.h"
#include "store/messages.h"

namespace notifications::events {

namespace mv1 = assembly::membership::v1;
namespace fv1 = assembly::followup::v1;
using assembly::events::Envelope;
using assembly::events::Poison;

void add_handlers(assembly::service::Context& ctx) {
  assembly::service::on_erasure_requested(
      ctx, [](pqxx::work& tx, const mv1::ErasureRequested& e) {
        assembly::service::Erased out;
        for (const auto& [k, n] : store::erase_member(tx, e.member_id())) out[k] = n;
        return out;
      });

  // Invited: asked to confirm, or told they replace someone. One message per member and cause:
  // an invitation seen again writes nothing.
  ctx.dispatcher.on<mv1::MemberInvited>([](pqxx::work& tx, const mv1::MemberInvited& e,
                                           const Envelope&) {
    if (e.member_id().empty() || e.assembly_id().empty())
      throw Poison("MemberInvited without member or assembly");
    store::member_invited(tx, e.member_id(), e.assembly_id(), e.invited_on());
    const bool replacement = !e.replaces_member_id().empty();
    store::enqueue(tx, e.member_id(), e.assembly_id(),
                   replacement ? domain::Kind::replacement_drawn
                               : domain::Kind::confirmation_request,
                   (replacement ? "replacement:" : "invited:") + e.member_id(),
                   {{"assembly_id", e.assembly_id()}});
  });
  ctx.dispatcher.on<mv1::MemberConfirmed>(
      [](pqxx::work& tx, const mv1::MemberConfirmed& e, const Envelope&) {
        store::member_status(tx, e.member_id(), e.assembly_id(), "confirmed");
      });
  ctx.dispatcher.on<mv1::MemberDeclined>(
      [](pqxx::work& tx, const mv1::MemberDeclined& e, const Envelope&) {
        store::member_status(tx, e.member_id(), e.assembly_id(), "declined");
      });
  ctx.dispatcher.on<mv1::MemberWithdrew>(
      [](pqxx::work& tx, const mv1::MemberWithdrew& e, const Envelope&) {
        store::member_status(tx, e.member_id(), e.assembly_id(), "withdrawn");
      });
  ctx.dispatcher.on<mv1::MemberActivated>(
      [](pqxx::work& tx, const mv1::MemberActivated& e, const Envelope&) {
        store::member_status(tx, e.member_id(), e.assembly_id(), "active");
        store::member_workshop(tx, e.member_id(), e.assembly_id(), e.workshop_theme());
      });
  ctx.dispatcher.on<mv1::MemberAssigned>(
      [](pqxx::work& tx, const mv1::MemberAssigned& e, const Envelope&) {
        store::member_workshop(tx, e.member_id(), e.assembly_id(), e.workshop_theme());
      });
  // Contact details given or changed: the member's messages waiting for them go now.
  ctx.dispatcher.on<mv1::ContactChanged>(
      [](pqxx::work& tx, const mv1::ContactChanged& e, const Envelope&) {
        store::rearm_waiting(tx, e.member_id());
      });

  // The droit de suite: every member and former member of the assembly gets the report (the
  // seated ones, those who withdrew; not those who declined nor those who never answered).
  ctx.dispatcher.on<fv1::FollowUpReportPublished>(
      [](pqxx::work& tx, const fv1::FollowUpReportPublished& e, const Envelope&) {
        if (e.report_id().empty() || e.assembly_id().empty())
          throw Poison("FollowUpReportPublished without report or assembly");
        store::enqueue_for_assembly(
            tx, e.assembly_id(), {"confirmed", "active", "withdrawn"},
            domain::Kind::report_published, "report:" + e.report_id(),
            {{"assembly_id", e.assembly_id()},
             {"sequence", std::to_string(e.sequence())},
             {"as_of", e.as_of()},
             {"commitments", std::to_string(e.commitments())},
             {"commitments_done", std::to_string(e.commitments_done())},
             {"milestones_overdue", std::to_string(e.milestones_overdue())}});
      });
}

}  // namespace notifications::events
