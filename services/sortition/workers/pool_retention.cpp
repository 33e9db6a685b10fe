#include "workers/pool_retention.h"

#include "app/pools.h"
#include "assembly/logging/log.h"
#include "store/pools.h"

namespace sortition::workers {

void add_pool_retention_worker(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto seconds = ctx.env.integer("POOL_RETENTION_CHECK_SECONDS", 3600, 1, 86400,
                                 "how often pools past their retention date are looked for");
  ctx.every(std::chrono::seconds(seconds), "erase pools past retention", [&db] {
    for (const auto& id :
         db.transact([](pqxx::work& tx) { return store::pools_due_for_erasure(tx); })) {
      auto erased = db.transact([&](pqxx::work& tx) { return app::erase_pool(tx, id); });
      if (erased)
        assembly::log::info("pool personal data erased", {{"pool_id", id},
                                                          {"people", erased->people},
                                                          {"invitations", erased->invitations},
                                                          {"respondents", erased->respondents}});
    }
  });
}

}  // namespace sortition::workers
