#include "app/selections.h"

#include "app/selection_draw.h"
#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "domain/fair.h"
#include "domain/panel_draw.h"
#include "store/quota_sets.h"
#include "store/scopes.h"

namespace sortition::app {
namespace core = assembly::core;

namespace {

// The invitation draws a selection (or a check of its quotas) takes: each drawn and of the
// assembly; core::Refused (invalid, naming the entry) otherwise.
std::vector<std::string> drawn_invitation_draws(
    pqxx::transaction_base& tx, const std::string& assembly_id,
    const std::vector<std::optional<std::string>>& ids) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto field = "/invitation_draw_ids/" + std::to_string(i);
    const auto& draw = ids[i];
    if (!draw) throw core::invalid("invitation draw ids are strings", field);
    if (store::invitation_draw_state(tx, *draw) != std::optional<std::string>("drawn"))
      throw core::invalid("no invitation draw made with id " + *draw, field);
    auto draw_of = store::invitation_draw_assembly(tx, *draw);
    if (draw_of != assembly_id)
      throw core::invalid("invitation draw " + *draw + " is of assembly " + draw_of.value_or(""),
                          field);
    out.push_back(*draw);
  }
  return out;
}

}  // namespace

store::Selection create_selection(pqxx::work& tx, const SelectionRequest& request) {
  // The quota set and the invitation draws are the selection's assembly's: what an account limited
  // to that assembly may use.
  auto quotas_of = store::quota_set_assembly(tx, request.quota_set_id);
  if (!quotas_of) throw core::invalid("no quota set " + request.quota_set_id, "/quota_set_id");
  if (*quotas_of != request.assembly_id)
    throw core::invalid("quota set " + request.quota_set_id + " is of assembly " + *quotas_of,
                        "/quota_set_id");
  store::NewSelection s;
  s.invitation_draw_ids =
      drawn_invitation_draws(tx, request.assembly_id, request.invitation_draw_ids);
  s.id = assembly::core::new_uuid();
  s.assembly_id = request.assembly_id;
  s.quota_set_id = request.quota_set_id;
  s.seed_commitment = request.seed_commitment;
  s.replacement_deadline = request.replacement_deadline;
  s.created_by = request.created_by;
  s.requested_algorithm = request.algorithm;
  try {
    store::insert_selection(tx, s);
  } catch (const pqxx::data_exception&) {
    throw core::invalid("replacement_deadline is not a date", "/replacement_deadline");
  }
  return *store::find_selection(tx, s.id);
}

std::vector<PoolFeasibility> feasibility(pqxx::transaction_base& tx,
                                         const std::string& quota_set_id,
                                         const std::vector<std::optional<std::string>>& draw_ids) {
  auto assembly_id = store::quota_set_assembly(tx, quota_set_id);
  if (!assembly_id) throw core::not_found("no quota set " + quota_set_id);
  const auto draws = drawn_invitation_draws(tx, *assembly_id, draw_ids);
  std::string csvs;
  const auto spec = load_spec(tx, quota_set_id, csvs);
  const auto respondents = store::interested_respondents(tx, draws);
  std::vector<PoolFeasibility> out;
  for (const auto& sp : spec.pools) {
    PoolFeasibility f{sp.pool, sp.seats, 0, true, "", ""};
    for (const auto& r : respondents) f.respondents += r.pool == sp.pool ? 1 : 0;
    // The draw's own checks, in its order: the cheap counts, then whether a panel exists at all.
    if (auto why = domain::check_feasible(sp, respondents)) {
      f = {sp.pool, sp.seats, f.respondents, false, why->constraint, why->message};
    } else {
      try {
        fair::check_feasible(fair::make_instance(sp, respondents));
      } catch (const fair::Infeasible& e) {
        f = {sp.pool, sp.seats, f.respondents, false, e.constraint(), e.what()};
      } catch (const domain::PanelError& e) {
        f = {sp.pool, sp.seats, f.respondents, false, e.constraint(), e.what()};
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

store::Selection reveal_seed(pqxx::work& tx, const std::string& id, const std::string& seed,
                             const std::string& by) {
  auto sel = store::find_selection(tx, id, true);
  if (!sel) throw core::not_found("no selection " + id);
  if (sel->state != domain::SelectionState::committed)
    throw core::conflict("the selection is already " + domain::to_string(sel->state));
  if (domain::sha256_hex(seed) != sel->seed_commitment)
    throw core::invalid("the seed does not match the published commitment (SHA-256)", "/seed");
  store::queue_selection(tx, id, seed, by);
  return *store::find_selection(tx, id);
}

store::Selection cancel_selection(pqxx::work& tx, const std::string& id, const std::string& by) {
  auto sel = store::find_selection(tx, id, true);
  if (!sel) throw core::not_found("no selection " + id);
  switch (sel->state) {
    case domain::SelectionState::committed:
    case domain::SelectionState::queued:
      store::cancel_now(tx, id, by);
      break;
    case domain::SelectionState::running:
      store::request_cancel(tx, id, by);  // its worker stops at its next progress report
      break;
    case domain::SelectionState::cancelled:
      break;  // asked twice: the same answer
    case domain::SelectionState::done:
    case domain::SelectionState::failed:
      throw core::conflict("the selection is already " + domain::to_string(sel->state) +
                           ": only one not yet finished can be cancelled");
  }
  return *store::find_selection(tx, id);
}

SelectionWithLists selection_with_lists(pqxx::transaction_base& tx, const std::string& id) {
  auto sel = store::find_selection(tx, id);
  if (!sel) throw core::not_found("no selection " + id);
  return {std::move(*sel), store::listed_people(tx, id)};
}

store::Selection public_selection(pqxx::transaction_base& tx, const std::string& id) {
  auto sel = store::find_selection(tx, id);
  if (!sel) throw core::not_found("no selection " + id);
  return std::move(*sel);
}

store::Selection done_selection(pqxx::transaction_base& tx, const std::string& id) {
  auto sel = store::find_selection(tx, id);
  if (!sel) throw core::not_found("no selection " + id);
  if (sel->state != domain::SelectionState::done)
    throw core::conflict("the selection is " + domain::to_string(sel->state));
  return std::move(*sel);
}

}  // namespace sortition::app
