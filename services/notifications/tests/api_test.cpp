#include <gtest/gtest.h>

#include "assembly/auth/auth.h"
#include "assembly/testing/key_file.h"
#include "wiring.h"

namespace {

using assembly::http::Method;
using nlohmann::json;
using Pointers = std::vector<std::string>;

const std::string kId = "00000000-0000-4000-8000-000000000001";

assembly::http::Response call(Method method, const std::string& path, const json& body,
                              const assembly::auth::Principal& caller) {
  assembly::itest::TempKeyFile key;
  return assembly::service::call_route(notifications::definition(), method, path,
                                       body.is_null() ? "" : body.dump(), caller,
                                       {{"PII_KEY_FILE", key.path()}});
}

}  // namespace

TEST(NotificationsApi, OpenApiDocumentsEveryRouteAndResponse) {
  assembly::itest::TempKeyFile key;
  for (const auto& gap :
       assembly::service::openapi_gaps(notifications::definition(), {{"PII_KEY_FILE", key.path()}}))
    ADD_FAILURE() << gap;
}

TEST(NotificationsApi, PreferencesNameEveryKindAtFault) {
  const assembly::auth::Principal secretariat{"s1", {assembly::auth::kSecretariat}};
  auto r = call(Method::Put, "/v1/members/" + kId + "/preferences",
                {{"refused", {"report-published", "no-such-kind", 3, "replacement-drawn"}}},
                secretariat);
  EXPECT_EQ(assembly::service::invalid_fields(r),
            (Pointers{"/refused/1", "/refused/2", "/refused/3"}));
  EXPECT_EQ(assembly::service::invalid_fields(call(
                Method::Put, "/v1/members/" + kId + "/preferences", json::object(), secretariat)),
            Pointers{"/refused"});
}

TEST(NotificationsApi, AMemberReachesOnlyTheirOwnMessages) {
  assembly::auth::Principal member{"sub", {assembly::auth::kMember}};
  member.member_id = "00000000-0000-4000-8000-000000000002";
  EXPECT_EQ(call(Method::Get, "/v1/members/" + kId + "/messages", nullptr, member).status, 403);
  EXPECT_EQ(
      call(Method::Put, "/v1/members/" + kId + "/preferences", {{"refused", json::array()}}, member)
          .status,
      403);
}

TEST(NotificationsApi, AListFilterThatMeansNothingIsNamed) {
  const assembly::auth::Principal secretariat{"s1", {assembly::auth::kSecretariat}};
  auto r = call(Method::Get, "/v1/messages?kind=letter&state=lost&limit=0", nullptr, secretariat);
  EXPECT_EQ(assembly::service::invalid_fields(r), (Pointers{"kind", "state", "limit"}));
}
