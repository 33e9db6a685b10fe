#include "events/handlers.h"

#include "app/replacement.h"
#include "assembly/core/refusal.h"
#include "assembly/logging/log.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/service/erasure.h"
#include "store/pools.h"
#include "store/savepoint.h"
#include "store/selections.h"

namespace sortition::events {
namespace {

namespace mpb = assembly::membership::v1;

// A member left a selection's panel: their replacement is drawn. A refusal (past the deadline,
// nobody left, already replaced) is recorded in the log and the event is done.
void on_leave(pqxx::work& tx, assembly::events::Outbox& outbox, const std::string& selection,
              const std::string& person, const std::string& reason,
              const assembly::events::Envelope& env) {
  if (selection.empty()) return;  // a member not from a selection (e.g. the uniform inline draw)
  if (!store::selection_exists(tx, selection)) return;
  store::Savepoint savepoint(tx, "replacement");
  try {
    app::replace(tx, outbox, {selection, person, reason, "membership", env.event_id()});
    savepoint.release();
  } catch (const assembly::core::Refused& r) {
    savepoint.roll_back();
    assembly::log::warn("no replacement drawn", {{"selection_id", selection}, {"why", r.what()}});
  }
}

}  // namespace

void add_handlers(assembly::service::Context& ctx) {
  auto& outbox = ctx.outbox;
  ctx.dispatcher.on<mpb::MemberDeclined>([&outbox](pqxx::work& tx, const mpb::MemberDeclined& e,
                                                   const assembly::events::Envelope& env) {
    on_leave(tx, outbox, e.panel_draw_id(), e.person_id(), "declined", env);
  });
  ctx.dispatcher.on<mpb::MemberWithdrew>([&outbox](pqxx::work& tx, const mpb::MemberWithdrew& e,
                                                   const assembly::events::Envelope& env) {
    on_leave(tx, outbox, e.panel_draw_id(), e.person_id(), "withdrew", env);
  });
  // The erasure of one person (docs/privacy.md): their sealed identity and household key in every
  // pool, what they declared as a respondent, the reasons of their leaving. Their pseudonymous id
  // stays in the pools' snapshots until the pools' retention date: the draws must stay checkable.
  assembly::service::on_erasure_requested(
      ctx, [](pqxx::work& tx, const mpb::ErasureRequested& e) -> assembly::service::Erased {
        const auto erased = store::erase_person(tx, e.person_id());
        return {{"sealed_identities", erased.identities},
                {"respondent_criteria", erased.respondents},
                {"free_text_reasons", erased.reasons}};
      });
}

}  // namespace sortition::events
