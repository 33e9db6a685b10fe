#include "api/metrics.h"

#include <map>

#include "assembly/metrics/metrics.h"
#include "domain/lifecycle.h"
#include "domain/participation.h"
#include "store/accounts.h"
#include "store/engagement.h"
#include "store/members.h"
#include "store/metrics.h"

namespace membership::api {

namespace {

// The figures, from a fixed number of queries whatever the number of assemblies.
void figures(pqxx::work& tx, assembly::service::Figures& f, int absences) {
  auto& m = f["members"];
  auto& d = f["declines"];
  auto& r = f["replacements"];
  auto& att = f["attendance_sessions"];
  auto& rt = f["attendance_rate"];
  auto& risk = f["members_at_risk"];
  for (const auto& c : store::member_counts(tx)) {
    m[{{"assembly", c.assembly_id},
       {"status", c.status},
       {"pool", c.pool},
       {"workshop", c.workshop}}] += c.members;
    if (c.status == domain::to_string(domain::Status::declined))
      d[{{"assembly", c.assembly_id}}] += c.members;
    r[{{"assembly", c.assembly_id}}] += c.replacements;
  }
  // Three queries whatever the number of assemblies (one per assembly kept PostgreSQL busy
  // for the whole refresh once there were a few hundred).
  auto attendance = store::attendance_by_assembly(tx);
  std::map<std::string, std::vector<store::Seat>> seats;
  for (auto& seat : store::seats(tx))
    if (attendance.count(seat.assembly_id)) seats[seat.assembly_id].push_back(std::move(seat));
  for (const auto& a : store::list_assemblies(tx)) {
    d[{{"assembly", a.id}}] += 0;
    r[{{"assembly", a.id}}] += 0;
    auto records = attendance.find(a.id);
    if (records == attendance.end()) continue;
    auto per_member = domain::participation(std::move(records->second));
    if (per_member.empty()) continue;
    std::vector<std::pair<std::string, std::string>> members;
    double risky = 0;
    for (const auto& member : seats[a.id]) {
      members.emplace_back(member.id, member.workshop);
      auto it = per_member.find(member.id);
      if (it == per_member.end()) continue;
      risky += member.status == domain::to_string(domain::Status::active) &&
               domain::at_risk(it->second, absences);
    }
    for (const auto& [w, c] : domain::by_workshop(per_member, members)) {
      att[{{"assembly", a.id}, {"workshop", w}, {"status", "present"}}] = c.present;
      att[{{"assembly", a.id}, {"workshop", w}, {"status", "excused"}}] = c.excused;
      att[{{"assembly", a.id}, {"workshop", w}, {"status", "absent"}}] = c.absent;
      rt[{{"assembly", a.id}, {"workshop", w}}] = c.rate();
    }
    risk[{{"assembly", a.id}}] = risky;
  }
  auto& pending = f["account_tasks_pending"];
  auto& failing = f["account_tasks_failing"];
  for (const char* action : {"provision", "disable", "delete"}) {
    pending[{{"action", action}}] = 0;
    failing[{{"action", action}}] = 0;
  }
  for (const auto& c : store::account_task_counts(tx)) {
    pending[{{"action", c.action}}] = static_cast<double>(c.pending);
    failing[{{"action", c.action}}] = static_cast<double>(c.failing);
  }
}

}  // namespace

void add_metrics(assembly::service::Context& ctx, int absences) {
  assembly::service::refresh_gauges(
      ctx,
      {{"members", "Members by assembly, status, seat pool and workshop"},
       {"declines", "Invited members who declined, by assembly"},
       {"replacements", "Members who came in as replacements, by assembly"},
       {"attendance_sessions", "Attendance records by assembly, workshop and status"},
       {"attendance_rate",
        "Share of recorded attendances that were present, by assembly and workshop"},
       {"members_at_risk",
        "Active members absent from the last AT_RISK_ABSENCES sessions in a row"},
       {"account_tasks_pending",
        "Members' account tasks (provision, disable, delete) not done yet, by action"},
       {"account_tasks_failing",
        "Of those, the tasks whose last attempt failed (the identity provider down or refusing)"}},
      [absences](pqxx::work& tx, assembly::service::Figures& f) { figures(tx, f, absences); });
}

}  // namespace membership::api
