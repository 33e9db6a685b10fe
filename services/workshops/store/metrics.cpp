#include "store/metrics.h"

namespace workshops::store {
namespace {

constexpr const char* kSessionCounts =
    "SELECT s.assembly_id AS assembly, coalesce(w.theme, 'plenary') AS workshop, s.type, s.state, "
    "count(*) AS count FROM sessions s LEFT JOIN workshops w ON w.id = s.workshop_id "
    "GROUP BY 1, 2, 3, 4";
constexpr const char* kAttendanceRates =
    "SELECT s.assembly_id AS assembly, coalesce(w.theme, 'plenary') AS workshop, s.type, "
    "avg(CASE WHEN a.status = 'present' THEN 1.0 ELSE 0.0 END) AS rate FROM attendance a "
    "JOIN sessions s ON s.id = a.session_id LEFT JOIN workshops w ON w.id = s.workshop_id "
    "GROUP BY 1, 2, 3";
constexpr const char* kNotebooksSubmitted =
    "SELECT w.assembly_id AS assembly, w.theme AS workshop, count(v.submitted_at) AS count "
    "FROM workshops w LEFT JOIN notebook_versions v ON v.workshop_id = w.id GROUP BY 1, 2";
constexpr const char* kMandateCounts =
    "SELECT w.assembly_id AS assembly, w.theme AS workshop, m.state, count(*) AS count "
    "FROM mandates m JOIN workshops w ON w.id = m.workshop_id GROUP BY 1, 2, 3";

}  // namespace

std::vector<SessionCount> session_counts(pqxx::transaction_base& tx) {
  std::vector<SessionCount> out;
  for (const auto& r : tx.exec(kSessionCounts))
    out.push_back({r["assembly"].as<std::string>(), r["workshop"].as<std::string>(),
                   r["type"].as<std::string>(), r["state"].as<std::string>(),
                   r["count"].as<double>()});
  return out;
}

std::vector<AttendanceRate> attendance_rates(pqxx::transaction_base& tx) {
  std::vector<AttendanceRate> out;
  for (const auto& r : tx.exec(kAttendanceRates))
    out.push_back({r["assembly"].as<std::string>(), r["workshop"].as<std::string>(),
                   r["type"].as<std::string>(), r["rate"].as<double>()});
  return out;
}

std::vector<NotebooksSubmitted> notebooks_submitted(pqxx::transaction_base& tx) {
  std::vector<NotebooksSubmitted> out;
  for (const auto& r : tx.exec(kNotebooksSubmitted))
    out.push_back({r["assembly"].as<std::string>(), r["workshop"].as<std::string>(),
                   r["count"].as<double>()});
  return out;
}

std::vector<MandateCount> mandate_counts(pqxx::transaction_base& tx) {
  std::vector<MandateCount> out;
  for (const auto& r : tx.exec(kMandateCounts))
    out.push_back({r["assembly"].as<std::string>(), r["workshop"].as<std::string>(),
                   r["state"].as<std::string>(), r["count"].as<double>()});
  return out;
}

}  // namespace workshops::store
