// Dashboard and alerting figures, recomputed from the database every METRICS_REFRESH_SECONDS
// for /metrics (the Grafana dashboards), and one assembly's, by the same function, for the
// console's dashboard (GET /v1/assemblies/{id}/follow-up-figures).
#include "assembly/metrics/metrics.h"

#include "api/routes.h"
#include "assembly/service/api.h"
#include "store/metrics.h"

namespace followup::api {
using namespace assembly::service::api;

namespace {

// Every assembly's figures when `assembly_id` is empty.
void figures(pqxx::work& tx, assembly::service::Figures& f, const std::string& assembly_id = "") {
  auto& c = f["commitments"];
  auto& o = f["milestones_overdue"];
  auto& s = f["last_report_published_timestamp_seconds"];
  auto& p = f["reports_published"];
  auto& l = f["reports_overdue"];
  auto& d = f["council_decisions"];
  for (const auto& r : store::commitments_by_status(tx, assembly_id))
    c[{{"assembly", r.assembly_id}, {"status", r.label}}] = r.count;
  for (const auto& r : store::milestones_overdue(tx, assembly_id))
    o[{{"assembly", r.assembly_id}}] = r.count;
  for (const auto& r : store::report_figures(tx, assembly_id)) {
    assembly::metrics::GaugeSnapshot::Labels a{{"assembly", r.assembly_id}};
    p[a] = r.published;
    l[a] = r.overdue;
    if (r.last_published) s[a] = *r.last_published;
  }
  for (const auto& r : store::council_decisions(tx, assembly_id))
    d[{{"assembly", r.assembly_id}, {"decision", r.label}}] = r.count;
}

// The gauges of one assembly as JSON: a gauge with a second label (status, decision) is an object
// by that label's value, the others a number; a gauge without a value (no report published yet)
// is null. The statuses and decisions without any are absent, as on /metrics.
json figures_json(const std::string& assembly_id, const assembly::service::Figures& f) {
  json out = {{"assembly_id", assembly_id}};
  for (const auto* name : {"commitments", "council_decisions"}) out[name] = json::object();
  for (const auto* name : {"milestones_overdue", "reports_published", "reports_overdue",
                           "last_report_published_timestamp_seconds"})
    out[name] = nullptr;
  for (const auto& [name, values] : f)
    for (const auto& [labels, value] : values) {
      if (labels.size() == 1) {
        out[name] = value;
        continue;
      }
      for (const auto& [label, text] : labels)
        if (label != "assembly") out[name][text] = value;
    }
  for (const auto* name : {"milestones_overdue", "reports_published", "reports_overdue"})
    if (out[name].is_null()) out[name] = 0;
  return out;
}

http::Response follow_up_figures(assembly::db::Pool& db, http::Request& req) {
  const auto assembly_id = assembly_param(req);
  assembly::service::Figures f;
  db.transact([&](pqxx::work& tx) { figures(tx, f, assembly_id); });
  return http::Response::json(200, figures_json(assembly_id, f));
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
      [](pqxx::work& tx, assembly::service::Figures& f) { figures(tx, f); });
  auto& db = ctx.db;
  ctx.router.add(Method::Get, "/v1/assemblies/:id/follow-up-figures", Access::anyone(),
                 [&db](http::Request& req) { return follow_up_figures(db, req); });
}

}  // namespace followup::api
