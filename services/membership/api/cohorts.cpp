// The cohorts, for the public site: every assembly drawn, in order, with its members counted by
// status (never who they are), and how many of each cohort still hear its follow-up.
#include "api/cohorts.h"

#include "assembly/core/time.h"
#include "assembly/service/api.h"
#include "domain/cohort.h"
#include "store/cohorts.h"
#include "store/engagement.h"

namespace membership::api {
using namespace assembly::service::api;

namespace {

json to_json(const store::Cohort& c, const std::string& today) {
  return {{"cohort", c.number},
          {"assembly_id", c.id},
          {"name", c.name},
          {"mandate_start", c.mandate_start.empty() ? json() : json(c.mandate_start)},
          {"mandate_end", c.mandate_end.empty() ? json() : json(c.mandate_end)},
          {"state", domain::to_string(domain::cohort_state(c.mandate_start, c.mandate_end, today))},
          {"workshops", c.workshops},
          {"members_by_status", c.members_by_status},
          {"anonymised", c.anonymised}};
}

http::Response list_cohorts(Deps d, http::Request&) {
  auto cohorts = d.db.transact([](pqxx::work& tx) { return store::list_cohorts(tx); });
  const auto today = assembly::core::utc_today();
  return http::Response::items(cohorts, [&](const store::Cohort& c) { return to_json(c, today); });
}

// The secretariat (and, later, the notifications service) sees how many members of a cohort can
// still be sent its follow-up: contact details kept and a standing follow-up consent.
http::Response follow_up_audience(Deps d, http::Request& req) {
  const auto& id = req.param("id");
  auto n = d.db.transact([&](pqxx::work& tx) { return store::follow_up_audience(tx, id); });
  return http::Response::json(200, {{"assembly_id", id}, {"members", n}});
}

}  // namespace

void add_cohort_routes(assembly::service::Context& ctx) {
  auto route = routes_with(ctx);
  ctx.router.add(Method::Get, "/v1/cohorts", Access::anyone(), route(list_cohorts));
  ctx.router.add(Method::Get, "/v1/assemblies/:id/follow-up-audience", Access::secretariat(),
                 route(follow_up_audience));
}

}  // namespace membership::api
