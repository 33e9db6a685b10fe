#include "wiring.h"

#include <atomic>
#include <memory>

#include "api/invitations.h"
#include "api/pools.h"
#include "api/respondents.h"
#include "api/routes.h"
#include "api/scopes.h"
#include "api/selections.h"
#include "api/uploads.h"
#include "app/pools.h"
#include "app/respondents.h"
#include "assembly/logging/log.h"
#include "events/handlers.h"
#include "workers/pool_retention.h"
#include "workers/selection_worker.h"

namespace sortition {

assembly::service::Definition definition() {
  return {
      "sortition",
      {assembly::service::topic_of("membership")},  // MemberDeclined, MemberWithdrew: replacements
      migrations(),
      openapi_document(),
      [](assembly::service::Context& ctx) {
        auto keyring = assembly::service::pii_keyring(ctx);
        ctx.sealed = {app::sealed_pool_people(), app::sealed_contacts()};
        imports::Limits limits;
        limits.max_bytes = ctx.env.integer("IMPORT_MAX_BYTES", 1LL << 30, 1024, 1LL << 40,
                                           "largest pool file accepted, in bytes");
        limits.idle_timeout = std::chrono::seconds(
            ctx.env.integer("IMPORT_IDLE_SECONDS", 600, 1, 86400,
                            "an import with no part for this long fails (interrupted upload)"));
        limits.retention_days = static_cast<int>(ctx.env.integer(
            "POOL_RETENTION_DAYS", 365, 0, 36500,
            "a pool's personal data is erased this many days after the end of its mandate"));
        limits.default_mandate_days = static_cast<int>(
            ctx.env.integer("POOL_DEFAULT_MANDATE_DAYS", 730, 1, 36500,
                            "a pool created without a mandate end is taken to serve a mandate "
                            "ending this many days after its creation"));
        // The importer keeps a reference to the keyring: both live as long as the routes.
        auto importer = std::shared_ptr<imports::PoolImporter>(
            new imports::PoolImporter(*keyring, limits),
            [keyring](imports::PoolImporter* p) { delete p; });
        api::add_routes(ctx);
        api::SnapshotOptions snapshots;
        snapshots.at_once = static_cast<std::size_t>(ctx.env.integer(
            "SNAPSHOTS_AT_ONCE", 2, 1, 64,
            "pool snapshots made at once (each built in a temporary file, then sent from it); "
            "beyond, 503 with Retry-After"));
        snapshots.dir = ctx.env.str(
            "SNAPSHOT_DIR", "/tmp",
            "directory of the snapshots' temporary files (on disk: each holds up to the largest "
            "pool's snapshot, about 30 bytes a person)");
        api::add_pool_routes(ctx, importer, snapshots);
        api::add_invitation_routes(ctx, keyring);
        api::add_respondent_routes(
            ctx, keyring,
            static_cast<double>(
                ctx.env.integer("RESPONSES_PER_MINUTE", 10, 1, 100000,
                                "answers with a letter's code accepted per minute and address")));
        api::add_quota_routes(ctx);
        api::add_selection_routes(ctx);
        api::add_upload_routes(ctx, assembly::documents::Store::from_env(ctx.env, "sortition"));
        api::add_scopes(ctx);
        events::add_handlers(ctx);  // MemberDeclined, MemberWithdrew: replacements
        workers::add_selection_worker(ctx);
        workers::add_pool_retention_worker(ctx);
        auto& db = ctx.db;
        // Codes stored by an earlier version (a plain SHA-256) are re-keyed as soon as the
        // migrations are applied, in batches; new draws store keyed codes only, so once none is
        // left the task does nothing.
        auto rekeyed = std::make_shared<std::atomic<bool>>(false);
        ctx.every(std::chrono::seconds(60), "re-key legacy response codes",
                  [&db, keyring, rekeyed] {
                    if (*rekeyed) return;
                    while (db.transact([&](pqxx::work& tx) {
                      return app::rekey_legacy_codes(tx, *keyring, 1000);
                    }) > 0) {
                    }
                    *rekeyed = true;
                  });
        ctx.every(std::chrono::seconds(std::min<long>(10, limits.idle_timeout.count())),
                  "reap idle imports", [&db, importer] {
                    int n = db.transact([&](pqxx::work& tx) { return importer->reap_idle(tx); });
                    if (n > 0) assembly::log::warn("idle pool imports failed", {{"count", n}});
                  });
      }};
}

}  // namespace sortition
