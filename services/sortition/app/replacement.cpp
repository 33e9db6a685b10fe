#include "app/replacement.h"

#include <set>

#include "app/selection_draw.h"
#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "assembly/logging/log.h"
#include "events/publish.h"
#include "store/selections.h"

namespace sortition::app {
namespace core = assembly::core;

Replacement replace(pqxx::work& tx, const assembly::events::Outbox& outbox,
                    const ReplacementRequest& request) {
  const auto& id = request.selection_id;
  const auto& leaver = request.leaver;
  if (!request.source_event.empty())
    if (auto done = store::replacement_for_event(tx, request.source_event)) {
      Replacement r;
      r.id = *done;
      r.drawn = false;
      return r;
    }
  auto sel = store::find_selection(tx, id, true);
  if (!sel) throw core::not_found("no selection " + id);
  if (sel->state != domain::SelectionState::done)
    throw core::conflict("the selection is " + domain::to_string(sel->state));
  if (sel->replacement_deadline && store::date_has_passed(tx, *sel->replacement_deadline))
    throw core::conflict("the replacement deadline (" + *sel->replacement_deadline +
                         ") has passed");
  auto seat = store::find_panel_seat(tx, id, leaver);
  if (!seat) throw core::invalid("person " + leaver + " is not on this panel", "/person_id");
  if (!seat->seated) throw core::conflict("person " + leaver + " has already left this panel");
  const auto pool_kind = seat->pool_kind;
  store::unseat(tx, id, leaver, request.reason);

  std::string csvs;
  auto spec = load_spec(tx, sel->quota_set_id, csvs);
  const domain::SeatPool* seat_pool = nullptr;
  for (const auto& sp : spec.pools)
    if (sp.pool == pool_kind) seat_pool = &sp;
  if (!seat_pool) throw core::conflict("the quota set has no seat pool " + pool_kind);
  auto everyone = store::interested_respondents(tx, sel->invitation_draw_ids);
  const auto ever = store::panel_person_ids(tx, id);
  const auto now = store::seated_person_ids(tx, id, pool_kind);
  const std::set<std::string> ever_on_panel(ever.begin(), ever.end()),
      seated(now.begin(), now.end());
  std::vector<domain::Respondent> panel, remaining;
  for (const auto& r : everyone) {
    if (seated.count(r.person_id))
      panel.push_back(r);
    else if (!ever_on_panel.count(r.person_id))
      remaining.push_back(r);
  }
  const auto reserve = store::reserve_order(tx, id);
  const auto counter = store::last_replacement_counter(tx, id);
  domain::ReplacementResult chosen;
  try {
    chosen =
        domain::choose_replacement(*seat_pool, panel, remaining, reserve, sel->seed.value_or(""),
                                   static_cast<std::uint64_t>(counter));
  } catch (const domain::PanelError& e) {
    throw core::conflict(std::string("no replacement possible: ") + e.what());
  }
  store::insert_replacement_seat(tx, id, store::next_panel_rank(tx, id),
                                 chosen.replacement.person_id, leaver, sel->invitation_draw_ids);
  Replacement out;
  out.id = core::new_uuid();
  out.selection_id = id;
  out.leaver = leaver;
  out.replacement = chosen.replacement.person_id;
  out.reason = request.reason;
  out.quotas_met = chosen.quotas_met;
  out.message = chosen.message;
  store::insert_replacement(tx, {out.id, id, leaver, out.replacement, request.reason,
                                 request.source_event, chosen.quotas_met, chosen.message,
                                 static_cast<long long>(chosen.next_counter), request.actor});
  outbox.append(tx,
                events::replacement_drawn({out.id, id, sel->assembly_id, leaver, request.reason,
                                           chosen.message, chosen.replacement, chosen.quotas_met}),
                id);
  assembly::log::info(
      "replacement drawn",
      {{"selection_id", id}, {"replacement_id", out.id}, {"quotas_met", chosen.quotas_met}});
  return out;
}

}  // namespace sortition::app
