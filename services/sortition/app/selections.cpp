#include "app/selections.h"

#include "assembly/core/ids.h"
#include "assembly/core/refusal.h"
#include "domain/panel_draw.h"
#include "store/quota_sets.h"
#include "store/scopes.h"

namespace sortition::app {
namespace core = assembly::core;

store::Selection create_selection(pqxx::work& tx, const SelectionRequest& request) {
  // The quota set and the invitation draws are the selection's assembly's: what an account limited
  // to that assembly may use.
  auto quotas_of = store::quota_set_assembly(tx, request.quota_set_id);
  if (!quotas_of) throw core::invalid("no quota set " + request.quota_set_id, "/quota_set_id");
  if (*quotas_of != request.assembly_id)
    throw core::invalid("quota set " + request.quota_set_id + " is of assembly " + *quotas_of,
                        "/quota_set_id");
  store::NewSelection s;
  for (std::size_t i = 0; i < request.invitation_draw_ids.size(); ++i) {
    const auto field = "/invitation_draw_ids/" + std::to_string(i);
    const auto& draw = request.invitation_draw_ids[i];
    if (!draw) throw core::invalid("invitation draw ids are strings", field);
    if (store::invitation_draw_state(tx, *draw) != std::optional<std::string>("drawn"))
      throw core::invalid("no invitation draw made with id " + *draw, field);
    auto draw_of = store::invitation_draw_assembly(tx, *draw);
    if (draw_of != request.assembly_id)
      throw core::invalid("invitation draw " + *draw + " is of assembly " + draw_of.value_or(""),
                          field);
    s.invitation_draw_ids.push_back(*draw);
  }
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
