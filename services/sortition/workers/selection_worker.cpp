#include "workers/selection_worker.h"

#include <algorithm>

#include "app/selection_draw.h"
#include "assembly/logging/log.h"
#include "store/selections.h"

namespace sortition::workers {
namespace {

using nlohmann::json;

// The process is stopping: the job goes back to the queue.
struct Interrupted {};
// The secretariat cancelled the running job.
struct Cancelled {};

json progress_json(const fair::Progress& p, const std::string& pool, double fraction) {
  return {{"fraction", fraction},
          {"pool", pool},
          {"algorithm", p.algorithm},
          {"iteration", p.iteration},
          {"panels", p.panels},
          {"min_probability", p.min_probability},
          {"settled_types", p.fixed_types},
          {"types", p.types},
          {"seconds", p.seconds}};
}

// Writes the outcome; a result the database refuses (a constraint) or that cannot be put in JSON
// would be refused the same way each time the job is taken again, recomputing it for ever and
// holding up the queue: the selection fails, with the reason. Anything else (the database away)
// is left to run again.
void store_outcome(assembly::db::Pool& db, assembly::events::Outbox& outbox, const app::Job& job,
                   const app::Outcome& outcome) {
  try {
    db.transact([&](pqxx::work& tx) { app::finish(tx, outbox, job, outcome); });
  } catch (const std::exception& e) {
    if (!dynamic_cast<const pqxx::integrity_constraint_violation*>(&e) &&
        !dynamic_cast<const json::exception*>(&e))
      throw;
    assembly::log::error("panel selection could not be stored",
                         {{"selection_id", job.selection.id}, {"error", e.what()}});
    const std::string why = e.what();
    app::Outcome failed;
    failed.failure = "the result could not be stored: " + why.substr(0, why.find('\n'));
    db.transact([&](pqxx::work& tx) { app::finish(tx, outbox, job, failed); });
  }
}

// Runs queued selections until none is left or the service stops.
void run_queue(assembly::db::Pool& db, assembly::events::Outbox& outbox, double time_limit,
               const std::shared_ptr<std::atomic<bool>>& stopping) {
  while (!*stopping) {
    auto job = db.transact([&](pqxx::work& tx) { return app::claim(tx); });
    if (!job) return;
    const std::string id = job->selection.id;
    assembly::log::info("panel selection started",
                        {{"selection_id", id}, {"algorithm", job->selection.requested_algorithm}});
    auto last_write = fair::Clock::now(), last_log = last_write;
    double fraction = 0;  // the largest so far: the bar never goes back
    auto report = [&](const fair::Progress& p, const std::string& pool,
                      const domain::SelectionClock& clock) {
      if (*stopping) throw Interrupted{};
      fraction = std::max(fraction, domain::progress_fraction(clock, p));
      const auto now = fair::Clock::now();
      if (now - last_write < std::chrono::seconds(1)) return;
      last_write = now;
      const auto progress = progress_json(p, pool, fraction);
      if (db.transact([&](pqxx::work& tx) { return store::record_progress(tx, id, progress); }))
        throw Cancelled{};
      if (now - last_log >= std::chrono::seconds(5)) {
        last_log = now;
        assembly::log::info("panel selection progress",
                            {{"selection_id", id}, {"progress", progress}});
      }
    };
    app::Outcome outcome;
    try {
      outcome = app::compute(*job, time_limit, report);
    } catch (const Cancelled&) {
      // finish() sees the request and marks it cancelled, drawing nothing.
      store_outcome(db, outbox, *job, app::Outcome{});
      assembly::log::info("panel selection stopped: cancelled by the secretariat",
                          {{"selection_id", id}});
      continue;
    } catch (const Interrupted&) {
      db.transact([&](pqxx::work& tx) { store::give_back(tx, id); });
      assembly::log::info("panel selection given back: the service is stopping",
                          {{"selection_id", id}});
      return;
    } catch (const std::exception& e) {
      outcome.failure = std::string("the solver failed: ") + e.what();
    }
    store_outcome(db, outbox, *job, outcome);
  }
}

}  // namespace

void add_selection_worker(assembly::service::Context& ctx) {
  const double time_limit =
      static_cast<double>(ctx.env.integer("SELECTION_TIME_LIMIT_SECONDS", 300, 1, 86400,
                                          "time a panel draw may compute LEXIMIN, then MAXIMIN, "
                                          "before falling back to the legacy greedy draw"));
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  auto stopping = ctx.stopping;
  ctx.every(std::chrono::milliseconds(300), "run queued selections",
            [&db, &outbox, time_limit, stopping] { run_queue(db, outbox, time_limit, stopping); });
}

}  // namespace sortition::workers
