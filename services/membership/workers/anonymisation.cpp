#include "workers/anonymisation.h"

#include "app/accounts.h"
#include "assembly/logging/log.h"
#include "store/members.h"

namespace membership::workers {

void add_anonymisation_worker(assembly::service::Context& ctx) {
  auto& db = ctx.db;
  auto seconds = ctx.env.integer("ANONYMISE_CHECK_SECONDS", 3600, 1, 86400,
                                 "how often assemblies due for anonymisation are looked for");
  ctx.every(std::chrono::seconds(seconds), "anonymise assemblies past retention", [&db] {
    for (const auto& id :
         db.transact([](pqxx::work& tx) { return store::assemblies_due_for_anonymisation(tx); })) {
      int n = db.transact([&](pqxx::work& tx) { return app::anonymise_with_accounts(tx, id); });
      assembly::log::info("assembly anonymised", {{"assembly_id", id}, {"members", n}});
    }
  });
}

}  // namespace membership::workers
