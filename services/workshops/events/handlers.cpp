#include "events/handlers.h"

#include <ctime>
#include <regex>

#include "app/participants.h"
#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/recommendations/v1/events.pb.h"
#include "assembly/service/erasure.h"
#include "domain/themes.h"
#include "events/publish.h"
#include "store/workshop_store.h"

namespace workshops::events {

namespace {

// The day a roster change takes effect: the event's effective_on when it says, else the day the
// event occurred (UTC).
std::string day_of(const std::string& effective_on, const assembly::events::Envelope& env) {
  static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  if (!effective_on.empty()) {
    if (!std::regex_match(effective_on, date))
      throw assembly::events::Poison("effective_on \"" + effective_on + "\" is not a date");
    return effective_on;
  }
  return assembly::core::utc_date(static_cast<std::time_t>(env.occurred_at().seconds()));
}

// The plenaries' page learns what the recommendations service decided there, and the evaluation
// membership presented there.
void add_plenary_decision_handlers(assembly::service::Context& ctx) {
  namespace rv1 = assembly::recommendations::v1;
  ctx.dispatcher.on<rv1::RecommendationSubmitted>([](pqxx::work& tx,
                                                     const rv1::RecommendationSubmitted& e,
                                                     const assembly::events::Envelope&) {
    if (e.plenary_session_id().empty()) return;  // handed over before plenaries were named
    store::PlenaryDecision d;
    d.session_id = e.plenary_session_id();
    d.kind = "recommendation-handed-over";
    d.ref_id = e.recommendation_id();
    d.title = e.title();
    d.outcome = "handed-over";
    d.details = {{"workshop_id", e.workshop_id()}, {"theme", e.theme()}, {"version", e.version()}};
    d.source = "recommendations";
    app::record_announced_decision(tx, d);
  });
  namespace mv1 = assembly::membership::v1;
  ctx.dispatcher.on<mv1::EvaluationClosed>(
      [](pqxx::work& tx, const mv1::EvaluationClosed& e, const assembly::events::Envelope&) {
        if (e.plenary_session_id().empty()) return;  // presented at no named plenary
        store::PlenaryDecision d;
        d.session_id = e.plenary_session_id();
        d.kind = "evaluation";
        d.ref_id = e.evaluation_id();
        d.title = e.title();
        d.outcome = "closed";
        d.details = {{"responses", e.responses()}};
        d.source = "membership";
        app::record_announced_decision(tx, d);
      });
  ctx.dispatcher.on<rv1::MotionAdopted>(
      [](pqxx::work& tx, const rv1::MotionAdopted& e, const assembly::events::Envelope&) {
        if (e.plenary_session_id().empty()) return;
        store::PlenaryDecision d;
        d.session_id = e.plenary_session_id();
        d.kind = "motion";
        d.ref_id = e.motion_id();
        d.title = e.title();
        d.outcome = "adopted";
        d.details = {{"workshop_id", e.workshop_id()},     {"theme", e.theme()},
                     {"ballot_id", e.ballot_id()},         {"votes_for", e.votes_for()},
                     {"votes_against", e.votes_against()}, {"abstentions", e.abstentions()},
                     {"electorate", e.electorate()},       {"rule", e.rule()}};
        d.source = "recommendations";
        app::record_announced_decision(tx, d);
      });
}

}  // namespace

void add_handlers(assembly::service::Context& ctx) {
  add_plenary_decision_handlers(ctx);
  auto& outbox = ctx.outbox;
  // A member placed in (or moved to) a workshop: on its roster from that day, off any other.
  ctx.dispatcher.on<assembly::membership::v1::MemberAssigned>(
      [&outbox](pqxx::work& tx, const assembly::membership::v1::MemberAssigned& e,
                const assembly::events::Envelope& env) {
        if (!domain::is_valid_theme(e.workshop_theme()))
          throw assembly::events::Poison("invalid workshop theme \"" + e.workshop_theme() + "\"");
        if (e.member_id().empty() || e.assembly_id().empty())
          throw assembly::events::Poison("MemberAssigned without member or assembly id");
        auto day = day_of(e.effective_on(), env);
        auto title = domain::title_of(e.workshop_theme()).value_or(e.workshop_theme());
        bool created = false;
        auto w = store::get_or_create(tx, assembly::core::new_uuid(), e.assembly_id(),
                                      e.workshop_theme(), title, created);
        if (created) workshop_opened(tx, outbox, w);
        store::leave_rosters(tx, e.assembly_id(), e.member_id(), w.id, day, "moved to " + w.theme);
        int size = store::add_member(tx, w.id, e.member_id(), day);
        if (size > 0) workshop_member_joined(tx, outbox, w.id, e.member_id(), size);
      });

  // A member who withdrew leaves their roster that day; their attendance before stays.
  ctx.dispatcher.on<assembly::membership::v1::MemberWithdrew>(
      [](pqxx::work& tx, const assembly::membership::v1::MemberWithdrew& e,
         const assembly::events::Envelope& env) {
        if (e.member_id().empty() || e.assembly_id().empty())
          throw assembly::events::Poison("MemberWithdrew without member or assembly id");
        store::leave_rosters(tx, e.assembly_id(), e.member_id(), "", day_of(e.effective_on(), env),
                             "withdrew");
      });

  // The erasure of one person (docs/privacy.md): the reasons their roster periods ended (copied
  // from membership by earlier versions). Attendance and ballots stay, by member id only.
  assembly::service::on_erasure_requested(
      ctx,
      [](pqxx::work& tx,
         const assembly::membership::v1::ErasureRequested& e) -> assembly::service::Erased {
        return {{"free_text_reasons", store::erase_left_reasons(tx, e.member_id())}};
      });
}

}  // namespace workshops::events
