#include "assembly/audit/audit.h"

#include <gtest/gtest.h>

using namespace assembly;

namespace {

http::Route route(http::Method m, const std::string& pattern, http::Access access,
                  bool personal_data = false) {
  http::Router r;
  http::RouteOptions options;
  options.personal_data = personal_data;
  r.add(
      m, pattern, std::move(access), [](http::Request&) { return http::Response::empty(200); },
      options);
  return r.routes().front();
}

http::Request request(http::Method m, auth::Principal p,
                      std::map<std::string, std::string> params) {
  http::Request req;
  req.method = m;
  req.principal = std::move(p);
  req.params = std::move(params);
  req.trace_id = "trace-1";
  return req;
}

}  // namespace

TEST(Audit, AReadOfContactDetailsNamesItsReaderAndTheMember) {
  auto contact = route(http::Method::Get, "/v1/members/:id/contact",
                       http::Access::secretariat_or_member(), true);
  auth::Principal staff{"staff-sub", {auth::kSecretariat}};
  auto e = audit::entry_for(contact, request(http::Method::Get, staff, {{"id", "m-1"}}),
                            http::Response::json(200, {}));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->actor, "staff-sub");
  EXPECT_EQ(e->role, "secretariat");
  EXPECT_EQ(e->action, "GET /v1/members/:id/contact");
  EXPECT_EQ(e->object_type, "members");
  EXPECT_EQ(e->object_id, "m-1");
  EXPECT_EQ(e->subject_member_id, "m-1");
  EXPECT_EQ(e->trace_id, "trace-1");
  // A member reading their own: the member is the actor.
  auth::Principal member{"kc-sub", {auth::kMember}, "", "m-1"};
  EXPECT_EQ(audit::entry_for(contact, request(http::Method::Get, member, {{"id", "m-1"}}),
                             http::Response::json(200, {}))
                ->actor,
            "m-1");
  // An auditor reads through the secretariat's rule.
  auth::Principal auditor{"aud", {auth::kAuditor}};
  EXPECT_EQ(audit::entry_for(contact, request(http::Method::Get, auditor, {{"id", "m-1"}}),
                             http::Response::json(200, {}))
                ->role,
            "auditor");
}

TEST(Audit, ChangesAreKeptReadsOfNoPersonalDataAndPublicRoutesAreNot) {
  auth::Principal staff{"staff-sub", {auth::kSecretariat}};
  auto plain = route(http::Method::Get, "/v1/assemblies/:id", http::Access::secretariat());
  EXPECT_FALSE(audit::entry_for(plain, request(http::Method::Get, staff, {{"id", "a"}}),
                                http::Response::json(200, {})));
  auto open = route(http::Method::Post, "/v1/responses", http::Access::anyone());
  EXPECT_FALSE(audit::entry_for(open, request(http::Method::Post, staff, {}),
                                http::Response::json(201, {{"id", "r"}})));
  auto create = route(http::Method::Post, "/v1/assemblies", http::Access::secretariat());
  auto made = audit::entry_for(create, request(http::Method::Post, staff, {}),
                               http::Response::json(201, {{"id", "a-9"}}));
  ASSERT_TRUE(made);
  EXPECT_EQ(made->object_type, "assemblies");
  EXPECT_EQ(made->object_id, "a-9") << "the id of what was made";
  EXPECT_EQ(made->subject_member_id, "");
  EXPECT_EQ(made->status, 201);
  // A secret vote leaves no entry: its time would link the voter to the vote.
  http::Router r;
  r.add(
      http::Method::Post, "/v1/ballots/:id/votes", http::Access::roles_of({auth::kMember}),
      [](http::Request&) { return http::Response::empty(200); }, http::unlinkable());
  auth::Principal member{"kc-sub", {auth::kMember}, "", "m-1"};
  EXPECT_FALSE(audit::entry_for(r.routes().front(),
                                request(http::Method::Post, member, {{"id", "b-1"}}),
                                http::Response::json(200, {})));
}
