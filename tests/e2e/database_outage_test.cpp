// PostgreSQL stopped under a running service: /readyz and writes answer 503 (never a crash),
// and the service recovers by itself when the database returns. Runs alone (RUN_SERIAL).
#include <gtest/gtest.h>

#include "assembly/testing/stack.h"
#include "e2e.h"

TEST(DatabaseOutage, ReadyzAndWritesAre503ThenTheServiceRecovers) {
  const auto stack = assembly::itest::env("ROOT") + "/ops/stack";
  const auto staff = e2e::token("secretariat");
  ASSERT_EQ(e2e::get("sortition", "/readyz").status, 200);

  ASSERT_EQ(assembly::itest::shell(stack + " stop postgres >/dev/null"), 0);
  auto ready = e2e::get("sortition", "/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(ready.headers["content-type"], "application/problem+json");
  auto write = e2e::post("sortition", "/v1/panel-draws", e2e::panel_request("outage", 10, 3), staff);
  EXPECT_EQ(write.status, 503) << write.body;
  EXPECT_EQ(e2e::get("sortition", "/healthz").status, 200) << "the process is alive";

  ASSERT_EQ(assembly::itest::shell(stack + " start postgres >/dev/null"), 0);
  EXPECT_TRUE(e2e::eventually([] { return e2e::get("sortition", "/readyz").status == 200; }, std::chrono::seconds(60)));
  EXPECT_TRUE(e2e::eventually([&] {
    return e2e::post("sortition", "/v1/panel-draws", e2e::panel_request("outage", 10, 3), staff).status == 201;
  }, std::chrono::seconds(30)));
}
