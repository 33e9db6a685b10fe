// The limits of staff accounts (assemblies, a facilitator's workshops) and the auditor's reading,
// as the dispatcher applies them.
#include <gtest/gtest.h>

#include "assembly/http/http.h"
#include "test_keys.h"

using namespace assembly::http;
using assembly::auth::TokenRequest;

namespace {

struct Scoped : ::testing::Test {
  Router router;
  std::shared_ptr<assembly::auth::Verifier> v = test::verifier();
  int calls = 0;
  int resolved = 0;

  void SetUp() override {
    auto ok = [this](Request&) {
      ++calls;
      return Response::json(200, {{"ok", true}});
    };
    // Sessions: s-a1 of workshop w-1 in assembly a-1, s-b1 of workshop w-2 in assembly b-1.
    router.scope("sessions", [this](const std::string& id) -> std::optional<Scope> {
      ++resolved;
      if (id == "s-a1") return Scope{"a-1", "w-1"};
      if (id == "s-b1") return Scope{"b-1", "w-2"};
      return std::nullopt;
    });
    auto staff = Access::roles_of({"secretariat", "facilitator"});
    router.add(Method::Post, "/v1/sessions/:id/held", staff, ok);
    router.add(Method::Get, "/v1/sessions/:id", Access::secretariat(), ok);
    router.add(Method::Post, "/v1/overdue-checks", Access::secretariat(), ok);
    router.add(
        Method::Post, "/v1/sessions", staff,
        [this](Request& r) {
          auto b = r.json();
          require_scope(r, Scope{b.at("assembly_id").get<std::string>(),
                                 b.at("workshop_id").get<std::string>()});
          ++calls;
          return Response::json(201, {{"ok", true}});
        },
        RouteOptions{1 << 20, true, ScopeCheck::in_handler});
    router.add(Method::Put, "/v1/sessions/:id/check-in", Access::roles_of({"member"}), ok);
  }

  Response call(Method m, std::string path, const std::string& token, std::string body = "{}") {
    Request r;
    r.method = m;
    r.path = std::move(path);
    r.body = std::move(body);
    r.headers = {{"authorization", "Bearer " + token}, {"content-type", "application/json"}};
    return dispatch(router, v.get(), r);
  }
  static std::string staff(std::vector<std::string> roles, std::vector<std::string> assemblies,
                           std::vector<std::string> workshops = {}) {
    TokenRequest t;
    t.subject = "staff-1";
    t.roles = std::move(roles);
    t.assemblies = std::move(assemblies);
    t.workshops = std::move(workshops);
    return test::token_of(t);
  }
};

TEST_F(Scoped, SecretariatOfOneAssemblyChangesItsOwnObjects) {
  EXPECT_EQ(call(Method::Post, "/v1/sessions/s-a1/held", staff({"secretariat"}, {"a-1"})).status,
            200);
  EXPECT_EQ(calls, 1);
}

TEST_F(Scoped, SecretariatOfOneAssemblyCannotChangeAnother) {
  auto r = call(Method::Post, "/v1/sessions/s-b1/held", staff({"secretariat"}, {"a-1"}));
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("other assemblies than b-1"), std::string::npos) << r.body;
  EXPECT_EQ(calls, 0);
}

TEST_F(Scoped, EveryAssemblyStarReachesAllAndNeedsNoLookup) {
  auto all = staff({"secretariat"}, {"*"});
  EXPECT_EQ(call(Method::Post, "/v1/sessions/s-b1/held", all).status, 200);
  EXPECT_EQ(call(Method::Post, "/v1/overdue-checks", all).status, 200);
  EXPECT_EQ(resolved, 0);
}

TEST_F(Scoped, StaffTokenWithoutAssembliesActsNowhere) {
  EXPECT_EQ(call(Method::Post, "/v1/sessions/s-a1/held", staff({"secretariat"}, {})).status, 403);
  EXPECT_EQ(calls, 0);
}

TEST_F(Scoped, UnknownObjectIsLeftToTheHandler) {
  EXPECT_EQ(call(Method::Post, "/v1/sessions/nope/held", staff({"secretariat"}, {"a-1"})).status,
            200);
}

TEST_F(Scoped, RouteOfNoSingleAssemblyRefusesLimitedAccounts) {
  auto r = call(Method::Post, "/v1/overdue-checks", staff({"secretariat"}, {"a-1"}));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(calls, 0);
}

TEST_F(Scoped, CreationChecksTheAssemblyNamedInItsBody) {
  auto a1 = staff({"secretariat"}, {"a-1"});
  EXPECT_EQ(
      call(Method::Post, "/v1/sessions", a1, R"({"assembly_id":"a-1","workshop_id":"w-1"})").status,
      201);
  EXPECT_EQ(
      call(Method::Post, "/v1/sessions", a1, R"({"assembly_id":"b-1","workshop_id":"w-2"})").status,
      403);
  EXPECT_EQ(calls, 1);
}

TEST_F(Scoped, ReadingIsNotLimited) {
  EXPECT_EQ(call(Method::Get, "/v1/sessions/s-b1", staff({"secretariat"}, {"a-1"})).status, 200);
}

TEST_F(Scoped, FacilitatorRunsOnlyItsWorkshopsSessions) {
  auto f = staff({"facilitator"}, {}, {"w-1"});
  EXPECT_EQ(call(Method::Post, "/v1/sessions/s-a1/held", f).status, 200);
  auto other = call(Method::Post, "/v1/sessions/s-b1/held", f);
  EXPECT_EQ(other.status, 403);
  EXPECT_NE(other.body.find("other workshops than w-2"), std::string::npos) << other.body;
  EXPECT_EQ(
      call(Method::Post, "/v1/sessions", f, R"({"assembly_id":"b-1","workshop_id":"w-2"})").status,
      403);
  EXPECT_EQ(calls, 1);
}

TEST_F(Scoped, FacilitatorEvenWithEveryAssemblyIsLimitedToItsWorkshops) {
  auto f = staff({"facilitator"}, {"*"}, {"w-1"});
  EXPECT_EQ(call(Method::Post, "/v1/sessions/s-b1/held", f).status, 403);
  EXPECT_EQ(call(Method::Post, "/v1/overdue-checks", f).status, 403);
}

TEST_F(Scoped, AuditorReadsWhatTheSecretariatReadsAndChangesNothing) {
  auto a = staff({"auditor"}, {"*"});
  EXPECT_EQ(call(Method::Get, "/v1/sessions/s-b1", a).status, 200);
  EXPECT_EQ(call(Method::Post, "/v1/sessions/s-b1/held", a).status, 403);
  EXPECT_EQ(call(Method::Post, "/v1/overdue-checks", a).status, 403);
  EXPECT_EQ(calls, 1);
}

TEST_F(Scoped, MembersAreNotLimitedByAssembly) {
  TokenRequest t;
  t.subject = "kc-user-1";
  t.roles = {"member"};
  t.member_id = "m-1";
  EXPECT_EQ(call(Method::Put, "/v1/sessions/s-b1/check-in", test::token_of(t)).status, 200);
  EXPECT_EQ(resolved, 0);
}

}  // namespace
