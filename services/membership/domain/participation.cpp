#include "domain/participation.h"

#include <algorithm>
#include <tuple>

namespace membership::domain {

namespace {
void count(Counts& c, const std::string& status) {
  if (status == "present")
    ++c.present;
  else if (status == "excused")
    ++c.excused;
  else
    ++c.absent;
}
}  // namespace

std::map<std::string, Participation> participation(std::vector<AttendanceRecord> records) {
  std::sort(records.begin(), records.end(),
            [](const AttendanceRecord& a, const AttendanceRecord& b) {
              return a.held_at < b.held_at;  // RFC 3339 UTC strings sort in time order
            });
  std::map<std::string, Participation> out;
  for (const auto& r : records) {
    auto& p = out[r.member_id];
    count(p.overall, r.status);
    count(p.by_type[r.session_type], r.status);
    p.trailing_absences = r.status == "absent" ? p.trailing_absences + 1 : 0;
  }
  return out;
}

std::map<std::string, Counts> by_workshop(
    const std::map<std::string, Participation>& per_member,
    const std::vector<std::pair<std::string, std::string>>& members) {
  std::map<std::string, Counts> out;
  for (const auto& [member, workshop] : members) {
    auto it = per_member.find(member);
    if (it == per_member.end()) continue;
    auto& c = out[workshop];
    c.present += it->second.overall.present;
    c.excused += it->second.overall.excused;
    c.absent += it->second.overall.absent;
  }
  return out;
}

std::vector<SessionAttendance> by_session(const std::vector<AttendanceRecord>& records) {
  std::map<std::string, SessionAttendance> sessions;
  for (const auto& r : records) {
    auto& s = sessions[r.session_id];
    s.session_id = r.session_id;
    s.session_type = r.session_type;
    s.held_at = r.held_at;
    count(s.counts, r.status);
  }
  std::vector<SessionAttendance> out;
  for (auto& [id, s] : sessions) out.push_back(std::move(s));
  std::sort(out.begin(), out.end(), [](const SessionAttendance& a, const SessionAttendance& b) {
    return std::tie(a.held_at, a.session_id) < std::tie(b.held_at, b.session_id);
  });
  return out;
}

}  // namespace membership::domain
