#include "domain/participation.h"

#include <algorithm>

namespace membership::domain {

std::map<std::string, Participation> participation(std::vector<AttendanceRecord> records) {
  std::sort(records.begin(), records.end(),
            [](const AttendanceRecord& a, const AttendanceRecord& b) {
              return a.held_at < b.held_at;  // RFC 3339 UTC strings sort in time order
            });
  std::map<std::string, Participation> out;
  for (const auto& r : records) {
    auto& p = out[r.member_id];
    auto count = [&](Counts& c) {
      if (r.status == "present")
        ++c.present;
      else if (r.status == "excused")
        ++c.excused;
      else
        ++c.absent;
    };
    count(p.overall);
    count(p.by_type[r.session_type]);
    p.trailing_absences = r.status == "absent" ? p.trailing_absences + 1 : 0;
  }
  return out;
}

}  // namespace membership::domain
