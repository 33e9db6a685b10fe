#pragma once
// Selections as the secretariat makes them: committed with the seed's hash, then the seed revealed
// (the draw is queued for the worker, app/selection_draw.h); read back with their lists, and the
// public record once done.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "store/selections.h"

namespace sortition::app {

struct SelectionRequest {
  std::string assembly_id, quota_set_id, seed_commitment;
  // As given; an entry that is not a string is empty (refused with its index).
  std::vector<std::optional<std::string>> invitation_draw_ids;
  std::string replacement_deadline;  // YYYY-MM-DD or ""
  std::string algorithm;             // leximin, maximin or legacy
  std::string created_by;
};

// Checks that the quota set and the invitation draws (drawn) exist; core::Refused (invalid, with
// the field) when not.
store::Selection create_selection(pqxx::work& tx, const SelectionRequest& request);

// Whether the quotas of a quota set can be met by the interested respondents of these invitation
// draws (drawn, of the quota set's assembly: invalid naming the entry otherwise; not_found for an
// unknown quota set), seat pool by seat pool, with the checks the draw itself makes before it
// computes: the counts (domain::check_feasible), then a panel meeting every quota and the
// one-per-household rule searched for (fair::check_feasible, a MIP), naming what fails.
struct PoolFeasibility {
  std::string pool;
  int seats = 0;
  long long respondents = 0;
  bool feasible = true;
  std::string constraint, message;  // when not feasible
};
std::vector<PoolFeasibility> feasibility(pqxx::transaction_base& tx,
                                         const std::string& quota_set_id,
                                         const std::vector<std::optional<std::string>>& draw_ids);

// The seed revealed: checked against the commitment, then the draw is queued.
store::Selection reveal_seed(pqxx::work& tx, const std::string& id, const std::string& seed,
                             const std::string& by);

// The secretariat cancels a selection not yet finished: one committed or queued is cancelled at
// once; a running one is asked to stop (still 'running', cancel_requested_at set) and becomes
// 'cancelled' when its worker stops, within seconds. Again on a cancelled one: the same
// answer. A done or failed one: conflict.
store::Selection cancel_selection(pqxx::work& tx, const std::string& id, const std::string& by);

struct SelectionWithLists {
  store::Selection selection;
  std::vector<store::ListedPerson> people;  // panel and reserve, each in rank order
};
SelectionWithLists selection_with_lists(pqxx::transaction_base& tx, const std::string& id);

// A selection whose draw is done (its public record): not_found or conflict otherwise.
store::Selection done_selection(pqxx::transaction_base& tx, const std::string& id);
// A selection in any state (its page on the site: before the draw, its commitment): not_found.
store::Selection public_selection(pqxx::transaction_base& tx, const std::string& id);

}  // namespace sortition::app
