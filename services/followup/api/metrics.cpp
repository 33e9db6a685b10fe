// Dashboard and alerting figures, recomputed from the database every METRICS_REFRESH_SECONDS.
#include "api/routes.h"
#include "assembly/metrics/metrics.h"

namespace followup::api {

void add_metrics(assembly::service::Context& ctx) {
  using Snapshot = assembly::metrics::GaugeSnapshot;
  using Labels = Snapshot::Labels;
  auto& db = ctx.db;
  auto period = ctx.env.integer("METRICS_REFRESH_SECONDS", 15, 1, 3600, "how often the dashboard figures are recomputed");
  auto commitments = std::make_shared<Snapshot>("commitments", "Commitments by assembly and status");
  auto overdue = std::make_shared<Snapshot>("milestones_overdue", "Milestones past their due date and not done, by assembly");
  auto since = std::make_shared<Snapshot>("days_since_last_report", "Days since the assembly's last published follow-up report");
  auto published = std::make_shared<Snapshot>("reports_published", "Follow-up reports published, by assembly");
  auto late = std::make_shared<Snapshot>("reports_overdue", "Follow-up reports past their due date and not published, by assembly");
  auto decisions = std::make_shared<Snapshot>("council_decisions", "Council decisions on the assembly's motions, by decision");

  ctx.every(std::chrono::seconds(period), "refresh followup metrics", [&db, commitments, overdue, since, published, late, decisions] {
    std::map<Labels, double> c, o, s, p, l, d;
    db.transact([&](pqxx::work& tx) {
      for (const auto& r : tx.exec("SELECT assembly_id, status, count(*) FROM commitments GROUP BY 1, 2"))
        c[{{"assembly", r[0].as<std::string>()}, {"status", r[1].as<std::string>()}}] = r[2].as<double>();
      for (const auto& r : tx.exec("SELECT c.assembly_id, count(m.id) FILTER (WHERE m.done_on IS NULL AND m.due_on < (now() AT TIME ZONE 'UTC')::date) "
                                   "FROM commitments c LEFT JOIN milestones m ON m.commitment_id = c.id GROUP BY 1"))
        o[{{"assembly", r[0].as<std::string>()}}] = r[1].as<double>();
      for (const auto& r : tx.exec("SELECT assembly_id, count(*) FILTER (WHERE status = 'published'), "
                                   "count(*) FILTER (WHERE status <> 'published' AND due_on < (now() AT TIME ZONE 'UTC')::date), "
                                   "extract(epoch FROM now() - max(published_at)) / 86400 FROM reports GROUP BY 1")) {
        Labels a{{"assembly", r[0].as<std::string>()}};
        p[a] = r[1].as<double>();
        l[a] = r[2].as<double>();
        if (!r[3].is_null()) s[a] = std::floor(r[3].as<double>());
      }
      for (const auto& r : tx.exec("SELECT d.assembly_id, a.decision, count(*) FROM agenda_items a JOIN dossiers d ON d.id = a.dossier_id "
                                   "WHERE a.decision IS NOT NULL GROUP BY 1, 2"))
        d[{{"assembly", r[0].as<std::string>()}, {"decision", r[1].as<std::string>()}}] = r[2].as<double>();
    });
    commitments->publish(c);
    overdue->publish(o);
    since->publish(s);
    published->publish(p);
    late->publish(l);
    decisions->publish(d);
  });
}

}  // namespace followup::api
