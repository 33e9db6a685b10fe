#include "events/handlers.h"

#include "assembly/core/time.h"
#include "assembly/followup/v1/events.pb.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/recommendations/v1/events.pb.h"
#include "assembly/service/erasure.h"
#include "assembly/workshops/v1/events.pb.h"
#include "store/messages.h"

namespace notifications::events {

namespace mv1 = assembly::membership::v1;
namespace fv1 = assembly::followup::v1;
using assembly::events::Envelope;
using assembly::events::Poison;

namespace {

// A ballot's message to its electors, as the event names them; an event published before the
// electors were carried (none named) goes to the members this service knows as seated.
template <typename BallotEvent>
void to_electors(pqxx::work& tx, const BallotEvent& e, domain::Kind kind, const std::string& cause,
                 const store::Params& params) {
  if (e.elector_ids_size() > 0)
    store::enqueue_for_members(tx, {e.elector_ids().begin(), e.elector_ids().end()},
                               e.assembly_id(), kind, cause, params);
  else
    store::enqueue_for_seated(tx, e.assembly_id(), e.workshop_theme(), kind, cause, params);
}

}  // namespace

void add_handlers(assembly::service::Context& ctx) {
  assembly::service::on_erasure_requested(ctx, [](pqxx::work& tx, const mv1::ErasureRequested& e) {
    assembly::service::Erased out;
    for (const auto& [k, n] : store::erase_member(tx, e.member_id())) out[k] = n;
    return out;
  });

  // Invited: asked to confirm, or told they replace someone. One message per member and cause:
  // an invitation seen again writes nothing.
  ctx.dispatcher.on<mv1::MemberInvited>(
      [](pqxx::work& tx, const mv1::MemberInvited& e, const Envelope&) {
        if (e.member_id().empty() || e.assembly_id().empty())
          throw Poison("MemberInvited without member or assembly");
        store::member_invited(tx, e.member_id(), e.assembly_id(), e.invited_on());
        const bool replacement = !e.replaces_member_id().empty();
        store::enqueue(
            tx, e.member_id(), e.assembly_id(),
            replacement ? domain::Kind::replacement_drawn : domain::Kind::confirmation_request,
            (replacement ? "replacement:" : "invited:") + e.member_id(),
            {{"assembly_id", e.assembly_id()}});
      });
  // Once a member has answered, what asked them to answer and was not sent yet no longer goes.
  auto answered = [](pqxx::work& tx, const std::string& member_id) {
    store::skip_unsent(tx, member_id,
                       {"confirmation-request", "confirmation-reminder", "replacement-drawn"},
                       "the member answered before it was sent");
  };
  ctx.dispatcher.on<mv1::MemberConfirmed>(
      [answered](pqxx::work& tx, const mv1::MemberConfirmed& e, const Envelope&) {
        store::member_status(tx, e.member_id(), e.assembly_id(), "confirmed");
        answered(tx, e.member_id());
      });
  ctx.dispatcher.on<mv1::MemberDeclined>(
      [answered](pqxx::work& tx, const mv1::MemberDeclined& e, const Envelope&) {
        store::member_status(tx, e.member_id(), e.assembly_id(), "declined");
        answered(tx, e.member_id());
      });
  ctx.dispatcher.on<mv1::MemberWithdrew>(
      [answered](pqxx::work& tx, const mv1::MemberWithdrew& e, const Envelope&) {
        store::member_status(tx, e.member_id(), e.assembly_id(), "withdrawn");
        answered(tx, e.member_id());
      });
  ctx.dispatcher.on<mv1::MemberActivated>(
      [answered](pqxx::work& tx, const mv1::MemberActivated& e, const Envelope&) {
        store::member_status(tx, e.member_id(), e.assembly_id(), "active");
        store::member_workshop(tx, e.member_id(), e.assembly_id(), e.workshop_theme());
        answered(tx, e.member_id());
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

  // A session scheduled, moved or cancelled: its members are told (not of a session already
  // begun). A later change known already makes an older one arriving late say nothing.
  ctx.dispatcher.on<assembly::workshops::v1::SessionChanged>(
      [](pqxx::work& tx, const assembly::workshops::v1::SessionChanged& e, const Envelope&) {
        if (e.session_id().empty() || e.assembly_id().empty() || e.starts_at().empty())
          throw Poison("SessionChanged without session, assembly or time");
        const auto kind = e.change() == "scheduled" ? domain::Kind::session_scheduled
                          : e.change() == "moved"   ? domain::Kind::session_moved
                          : e.change() == "cancelled"
                              ? domain::Kind::session_cancelled
                              : throw Poison("SessionChanged with change \"" + e.change() + "\"");
        store::Session s{e.session_id(),     e.assembly_id(),
                         e.workshop_theme(), e.session_type(),
                         e.title(),          e.starts_at(),
                         e.ends_at(),        e.place(),
                         e.change(),         static_cast<int>(e.sequence())};
        if (!store::session_changed(tx, s)) return;
        if (e.starts_at() <= assembly::core::utc_now()) return;
        store::enqueue_for_seated(
            tx, s.assembly_id, s.workshop_theme, kind,
            "session:" + e.session_id() + ":" + e.change() + ":" + std::to_string(e.sequence()),
            {{"assembly_id", e.assembly_id()},
             {"session_id", e.session_id()},
             {"title", e.title()},
             {"starts_at", e.starts_at()},
             {"ends_at", e.ends_at()},
             {"place", e.place()},
             {"sequence", std::to_string(e.sequence())},
             {"previous_starts_at", e.previous_starts_at()}});
      });

  // A commitment's milestone is late (followup flags it once, again if moved): its department
  // and the secretariat are told.
  ctx.dispatcher.on<fv1::MilestoneOverdue>(
      [](pqxx::work& tx, const fv1::MilestoneOverdue& e, const Envelope&) {
        if (e.milestone_id().empty() || e.assembly_id().empty())
          throw Poison("MilestoneOverdue without milestone or assembly");
        const store::Params params{{"assembly_id", e.assembly_id()},
                                   {"title", e.title()},
                                   {"due_on", e.due_on()},
                                   {"department", e.department()}};
        const auto cause = "milestone:" + e.milestone_id() + ":" + e.due_on();
        if (!e.department().empty())
          store::enqueue(tx, std::string(domain::kDepartmentPrefix) + e.department(),
                         e.assembly_id(), domain::Kind::milestone_overdue, cause, params);
        store::enqueue(tx, std::string(domain::kSecretariat), e.assembly_id(),
                       domain::Kind::milestone_overdue, cause, params);
      });

  // A ballot opened (not one voted by a show of hands in the room) and closed with its result:
  // its electors are told (those the event names: fixed at the opening).
  namespace rv1 = assembly::recommendations::v1;
  ctx.dispatcher.on<rv1::BallotOpened>(
      [](pqxx::work& tx, const rv1::BallotOpened& e, const Envelope&) {
        if (e.ballot_id().empty() || e.assembly_id().empty())
          throw Poison("BallotOpened without ballot or assembly");
        if (e.show_of_hands()) return;
        to_electors(tx, e, domain::Kind::ballot_opened, "ballot-opened:" + e.ballot_id(),
                    {{"assembly_id", e.assembly_id()},
                     {"question", e.question()},
                     {"closes_at", e.closes_at()},
                     {"secret", e.secret() ? "yes" : "no"}});
      });
  ctx.dispatcher.on<rv1::BallotClosed>(
      [](pqxx::work& tx, const rv1::BallotClosed& e, const Envelope&) {
        if (e.ballot_id().empty() || e.assembly_id().empty())
          throw Poison("BallotClosed without ballot or assembly");
        to_electors(tx, e, domain::Kind::ballot_closed, "ballot-closed:" + e.ballot_id(),
                    {{"assembly_id", e.assembly_id()},
                     {"question", e.question()},
                     {"outcome", e.outcome()},
                     {"votes_for", std::to_string(e.votes_for())},
                     {"votes_against", std::to_string(e.votes_against())},
                     {"abstentions", std::to_string(e.abstentions())}});
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
