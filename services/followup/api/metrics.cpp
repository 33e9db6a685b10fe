// Dashboard and alerting figures, recomputed from the database every METRICS_REFRESH_SECONDS.
#include "assembly/metrics/metrics.h"

#include "api/routes.h"

namespace followup::api {

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
      [](pqxx::work& tx, assembly::service::Figures& f) {
        auto& c = f["commitments"];
        auto& o = f["milestones_overdue"];
        auto& s = f["last_report_published_timestamp_seconds"];
        auto& p = f["reports_published"];
        auto& l = f["reports_overdue"];
        auto& d = f["council_decisions"];
        for (const auto& r :
             tx.exec("SELECT assembly_id, status, count(*) FROM commitments GROUP BY 1, 2"))
          c[{{"assembly", r[0].as<std::string>()}, {"status", r[1].as<std::string>()}}] =
              r[2].as<double>();
        for (const auto& r : tx.exec(
                 "SELECT c.assembly_id, count(m.id) FILTER (WHERE m.done_on IS NULL AND m.due_on < "
                 "(now() AT TIME ZONE 'UTC')::date) "
                 "FROM commitments c LEFT JOIN milestones m ON m.commitment_id = c.id GROUP BY 1"))
          o[{{"assembly", r[0].as<std::string>()}}] = r[1].as<double>();
        for (const auto& r : tx.exec(
                 "SELECT assembly_id, count(*) FILTER (WHERE status = 'published'), "
                 "count(*) FILTER (WHERE status <> 'published' AND due_on < (now() AT TIME ZONE "
                 "'UTC')::date), "
                 "extract(epoch FROM max(published_at)) FROM reports GROUP BY 1")) {
          assembly::metrics::GaugeSnapshot::Labels a{{"assembly", r[0].as<std::string>()}};
          p[a] = r[1].as<double>();
          l[a] = r[2].as<double>();
          if (!r[3].is_null()) s[a] = r[3].as<double>();
        }
        for (const auto& r : tx.exec("SELECT d.assembly_id, a.decision, count(*) FROM agenda_items "
                                     "a JOIN dossiers d ON d.id = a.dossier_id "
                                     "WHERE a.decision IS NOT NULL GROUP BY 1, 2"))
          d[{{"assembly", r[0].as<std::string>()}, {"decision", r[1].as<std::string>()}}] =
              r[2].as<double>();
      });
}

}  // namespace followup::api
