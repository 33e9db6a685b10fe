#include <gtest/gtest.h>

#include "assembly/auth/auth.h"
#include "assembly/testing/key_file.h"
#include "wiring.h"

TEST(RecommendationsApi, OpenApiDocumentsEveryRouteAndResponse) {
  assembly::itest::TempKeyFile key;
  for (const auto& gap : assembly::service::openapi_gaps(recommendations::definition(),
                                                         {{"PII_KEY_FILE", key.path()}}))
    ADD_FAILURE() << gap;
}

TEST(RecommendationsApi, AMissingKeyFileIsAConfigurationError) {
  EXPECT_THROW(assembly::service::openapi_gaps(recommendations::definition()),
               assembly::config::ConfigError)
      << "secret votes are held sealed under the service's key";
}

// A body wrong in several places: one 422 naming every field at fault, before any database work
// (the routes are wired without a database).
namespace {

using assembly::http::Method;
using nlohmann::json;
using Pointers = std::vector<std::string>;

const std::string kId = "00000000-0000-4000-8000-000000000001";

Pointers pointers(Method method, const std::string& path, const json& body) {
  namespace auth = assembly::auth;
  assembly::itest::TempKeyFile key;
  auto r =
      assembly::service::call_route(recommendations::definition(), method, path, body.dump(),
                                    {"s1", {auth::kSecretariat, auth::kMember, auth::kCityService}},
                                    {{"PII_KEY_FILE", key.path()}});
  return assembly::service::invalid_fields(r);
}

}  // namespace

TEST(RecommendationsApi, ABallotRouteNamesEveryFieldAtFault) {
  EXPECT_EQ(pointers(Method::Post, "/v1/ballots/" + kId + "/votes",
                     {{"choice", "maybe"}, {"receipt", 12}}),
            (Pointers{"/choice", "/receipt"}));
  EXPECT_EQ(pointers(Method::Put, "/v1/motions/" + kId,
                     {{"text", ""}, {"spokespersons", {"a", 2}}, {"recommendation_ids", "all"}}),
            (Pointers{"/title", "/text", "/spokespersons/1", "/recommendation_ids"}));
}

TEST(RecommendationsApi, ADraftingRouteNamesEveryFieldAtFault) {
  const auto at = "/v1/recommendations/" + kId;
  EXPECT_EQ(pointers(Method::Post, at + "/amendments", {{"text", ""}, {"rationale", 1}}),
            (Pointers{"/text", "/rationale"}));
  EXPECT_EQ(pointers(Method::Post, at + "/withdraw", json::object()), Pointers{"/reason"});
  EXPECT_EQ(pointers(Method::Post, at + "/withdraw", {{"reason", ""}}), Pointers{"/reason"});
  EXPECT_EQ(pointers(Method::Post, at + "/feedback",
                     {{"feasibility", 3}, {"department", std::string(201, 'x')}}),
            (Pointers{"/text", "/feasibility", "/department"}));
}
