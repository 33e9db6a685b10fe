#include "api/metrics.h"

#include <map>

#include "assembly/metrics/metrics.h"
#include "domain/participation.h"
#include "store/engagement.h"
#include "store/members.h"

namespace membership::api {

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
        "Active members absent from the last AT_RISK_ABSENCES sessions in a row"}},
      [absences](pqxx::work& tx, assembly::service::Figures& f) {
        auto& m = f["members"];
        auto& d = f["declines"];
        auto& r = f["replacements"];
        auto& att = f["attendance_sessions"];
        auto& rt = f["attendance_rate"];
        auto& risk = f["members_at_risk"];
        for (const auto& row :
             tx.exec("SELECT assembly_id, status, pool, coalesce(workshop_theme, ''), count(*), "
                     "count(replaces) FROM members GROUP BY 1, 2, 3, 4")) {
          const auto a = row[0].as<std::string>(), status = row[1].as<std::string>();
          m[{{"assembly", a},
             {"status", status},
             {"pool", row[2].as<std::string>()},
             {"workshop", row[3].as<std::string>()}}] += row[4].as<double>();
          if (status == "declined") d[{{"assembly", a}}] += row[4].as<double>();
          r[{{"assembly", a}}] += row[5].as<double>();
        }
        // Three queries whatever the number of assemblies (one per assembly kept PostgreSQL busy
        // for the whole refresh once there were a few hundred).
        auto attendance = store::attendance_by_assembly(tx);
        struct Seat {
          std::string id, workshop, status;
        };
        std::map<std::string, std::vector<Seat>> seats;
        for (const auto& row :
             tx.exec("SELECT assembly_id, id, coalesce(workshop_theme, ''), status FROM members"))
          if (attendance.count(row[0].c_str()))
            seats[row[0].as<std::string>()].push_back(
                {row[1].as<std::string>(), row[2].as<std::string>(), row[3].as<std::string>()});
        for (const auto& a : store::list_assemblies(tx)) {
          d[{{"assembly", a.id}}] += 0;
          r[{{"assembly", a.id}}] += 0;
          auto records = attendance.find(a.id);
          if (records == attendance.end()) continue;
          auto per_member = domain::participation(std::move(records->second));
          if (per_member.empty()) continue;
          std::map<std::string, domain::Counts> by_workshop;
          double risky = 0;
          for (const auto& member : seats[a.id]) {
            auto it = per_member.find(member.id);
            if (it == per_member.end()) continue;
            auto& c = by_workshop[member.workshop];
            c.present += it->second.overall.present;
            c.excused += it->second.overall.excused;
            c.absent += it->second.overall.absent;
            risky += member.status == "active" && domain::at_risk(it->second, absences);
          }
          for (const auto& [w, c] : by_workshop) {
            att[{{"assembly", a.id}, {"workshop", w}, {"status", "present"}}] = c.present;
            att[{{"assembly", a.id}, {"workshop", w}, {"status", "excused"}}] = c.excused;
            att[{{"assembly", a.id}, {"workshop", w}, {"status", "absent"}}] = c.absent;
            rt[{{"assembly", a.id}, {"workshop", w}}] = c.rate();
          }
          risk[{{"assembly", a.id}}] = risky;
        }
      });
}

}  // namespace membership::api
