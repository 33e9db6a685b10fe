#include <gtest/gtest.h>

#include "assembly/testing/key_file.h"
#include "wiring.h"

TEST(WorkshopsApi, OpenApiDocumentsEveryRouteAndResponse) {
  assembly::itest::TempKeyFile key;
  for (const auto& gap :
       assembly::service::openapi_gaps(workshops::definition(), {{"PII_KEY_FILE", key.path()}}))
    ADD_FAILURE() << gap;
}

TEST(WorkshopsApi, AMissingKeyFileIsAConfigurationError) {
  EXPECT_THROW(assembly::service::openapi_gaps(workshops::definition()),
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
  auto r = assembly::service::call_route(workshops::definition(), method, path, body.dump(),
                                         {"s1", {"secretariat", "member"}},
                                         {{"PII_KEY_FILE", key.path()}});
  return assembly::service::invalid_fields(r);
}

}  // namespace

TEST(WorkshopsApi, ADocumentRouteNamesEveryFieldAtFault) {
  const auto workshop = "/v1/workshops/" + kId;
  EXPECT_EQ(pointers(Method::Put, workshop + "/priority-axes",
                     {{"chosen_on", "2025-04-31"},
                      {"axes", {{{"title", ""}}, {{"title", "Mobility"}, {"description", 2}}, 3}}}),
            (Pointers{"/chosen_on", "/axes/0/title", "/axes/1/description", "/axes/2"}));
  EXPECT_EQ(pointers(Method::Put, workshop + "/priority-axes", {{"axes", json::array()}}),
            (Pointers{"/chosen_on", "/axes"}));
  EXPECT_EQ(pointers(Method::Post, workshop + "/notebook/versions", {{"text", ""}, {"note", 1}}),
            (Pointers{"/text", "/note"}));
  EXPECT_EQ(pointers(Method::Post, workshop + "/mandates", {{"text", 5}}),
            (Pointers{"/text", "/notebook_version"}));
  EXPECT_EQ(pointers(Method::Post, "/v1/mandates/" + kId + "/vote",
                     {{"votes_for", 0}, {"votes_against", 0}, {"abstentions", -1}}),
            (Pointers{"/abstentions", "/votes_for", "/session_id"}));
}

TEST(WorkshopsApi, ASessionRouteNamesEveryFieldAtFault) {
  const auto session = "/v1/sessions/" + kId;
  EXPECT_EQ(pointers(Method::Put, "/v1/assemblies/paris/phases/discovery",
                     {{"starts_on", "2025-05-01"}, {"ends_on", "2025-04-01"}}),
            Pointers{"/ends_on"});
  EXPECT_EQ(pointers(Method::Put, "/v1/assemblies/paris/phases/discovery",
                     {{"starts_on", "May"}, {"ends_on", 1}}),
            (Pointers{"/starts_on", "/ends_on"}));
  EXPECT_EQ(pointers(Method::Post, session + "/reschedule",
                     {{"starts_at", "2025-05-01T18:00:00Z"}, {"ends_at", "2025-05-01T17:00:00Z"}}),
            (Pointers{"/ends_at", "/reason"}));
  EXPECT_EQ(pointers(Method::Post, session + "/cancel", {{"reason", ""}}), Pointers{"/reason"});
  EXPECT_EQ(pointers(Method::Post, session + "/held", {{"minutes", 1}}), Pointers{"/minutes"});
  EXPECT_EQ(pointers(Method::Put, session + "/minutes", json::object()), Pointers{"/minutes"});
  EXPECT_EQ(pointers(Method::Post, session + "/documents", {{"url", "ftp://x"}}),
            (Pointers{"/title", "/url"}));
  EXPECT_EQ(pointers(Method::Put, session + "/attendance",
                     {{"records", {{{"member_id", "m1"}}, {{"status", "present"}}}}}),
            (Pointers{"/records/0/status", "/records/1/member_id"}));
  EXPECT_EQ(pointers(Method::Post, session + "/check-in", {{"code", ""}}), Pointers{"/code"});
}
