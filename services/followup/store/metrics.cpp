#include "store/metrics.h"

#include "assembly/db/prepared.h"

namespace followup::store {
namespace {

constexpr const char* kCommitmentsByStatus =
    "SELECT assembly_id, status AS label, count(*) AS n FROM commitments "
    "WHERE $1 = '' OR assembly_id = $1 GROUP BY 1, 2";
constexpr const char* kMilestonesOverdue =
    "SELECT c.assembly_id, count(m.id) FILTER (WHERE m.done_on IS NULL AND m.due_on < "
    "(now() AT TIME ZONE 'UTC')::date) AS n "
    "FROM commitments c LEFT JOIN milestones m ON m.commitment_id = c.id "
    "WHERE $1 = '' OR c.assembly_id = $1 GROUP BY 1";
constexpr const char* kReportFigures =
    "SELECT assembly_id, count(*) FILTER (WHERE status = 'published') AS published, "
    "count(*) FILTER (WHERE status <> 'published' AND due_on < (now() AT TIME ZONE "
    "'UTC')::date) AS overdue, "
    "extract(epoch FROM max(published_at)) AS last_published "
    "FROM reports WHERE $1 = '' OR assembly_id = $1 GROUP BY 1";
constexpr const char* kCouncilDecisions =
    "SELECT d.assembly_id, a.decision AS label, count(*) AS n FROM agenda_items a "
    "JOIN dossiers d ON d.id = a.dossier_id "
    "WHERE a.decision IS NOT NULL AND ($1 = '' OR d.assembly_id = $1) GROUP BY 1, 2";

std::vector<LabelledCount> labelled(pqxx::transaction_base& tx, const char* sql,
                                    const std::string& assembly_id) {
  std::vector<LabelledCount> out;
  for (const auto& r : tx.exec_params(sql, assembly_id))
    out.push_back(
        {r["assembly_id"].as<std::string>(), r["label"].as<std::string>(), r["n"].as<double>()});
  return out;
}

}  // namespace

std::vector<LabelledCount> commitments_by_status(pqxx::transaction_base& tx,
                                                 const std::string& assembly_id) {
  return labelled(tx, kCommitmentsByStatus, assembly_id);
}

std::vector<LabelledCount> council_decisions(pqxx::transaction_base& tx,
                                             const std::string& assembly_id) {
  return labelled(tx, kCouncilDecisions, assembly_id);
}

std::vector<AssemblyCount> milestones_overdue(pqxx::transaction_base& tx,
                                              const std::string& assembly_id) {
  std::vector<AssemblyCount> out;
  for (const auto& r : assembly::db::exec(tx, kMilestonesOverdue, assembly_id))
    out.push_back({r["assembly_id"].as<std::string>(), r["n"].as<double>()});
  return out;
}

std::vector<ReportFigures> report_figures(pqxx::transaction_base& tx,
                                          const std::string& assembly_id) {
  std::vector<ReportFigures> out;
  for (const auto& r : assembly::db::exec(tx, kReportFigures, assembly_id)) {
    ReportFigures f{r["assembly_id"].as<std::string>(), r["published"].as<double>(),
                    r["overdue"].as<double>(), std::nullopt};
    if (!r["last_published"].is_null()) f.last_published = r["last_published"].as<double>();
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace followup::store
