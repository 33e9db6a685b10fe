// Dashboard and alerting figures, recomputed from the database every METRICS_REFRESH_SECONDS.
#include "assembly/metrics/metrics.h"

#include "api/routes.h"
#include "store/metrics.h"

namespace followup::api {

namespace {

void figures(pqxx::work& tx, assembly::service::Figures& f) {
  auto& c = f["commitments"];
  auto& o = f["milestones_overdue"];
  auto& s = f["last_report_published_timestamp_seconds"];
  auto& p = f["reports_published"];
  auto& l = f["reports_overdue"];
  auto& d = f["council_decisions"];
  for (const auto& r : store::commitments_by_status(tx))
    c[{{"assembly", r.assembly_id}, {"status", r.label}}] = r.count;
  for (const auto& r : store::milestones_overdue(tx)) o[{{"assembly", r.assembly_id}}] = r.count;
  for (const auto& r : store::report_figures(tx)) {
    assembly::metrics::GaugeSnapshot::Labels a{{"assembly", r.assembly_id}};
    p[a] = r.published;
    l[a] = r.overdue;
    if (r.last_published) s[a] = *r.last_published;
  }
  for (const auto& r : store::council_decisions(tx))
    d[{{"assembly", r.assembly_id}, {"decision", r.label}}] = r.count;
}

}  // namespace

void add_metrics(assembly::service::Context& ctx) {
  assembly::service::refresh_gauges(
      ctx,
      {{"commitments", "Commitments by assembly and status"},
       {"milestones_overdue", "Milestones past their due date and not done, by assembly"},
       {"last_report_published_timestamp_seconds",
        "When the assembly's last follow-up report was published (Unix time)"},
       {"reports_published", "Follow-up reports published, by assembly"},
       {"reports_overdue", "Follow-up reports past their due date and not published, by assembly"},
       {"council_decisions", "Council decisions on the assembly's motions, by decision"}},
      figures);
}

}  // namespace followup::api
