#include <gtest/gtest.h>

#include "assembly/auth/auth.h"
#include "assembly/testing/key_file.h"
#include "wiring.h"

TEST(MembershipApi, OpenApiDocumentsEveryRouteAndResponse) {
  assembly::itest::TempKeyFile key;
  for (const auto& gap :
       assembly::service::openapi_gaps(membership::definition(), {{"PII_KEY_FILE", key.path()}}))
    ADD_FAILURE() << gap;
}

TEST(MembershipApi, AMissingKeyFileIsAConfigurationError) {
  EXPECT_THROW(assembly::service::openapi_gaps(membership::definition()),
               assembly::config::ConfigError);
}

// A body wrong in several places: one 422 naming every field at fault, before any database work
// (the routes are wired without a database).
namespace {

using assembly::http::Method;
using nlohmann::json;
using Pointers = std::vector<std::string>;

const std::string kId = "00000000-0000-4000-8000-000000000001";

Pointers pointers(Method method, const std::string& path, const json& body) {
  assembly::itest::TempKeyFile key;
  auto r = assembly::service::call_route(membership::definition(), method, path, body.dump(),
                                         {"s1", {assembly::auth::kSecretariat}},
                                         {{"PII_KEY_FILE", key.path()}});
  return assembly::service::invalid_fields(r);
}

}  // namespace

TEST(MembershipApi, AMemberRouteNamesEveryFieldAtFault) {
  const auto member = "/v1/members/" + kId;
  EXPECT_EQ(pointers(Method::Post, member + "/withdraw", {{"effective_on", "2025-02-30"}}),
            (Pointers{"/reason", "/effective_on"}));
  EXPECT_EQ(pointers(Method::Put, member + "/preferences", {{"workshops", {"Bad", "a", "a", 3}}}),
            (Pointers{"/workshops/0", "/workshops/2", "/workshops/3"}));
  EXPECT_EQ(pointers(Method::Put, member + "/workshop", {{"workshop", ""}, {"effective_on", 1}}),
            (Pointers{"/workshop", "/reason", "/effective_on"}));
  EXPECT_EQ(pointers(Method::Post, "/v1/assemblies",
                     {{"id", "Paris 2025"},
                      {"mandate_start", "2025-06-01"},
                      {"mandate_end", "2025-01-01"},
                      {"workshops", json::array()},
                      {"retention_days", -1},
                      {"seat_pools", {{{"pool", "Main"}, {"seats", 0}}, 5}}}),
            (Pointers{"/id", "/name", "/mandate_end", "/workshops", "/retention_days",
                      "/seat_pools/0/pool", "/seat_pools/0/seats", "/seat_pools/1"}));
  EXPECT_EQ(pointers(Method::Post, "/v1/assemblies/paris/bulk-actions",
                     {{"action", "confirm"}, {"effective_on", "today"}}),
            (Pointers{"/effective_on", "/action"}));
}

TEST(MembershipApi, AnEngagementRouteNamesEveryFieldAtFault) {
  const auto member = "/v1/members/" + kId;
  EXPECT_EQ(pointers(Method::Post, member + "/roles", {{"role", "chair"}}), Pointers{"/role"});
  EXPECT_EQ(
      pointers(Method::Post, member + "/roles", {{"role", "workshop-referent"}, {"workshop", 3}}),
      Pointers{"/workshop"});
  EXPECT_EQ(pointers(Method::Post, "/v1/trainings/" + kId + "/followed",
                     {{"member_ids", {"a", 1, "b", false}}}),
            (Pointers{"/member_ids/1", "/member_ids/3"}));
  EXPECT_EQ(pointers(Method::Post, member + "/consents",
                     {{"purpose", ""}, {"given", "yes"}, {"channel", "fax"}}),
            (Pointers{"/purpose", "/text_version", "/given", "/given_on", "/channel"}));
  EXPECT_EQ(pointers(Method::Put, member + "/contact",
                     {{"email", "nobody"}, {"preferred_channel", "post"}, {"language", "de"}}),
            (Pointers{"/email", "/language", "/address"}));
}

TEST(MembershipApi, AnEvaluationRouteNamesEveryFieldAtFault) {
  EXPECT_EQ(pointers(Method::Post, "/v1/assemblies/paris/evaluations", {{"questions", 3}}),
            (Pointers{"/title", "/questions"}));
}
