#include "workers/overdue.h"

#include "app/reports.h"
#include "assembly/db/sql_time.h"

namespace followup::workers {

void add_overdue_worker(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto& outbox = ctx.outbox;
  auto period = ctx.env.integer("OVERDUE_CHECK_SECONDS", 300, 1, 86400,
                                "how often overdue reports and milestones are looked for");
  ctx.every(std::chrono::seconds(period), "detect overdue reports and milestones", [&db, &outbox] {
    db.transact([&](pqxx::work& tx) { app::detect_overdue(tx, outbox, assembly::db::today(tx)); });
  });
}

}  // namespace followup::workers
