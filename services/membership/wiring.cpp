#include "wiring.h"

#include "api/cohorts.h"
#include "api/engagement.h"
#include "api/erasures.h"
#include "api/members.h"
#include "api/metrics.h"
#include "api/scopes.h"
#include "api/site.h"
#include "api/trainings.h"
#include "app/accounts.h"
#include "app/evaluations.h"
#include "events/handlers.h"
#include "workers/accounts.h"

namespace membership {

assembly::service::Definition definition() {
  return {"membership",
          {assembly::service::topic_of("sortition"), assembly::service::topic_of("workshops"),
           assembly::service::topic_of("recommendations"),  // spokespersons
           assembly::service::topic_of("followup"),         // ErasureCompleted, like the others
           assembly::service::topic_of("notifications")},   // ErasureCompleted only
          migrations(),
          openapi_document(),
          [](assembly::service::Context& ctx) {
            auto keyring = assembly::service::pii_keyring(ctx);
            ctx.sealed = {app::sealed_contacts(), app::sealed_held_answers()};
            const int retention = static_cast<int>(ctx.env.integer(
                "RETENTION_DAYS", 365, 0, 3650,
                "days personal data is kept after the end of a mandate, unless the assembly says"));
            const int at_risk_absences = static_cast<int>(ctx.env.integer(
                "AT_RISK_ABSENCES", 3, 1, 100,
                "unexcused absences in a row that put a member on the at-risk list"));
            api::add_member_routes(ctx);
            api::add_assembly_routes(ctx, retention);
            api::add_engagement_routes(ctx, keyring, at_risk_absences);
            api::add_training_routes(ctx);
            api::add_evaluation_routes(ctx, keyring);
            api::add_cohort_routes(ctx);
            api::add_site_pages(ctx);
            api::add_erasure_routes(ctx);
            api::add_scopes(ctx);
            api::add_metrics(ctx, at_risk_absences);
            events::add_handlers(ctx, retention);
            workers::add_account_worker(ctx, keyring);
          }};
}

}  // namespace membership
