#pragma once
// SQL for the dashboard figures (api/metrics: the gauges on /metrics and the console's
// GET /v1/assemblies/{id}/follow-up-figures, from the same statements). `assembly_id`: one
// assembly's figures, or every assembly's when empty.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace followup::store {

// A count for an assembly and one label's value (a status, a decision).
struct LabelledCount {
  std::string assembly_id, label;
  double count = 0;
};
std::vector<LabelledCount> commitments_by_status(pqxx::transaction_base& tx,
                                                 const std::string& assembly_id = "");
std::vector<LabelledCount> council_decisions(pqxx::transaction_base& tx,
                                             const std::string& assembly_id = "");

struct AssemblyCount {
  std::string assembly_id;
  double count = 0;
};
// Milestones past their due date and not done, for every assembly with a commitment.
std::vector<AssemblyCount> milestones_overdue(pqxx::transaction_base& tx,
                                              const std::string& assembly_id = "");

struct ReportFigures {
  std::string assembly_id;
  double published = 0, overdue = 0;
  std::optional<double> last_published;  // Unix time; nothing before the first publication
};
std::vector<ReportFigures> report_figures(pqxx::transaction_base& tx,
                                          const std::string& assembly_id = "");

}  // namespace followup::store
