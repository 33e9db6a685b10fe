#include "assembly/db/attendance.h"

#include <map>

namespace assembly::db {

std::vector<Attendance> read_attendance(pqxx::transaction_base& tx, const char* current,
                                        const char* changes, const std::string& key) {
  std::map<std::string, std::vector<AttendanceChange>> changes_of;
  const auto rows = tx.exec_params(changes, key);
  bool has_reason = false;
  for (pqxx::row::size_type i = 0; i < rows.columns(); ++i)
    has_reason = has_reason || std::string(rows.column_name(i)) == "reason";
  for (const auto& r : rows)
    changes_of[r["member_id"].as<std::string>()].push_back(
        {r["revision"].as<int>(), r["status"].as<std::string>(), r["recorded_by"].as<std::string>(),
         r["via"].as<std::string>(), r["recorded_at"].as<std::string>(),
         has_reason ? r["reason"].as<std::string>("") : std::string()});
  std::vector<Attendance> out;
  for (const auto& r : tx.exec_params(current, key)) {
    Attendance a{r["member_id"].as<std::string>(),
                 r["status"].as<std::string>(),
                 r["revision"].as<int>(),
                 r["recorded_by"].as<std::string>(),
                 r["recorded_at"].as<std::string>(),
                 {}};
    a.changes = std::move(changes_of[a.member_id]);
    out.push_back(std::move(a));
  }
  return out;
}

nlohmann::json to_json(const Attendance& a) {
  auto changes = nlohmann::json::array();
  for (const auto& c : a.changes) {
    nlohmann::json change = {{"revision", c.revision},
                             {"status", c.status},
                             {"recorded_by", c.recorded_by},
                             {"via", c.via},
                             {"recorded_at", c.recorded_at}};
    if (!c.reason.empty()) change["reason"] = c.reason;
    changes.push_back(std::move(change));
  }
  return {{"member_id", a.member_id},     {"status", a.status},           {"revision", a.revision},
          {"recorded_by", a.recorded_by}, {"recorded_at", a.recorded_at}, {"changes", changes}};
}

}  // namespace assembly::db
