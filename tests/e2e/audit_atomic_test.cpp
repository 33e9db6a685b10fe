// A change and its audit entry commit together (docs/audit.md), against the running stack: while
// the workshops service's own database role may not insert into its audit_log, a change (an
// assembly's discovery phase) is refused with a 5xx problem and leaves neither the change nor an
// entry; once it may again, the same change is made and on the trail.
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <string>

#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using nlohmann::json;

namespace {

void as_workshops(const std::string& sql) {
  pqxx::connection c(e2e::service_conninfo("workshops"));
  pqxx::nontransaction tx(c);
  tx.exec(sql);
}

long entries_on(const std::string& assembly_id) {
  pqxx::connection c(e2e::service_conninfo("workshops"));
  pqxx::nontransaction tx(c);
  return tx
      .exec_params1("SELECT count(*) FROM workshops.audit_log WHERE object_id = $1", assembly_id)[0]
      .as<long>();
}

// The service's role without INSERT on its trail for the guard's life (given back even when a
// check fails).
struct TrailClosed {
  TrailClosed() { as_workshops("REVOKE INSERT ON workshops.audit_log FROM workshops"); }
  ~TrailClosed() { as_workshops("GRANT INSERT ON workshops.audit_log TO workshops"); }
};

json discovery_of(const std::string& assembly_id) {
  auto r = e2e::get("workshops", "/v1/assemblies/" + assembly_id + "/phases");
  EXPECT_EQ(r.status, 200) << r.body;
  const auto phases = body_of(r);
  for (const auto& p : phases["items"])
    if (p["kind"] == "discovery") return p;
  return nullptr;
}

}  // namespace

TEST(AuditAtomic, AChangeWhoseEntryCannotBeWrittenIsRefusedAndLeavesNothing) {
  as_workshops("GRANT INSERT ON workshops.audit_log TO workshops");  // a run cut short before
  const auto staff = e2e::token("secretariat", "audit-atomic");
  const auto assembly_id = e2e::fresh("atomic");
  const auto path = "/v1/assemblies/" + assembly_id + "/phases/discovery";
  const json phase = {{"starts_on", "2022-01-08"}, {"ends_on", "2022-03-31"}};
  {
    TrailClosed closed;
    auto refused = e2e::put("workshops", path, phase, staff);
    EXPECT_GE(refused.status, 500) << "the change stood without its entry: " << refused.body;
    EXPECT_EQ(refused.headers["content-type"].rfind("application/problem+json", 0), 0u)
        << refused.body;
  }
  EXPECT_TRUE(discovery_of(assembly_id).is_null()) << "nothing of the change was kept";
  EXPECT_EQ(entries_on(assembly_id), 0) << "and no entry either";

  auto made = e2e::put("workshops", path, phase, staff);
  ASSERT_EQ(made.status, 200) << made.body;
  EXPECT_EQ(discovery_of(assembly_id)["starts_on"], "2022-01-08");
  EXPECT_EQ(entries_on(assembly_id), 1) << "the change and its entry";
}
