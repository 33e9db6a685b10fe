#pragma once
// SQL for the dashboard figures, recomputed from the database. Each query is a named constant.
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace workshops::store {

struct SessionCount {
  std::string assembly, workshop, type, state;  // workshop: the theme, or "plenary"
  double count = 0;
};
struct AttendanceRate {
  std::string assembly, workshop, type;
  double rate = 0;  // share of recorded attendances that were present
};
struct NotebooksSubmitted {
  std::string assembly, workshop;
  double count = 0;
};
struct MandateCount {
  std::string assembly, workshop, state;
  double count = 0;
};

std::vector<SessionCount> session_counts(pqxx::transaction_base& tx);
std::vector<AttendanceRate> attendance_rates(pqxx::transaction_base& tx);
std::vector<NotebooksSubmitted> notebooks_submitted(pqxx::transaction_base& tx);
std::vector<MandateCount> mandate_counts(pqxx::transaction_base& tx);

}  // namespace workshops::store
