#pragma once
// SQL for selections (panel draws under quotas), their panel and reserve lists, and
// replacements. Each query is a named constant; rows are read by column name.
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/panel_select.h"
#include "domain/states.h"

namespace sortition::store {

struct Selection {
  std::string id, assembly_id, quota_set_id;
  std::vector<std::string> invitation_draw_ids;
  std::string seed_commitment;
  domain::SelectionState state = domain::SelectionState::committed;
  std::string requested_algorithm;
  std::string created_by, created_at;
  // Empty until the draw (or the failure) writes them.
  std::optional<std::string> seed, failure, algorithm, input_sha256, result_sha256,
      replacement_deadline, drawn_by, started_at, finished_at;
  // Set when the secretariat cancels it (a running job stops at its next progress report).
  std::optional<std::string> cancel_requested_at, cancelled_by;
  nlohmann::json record;    // the public record (null until done)
  nlohmann::json progress;  // the running job's progress (null when not running)
};

struct NewSelection {
  std::string id, assembly_id, quota_set_id;
  std::vector<std::string> invitation_draw_ids;
  std::string seed_commitment;
  std::string replacement_deadline;  // YYYY-MM-DD, "" for none
  std::string created_by, requested_algorithm;
};

// One line of a selection's panel or reserve list.
struct ListedPerson {
  domain::ListKind kind = domain::ListKind::panel;
  std::string person_id, pool;
  bool seated = true;
  std::optional<std::string> left_reason, replaces;
  std::optional<double> probability;
};

// One line to write: rank within its list, the person (their respondent row is looked up in the
// selection's invitation draws) and their selection probability if known.
struct NewListedPerson {
  domain::ListKind kind = domain::ListKind::panel;
  int rank = 0;
  std::string person_id;
  std::optional<double> probability;
};

// An invitation draw behind a selection, for its public record.
struct InvitationDrawSummary {
  std::string id, pool;
  long long pool_size = 0, invited = 0, respondents = 0;
  std::string snapshot_sha256, result_sha256, seed;
};

struct NewReplacement {
  std::string id, selection_id, leaver, replacement, reason, source_event;  // source_event "": none
  bool quotas_met = false;
  std::string message;  // "" for none
  long long counter = 0;
  std::string created_by;
};

// Selections.
std::optional<Selection> find_selection(pqxx::transaction_base& tx, const std::string& id,
                                        bool for_update = false);
bool selection_exists(pqxx::transaction_base& tx, const std::string& id);
// Throws pqxx::data_exception when the replacement deadline is not a date.
void insert_selection(pqxx::work& tx, const NewSelection& s);
// The seed revealed: the draw waits for the worker.
void queue_selection(pqxx::work& tx, const std::string& id, const std::string& seed,
                     const std::string& drawn_by);
// The state of an invitation draw ("committed", "drawn"), if it exists.
std::optional<std::string> invitation_draw_state(pqxx::transaction_base& tx, const std::string& id);
bool date_has_passed(pqxx::transaction_base& tx, const std::string& date);

// The worker's queue.
// Running jobs whose worker has not reported for `stale_after` (an interval) go back to the queue.
void requeue_stale(pqxx::work& tx, const std::string& stale_after);
// Takes the oldest queued selection (skipping those another worker holds) and marks it running.
std::optional<std::string> claim_next(pqxx::work& tx);
// Writes a running job's progress (and its heartbeat); true when it has been asked to stop.
bool record_progress(pqxx::work& tx, const std::string& id, const nlohmann::json& progress);
// The selection becomes 'cancelled' now (one not running, or a running one whose worker stopped).
void cancel_now(pqxx::work& tx, const std::string& id, const std::string& by);
// A running selection is asked to stop (once: a second request changes nothing).
void request_cancel(pqxx::work& tx, const std::string& id, const std::string& by);
void give_back(pqxx::work& tx, const std::string& id);
void mark_failed(pqxx::work& tx, const std::string& id, const std::string& failure);
void mark_done(pqxx::work& tx, const std::string& id, const std::string& algorithm,
               const std::string& input_sha256, const std::string& result_sha256,
               const nlohmann::json& record);

// What a draw draws from.
// The interested respondents of these invitation draws, by person id.
std::vector<domain::Respondent> interested_respondents(
    pqxx::transaction_base& tx, const std::vector<std::string>& invitation_draw_ids);
std::vector<InvitationDrawSummary> invitation_draw_summaries(
    pqxx::transaction_base& tx, const std::vector<std::string>& invitation_draw_ids);

// The panel and reserve lists.
std::vector<ListedPerson> listed_people(pqxx::transaction_base& tx, const std::string& id);
// All in one statement.
void insert_listed_people(pqxx::work& tx, const std::string& id,
                          const std::vector<std::string>& invitation_draw_ids,
                          const std::vector<NewListedPerson>& people);

// Replacements.
std::optional<std::string> replacement_for_event(pqxx::transaction_base& tx,
                                                 const std::string& source_event);
struct PanelSeat {
  std::string pool_kind;
  bool seated = true;
};
std::optional<PanelSeat> find_panel_seat(pqxx::transaction_base& tx, const std::string& id,
                                         const std::string& person_id);
void unseat(pqxx::work& tx, const std::string& id, const std::string& person_id,
            const std::string& reason);
// Everyone ever on the panel.
std::vector<std::string> panel_person_ids(pqxx::transaction_base& tx, const std::string& id);
std::vector<std::string> seated_person_ids(pqxx::transaction_base& tx, const std::string& id,
                                           const std::string& pool_kind);
std::vector<std::string> reserve_order(pqxx::transaction_base& tx, const std::string& id);
long long last_replacement_counter(pqxx::transaction_base& tx, const std::string& id);
int next_panel_rank(pqxx::transaction_base& tx, const std::string& id);
void insert_replacement_seat(pqxx::work& tx, const std::string& id, int rank,
                             const std::string& person_id, const std::string& replaces,
                             const std::vector<std::string>& invitation_draw_ids);
void insert_replacement(pqxx::work& tx, const NewReplacement& r);

}  // namespace sortition::store
