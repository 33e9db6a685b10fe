#include "assembly/metrics/metrics.h"

#include "api/metrics.h"
#include "store/metrics.h"

namespace recommendations::api {

void add_metrics(assembly::service::Context& ctx) {
  assembly::service::refresh_gauges(
      ctx,
      {{"recommendations", "Recommendations by assembly, workshop and status"},
       {"amendments", "Amendments by assembly and state (proposed, accepted, rejected)"},
       {"ballots", "Ballots by assembly, state and outcome"},
       {"ballot_turnout",
        "Turnout of each closed ballot (share of its electorate that took part)"}},
      [](pqxx::work& tx, assembly::service::Figures& f) {
        auto& r = f["recommendations"];
        auto& a = f["amendments"];
        auto& b = f["ballots"];
        auto& t = f["ballot_turnout"];
        for (const auto& x : store::recommendation_counts(tx))
          r[{{"assembly", x.assembly}, {"workshop", x.workshop}, {"status", x.status}}] = x.count;
        for (const auto& x : store::amendment_counts(tx))
          a[{{"assembly", x.assembly}, {"state", x.state}}] = x.count;
        for (const auto& x : store::ballot_counts(tx))
          b[{{"assembly", x.assembly}, {"state", x.state}, {"outcome", x.outcome}}] = x.count;
        for (const auto& x : store::ballot_turnouts(tx))
          t[{{"assembly", x.assembly}, {"ballot", x.ballot}}] = x.turnout;
      });
}

}  // namespace recommendations::api
