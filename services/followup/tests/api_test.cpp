#include <gtest/gtest.h>

#include "assembly/auth/auth.h"
#include "wiring.h"

TEST(FollowupApi, OpenApiDocumentsEveryRouteAndResponse) {
  for (const auto& gap : assembly::service::openapi_gaps(followup::definition()))
    ADD_FAILURE() << gap;
}

// A body wrong in several places: one 422 naming every field at fault, before any database work
// (the routes are wired without a database).
namespace {

using assembly::http::Method;
using nlohmann::json;

const std::string kId = "00000000-0000-4000-8000-000000000001";
const std::string kOther = "00000000-0000-4000-8000-000000000002";

std::vector<std::string> pointers(Method method, const std::string& path, const json& body,
                                  const std::string& role) {
  auto r = assembly::service::call_route(followup::definition(), method, path, body.dump(),
                                         {"s1", {role}, "DAC"});
  return assembly::service::invalid_fields(r);
}

using Pointers = std::vector<std::string>;

}  // namespace

TEST(FollowupApi, ACouncilRouteNamesEveryFieldAtFault) {
  const std::string clerk = assembly::auth::kCouncilClerk;
  EXPECT_EQ(pointers(Method::Post, "/v1/council-sessions/" + kId + "/agenda-items",
                     {{"dossier_id", 7}}, clerk),
            Pointers{"/dossier_id"});
  EXPECT_EQ(pointers(Method::Put, "/v1/agenda-items/" + kId + "/debate",
                     {{"summary", 3},
                      {"positions",
                       {{{"group", "Ecologists"}, {"position", "for"}},
                        {{"group", "Ecologists"}, {"position", "maybe"}},
                        "none"}}},
                     clerk),
            (Pointers{"/summary", "/positions/1/group", "/positions/1/position", "/positions/2"}));
  EXPECT_EQ(
      pointers(Method::Post, "/v1/agenda-items/" + kId + "/decision",
               {{"decision", "postponed"}, {"votes_for", -1}, {"abstentions", "none"}}, clerk),
      (Pointers{"/decision", "/votes_for", "/votes_against", "/abstentions"}));
  // The vote rules, when every field reads right.
  EXPECT_EQ(
      pointers(
          Method::Post, "/v1/agenda-items/" + kId + "/decision",
          {{"decision", "adopted"}, {"votes_for", 1}, {"votes_against", 2}, {"abstentions", 0}},
          clerk),
      Pointers{"/votes_for"});
}

TEST(FollowupApi, ACommitmentRouteNamesEveryFieldAtFault) {
  const std::string city = assembly::auth::kCityService;
  const auto at = "/v1/commitments/" + kId;
  EXPECT_EQ(
      pointers(Method::Patch, at, {{"status", "paused"}, {"progress", 5000}, {"reason", 1}}, city),
      (Pointers{"/status", "/progress", "/reason"}));
  EXPECT_EQ(pointers(Method::Post, at + "/milestones", {{"title", ""}, {"due_on", "soon"}}, city),
            (Pointers{"/title", "/due_on"}));
  EXPECT_EQ(pointers(Method::Put, at + "/milestones/" + kOther + "/due-date",
                     {{"due_on", "2025-02-30"}}, city),
            (Pointers{"/due_on", "/reason"}));
  EXPECT_EQ(pointers(Method::Post, at + "/milestones/" + kOther + "/done",
                     {{"done_on", "2999-01-01"}}, city),
            Pointers{"/done_on"});
  EXPECT_EQ(pointers(Method::Post, at + "/evidence", {{"url", "ftp://x"}, {"label", ""}}, city),
            (Pointers{"/url", "/label"}));
  EXPECT_EQ(pointers(Method::Post, at + "/evidence", {{"url", "https://a b"}}, city),
            (Pointers{"/url", "/label"}));
}

TEST(FollowupApi, AReportRouteNamesEveryFieldAtFault) {
  const std::string secretariat = assembly::auth::kSecretariat;
  EXPECT_EQ(pointers(Method::Put, "/v1/assemblies/" + kId + "/report-schedule",
                     {{"first_due_on", "2025-13-01"}, {"every_months", 99}}, secretariat),
            (Pointers{"/first_due_on", "/every_months"}));
  EXPECT_EQ(pointers(Method::Post, "/v1/reports/" + kId + "/compile",
                     {{"as_of", "yesterday"}, {"summary", false}}, secretariat),
            (Pointers{"/as_of", "/summary"}));
}
