// The audit trail's table against the real local PostgreSQL: entries written and found by their
// filters, and UPDATE, DELETE and TRUNCATE refused even to the table's owner.
#include <gtest/gtest.h>

#include "assembly/audit/audit.h"
#include "assembly/auth/auth.h"
#include "assembly/db/migrations.h"
#include "assembly/testing/stack.h"

using namespace assembly;

TEST(AuditLog, EntriesAreFoundByTheirFiltersAndNeverChanged) {
  itest::TempSchema schema("audit");
  pqxx::connection c(itest::pg_conninfo());
  ASSERT_EQ(db::migrate(c, schema.name(), {{"0013_audit_log", auth::read_file(AUDIT_MIGRATION)}}),
            1);
  const auto in_schema = [&](pqxx::work& tx) {
    tx.exec("SET LOCAL search_path TO " + tx.quote_name(schema.name()));
  };
  {
    pqxx::work tx(c);
    in_schema(tx);
    audit::record(tx, {"staff", "secretariat", "GET /v1/members/:id/contact", "members", "m-1",
                       "m-1", 200, "t1"});
    audit::record(
        tx, {"m-2", "member", "PUT /v1/members/:id/contact", "members", "m-2", "m-2", 200, "t2"});
    audit::record(
        tx, {"staff", "secretariat", "POST /v1/assemblies", "assemblies", "a-1", "", 201, "t3"});
    tx.commit();
  }
  pqxx::work tx(c);
  in_schema(tx);
  auto about_m1 = audit::find(tx, {"m-1", "", ""});
  ASSERT_EQ(about_m1.size(), 1u);
  EXPECT_EQ(about_m1[0].entry.actor, "staff");
  EXPECT_EQ(about_m1[0].entry.trace_id, "t1");
  EXPECT_EQ(audit::find(tx, {"", "staff", ""}).size(), 2u);
  EXPECT_EQ(audit::find(tx, {"", "", "2999-01-01T00:00:00Z"}).size(), 0u);
  auto page = audit::find(tx, {"", "", "", about_m1[0].id, 1});
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].entry.actor, "m-2") << "after the cursor, oldest first";
  tx.commit();

  for (const char* change : {"UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log",
                             "TRUNCATE audit_log"}) {
    pqxx::work w(c);
    in_schema(w);
    EXPECT_THROW(w.exec(change), pqxx::sql_error) << change;
  }
  pqxx::work check(c);
  in_schema(check);
  EXPECT_EQ(audit::find(check, {"", "staff", ""})[0].entry.actor, "staff") << "unchanged";
  EXPECT_EQ(audit::find(check, {}).size(), 3u) << "nothing deleted";
}
