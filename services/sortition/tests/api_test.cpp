// The service's routes against its OpenAPI document: every route documented with its responses.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "assembly/testing/key_file.h"
#include "wiring.h"

TEST(SortitionApi, OpenApiDocumentsEveryRouteAndResponse) {
  assembly::itest::TempKeyFile key;
  for (const auto& gap :
       assembly::service::openapi_gaps(sortition::definition(), {{"PII_KEY_FILE", key.path()}}))
    ADD_FAILURE() << gap;
}

TEST(SortitionApi, AMissingOrShortKeyFileIsAConfigurationError) {
  EXPECT_THROW(assembly::service::openapi_gaps(sortition::definition()),
               assembly::config::ConfigError);
  EXPECT_THROW(
      assembly::service::openapi_gaps(sortition::definition(), {{"PII_KEY_FILE", "/nonexistent"}}),
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
  auto r = assembly::service::call_route(sortition::definition(), method, path, body.dump(),
                                         {"s1", {"secretariat"}}, {{"PII_KEY_FILE", key.path()}});
  return assembly::service::invalid_fields(r);
}

}  // namespace

TEST(SortitionApi, AnInvitationOrPoolRouteNamesEveryFieldAtFault) {
  EXPECT_EQ(pointers(Method::Post, "/v1/invitation-draws/" + kId + "/draw", {{"seed", "short"}}),
            Pointers{"/seed"});
  EXPECT_EQ(pointers(Method::Post, "/v1/pool-imports/" + kId + "/complete", {{"parts", -1}}),
            Pointers{"/parts"});
}

TEST(SortitionApi, AnAnswerNamesEveryFieldAtFault) {
  EXPECT_EQ(pointers(Method::Post, "/v1/responses",
                     {{"criteria", {{"gender", ""}, {"age_band", "30-44"}, {"diploma", 3}}},
                      {"consent", false}}),
            (Pointers{"/code", "/criteria/diploma", "/criteria/gender", "/consent", "/contact"}));
  EXPECT_EQ(pointers(Method::Post, "/v1/invitation-draws/" + kId + "/respondents",
                     {{"code", 7}, {"criteria", json::object()}}),
            (Pointers{"/code", "/criteria", "/consent"}));
  // Contact details: each at fault named; a "no" carries nothing else; willing is a boolean.
  EXPECT_EQ(pointers(Method::Post, "/v1/responses",
                     {{"code", "ABCDE-FGHJK"},
                      {"criteria", {{"gender", "F"}}},
                      {"consent", true},
                      {"contact", {{"email", "nobody"}, {"phone", "12"}}}}),
            (Pointers{"/contact/email", "/contact/phone"}));
  EXPECT_EQ(pointers(Method::Post, "/v1/responses",
                     {{"code", "ABCDE-FGHJK"}, {"willing", false}, {"consent", true}}),
            (Pointers{"/consent"}));
  EXPECT_EQ(pointers(Method::Post, "/v1/responses", {{"code", "ABCDE-FGHJK"}, {"willing", 1}}),
            (Pointers{"/willing", "/criteria", "/consent", "/contact"}));
}

TEST(SortitionApi, ASelectionRouteNamesEveryFieldAtFault) {
  EXPECT_EQ(pointers(Method::Post, "/v1/selections",
                     {{"assembly_id", "paris"},
                      {"seed_commitment", "abc"},
                      {"invitation_draw_ids", json::array()},
                      {"replacement_deadline", "31/12/2025"},
                      {"algorithm", "greedy"}}),
            (Pointers{"/quota_set_id", "/seed_commitment", "/invitation_draw_ids",
                      "/replacement_deadline", "/algorithm"}));
  EXPECT_EQ(pointers(Method::Post, "/v1/selections/" + kId + "/draw", {{"seed", 1}}),
            Pointers{"/seed"});
}
