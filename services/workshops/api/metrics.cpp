#include "api/metrics.h"

#include "assembly/metrics/metrics.h"
#include "store/metrics.h"

namespace workshops::api {

void add_metrics(assembly::service::Context& ctx) {
  assembly::service::refresh_gauges(
      ctx,
      {{"sessions", "Sessions by assembly, workshop, type and state (held, scheduled, cancelled)"},
       {"attendance_rate",
        "Share of recorded attendances that were present, by workshop and session type"},
       {"notebooks_submitted", "Synthesis notebook versions submitted, by workshop"},
       {"mandates", "Mandates by workshop and state (proposed, adopted, rejected)"}},
      [](pqxx::work& tx, assembly::service::Figures& f) {
        auto& s = f["sessions"];
        auto& r = f["attendance_rate"];
        auto& n = f["notebooks_submitted"];
        auto& m = f["mandates"];
        for (const auto& x : store::session_counts(tx))
          s[{{"assembly", x.assembly},
             {"workshop", x.workshop},
             {"type", x.type},
             {"state", x.state}}] = x.count;
        for (const auto& x : store::attendance_rates(tx))
          r[{{"assembly", x.assembly}, {"workshop", x.workshop}, {"type", x.type}}] = x.rate;
        for (const auto& x : store::notebooks_submitted(tx))
          n[{{"assembly", x.assembly}, {"workshop", x.workshop}}] = x.count;
        for (const auto& x : store::mandate_counts(tx))
          m[{{"assembly", x.assembly}, {"workshop", x.workshop}, {"state", x.state}}] = x.count;
      });
}

}  // namespace workshops::api
