// The auditor reads every record and the audit trail, and changes nothing.
#include <gtest/gtest.h>

#include "e2e.h"

namespace {

using nlohmann::json;

TEST(Auditor, ReadsTheRecordsAndTheirHistoryAndChangesNothing) {
  const auto staff = e2e::token("secretariat", "audited");
  const auto auditor = e2e::token("auditor", "audit");
  const auto assembly_id = e2e::fresh("audit");
  const auto members = e2e::panel_members(assembly_id, 2, staff);
  const std::string id = members[0]["id"];

  // Records: a member's (the handler's "the secretariat or the member" check), the assembly's
  // staff-only lists, another service's.
  auto member = e2e::get("membership", "/v1/members/" + id, auditor);
  ASSERT_EQ(member.status, 200) << member.body;
  EXPECT_EQ(e2e::body_of(member)["id"], id);
  EXPECT_EQ(e2e::get("membership", "/v1/assemblies/" + assembly_id + "/roles", auditor).status,
            200);
  EXPECT_EQ(e2e::get("sortition", "/v1/pools", auditor).status, 200);
  // The audit trail.
  auto history = e2e::get("membership", "/v1/members/" + id + "/history", auditor);
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_FALSE(e2e::body_of(history)["items"].empty());

  // Nothing changes.
  auto invite =
      e2e::send("POST", "membership", "/v1/members/" + id + "/invite", json::object(), auditor);
  EXPECT_EQ(invite.status, 403) << invite.body;
  EXPECT_EQ(e2e::send("POST", "membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                      {{"action", "invite"}}, auditor)
                .status,
            403);
  EXPECT_EQ(e2e::body_of(e2e::get("membership", "/v1/members/" + id, staff))["status"],
            members[0]["status"]);
}

}  // namespace
