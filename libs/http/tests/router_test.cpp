#include <gtest/gtest.h>

#include "assembly/http/http.h"
#include "assembly/http/openapi.h"

using namespace assembly::http;

namespace {
Response ok(Request&) {
  return Response::json(200, {{"ok", true}});
}
}  // namespace

TEST(Router, MatchesLiteralAndParameterSegments) {
  Router r;
  r.add(Method::Get, "/v1/draws", Access::anyone(), ok);
  r.add(Method::Get, "/v1/draws/:id", Access::anyone(), ok);
  r.add(Method::Post, "/v1/draws/:id/replacements", Access::anyone(), ok);

  auto m = r.match(Method::Get, "/v1/draws/abc");
  ASSERT_EQ(m.kind, Match::Kind::found);
  EXPECT_EQ(m.route->pattern, "/v1/draws/:id");
  EXPECT_EQ(m.params.at("id"), "abc");

  m = r.match(Method::Post, "/v1/draws/7/replacements");
  ASSERT_EQ(m.kind, Match::Kind::found);
  EXPECT_EQ(m.params.at("id"), "7");

  EXPECT_EQ(r.match(Method::Get, "/v1/draws").kind, Match::Kind::found);
  EXPECT_EQ(r.match(Method::Get, "/v1/draws/").kind, Match::Kind::not_found);
  EXPECT_EQ(r.match(Method::Get, "/v1/other").kind, Match::Kind::not_found);
  EXPECT_EQ(r.match(Method::Get, "/v1/draws/a/b").kind, Match::Kind::not_found);
}

TEST(Router, WrongMethodListsTheAllowedOnes) {
  Router r;
  r.add(Method::Get, "/v1/draws/:id", Access::anyone(), ok);
  r.add(Method::Delete, "/v1/draws/:id", Access::anyone(), ok);
  auto m = r.match(Method::Put, "/v1/draws/1");
  ASSERT_EQ(m.kind, Match::Kind::method_not_allowed);
  ASSERT_EQ(m.allowed.size(), 2u);
  EXPECT_EQ(m.allowed[0], Method::Get);
  EXPECT_EQ(m.allowed[1], Method::Delete);
}

TEST(Router, DuplicateRouteIsAProgrammingError) {
  Router r;
  r.add(Method::Get, "/x", Access::anyone(), ok);
  EXPECT_THROW(r.add(Method::Get, "/x", Access::anyone(), ok), std::logic_error);
}

TEST(OpenApi, PathParametersUseBraces) {
  EXPECT_EQ(openapi::openapi_path("/v1/draws/:id/x/:n"), "/v1/draws/{id}/x/{n}");
  EXPECT_EQ(openapi::openapi_path("/healthz"), "/healthz");
}

TEST(OpenApi, GapsFindUndocumentedRoutesAndResponses) {
  Router r;
  r.add(Method::Get, "/v1/a/:id", Access::roles_of({"secretariat"}), ok);
  r.add(Method::Post, "/v1/a", Access::roles_of({"secretariat"}), ok);
  nlohmann::json doc = {
      {"paths",
       {{"/v1/a/{id}",
         {{"get",
           {{"responses", {{"200", {}}, {"401", {}}, {"403", {}}}},
            {"x-access",
             {{"roles", {"secretariat", "auditor"}}, {"limits", nlohmann::json::array()}}}}}}},
        {"/v1/b", {{"get", {{"responses", {{"200", {}}}}}}}}}}};
  auto g = openapi::gaps(r, doc);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0], "POST /v1/a: no operation");
  EXPECT_EQ(g[1], "get /v1/b: documented but not routed");

  doc["paths"].erase("/v1/b");
  doc["paths"]["/v1/a"]["post"]["responses"] = {
      {"201", {}}, {"401", {}}, {"403", {}}, {"400", {}}, {"413", {}}};
  g = openapi::gaps(r, doc);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0], "POST /v1/a: response 415 not documented");
  // Every operation states its access rule, as the route has it.
  EXPECT_EQ(g[1],
            "POST /v1/a: no access rule; the route's is \"x-access\": "
            "{\"limits\":[\"all-assemblies\"],\"roles\":[\"secretariat\"]}");
  doc["paths"]["/v1/a"]["post"]["x-access"] = {{"roles", {"secretariat", "member"}},
                                               {"limits", {"all-assemblies"}}};
  g = openapi::gaps(r, doc);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[1].rfind("POST /v1/a: \"x-access\" is ", 0), 0u) << g[1];
}
