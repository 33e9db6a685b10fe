// The role × route matrix, against the running stack: every operation of every service's OpenAPI
// document (as the service serves it) is called without a token and with a real Keycloak token of
// each role. Its `x-access` rule (docs/access.md) says which roles are admitted: those are not
// refused for their role (nor 401), the others are refused (403, for their role), and a call
// without a token is 401 unless the operation is public. Then the object limits a call can show
// without a fixture: a staff account limited to another assembly is refused on the routes that
// change what belongs to no single assembly ("all-assemblies"), and a member is refused another
// member's record ("own-member" on /v1/members/{id}/...). The departments' limits are
// departments_e2e_test's; the assembly limits on objects, the *_limits_e2e_tests'.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <set>
#include <string>

#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using nlohmann::json;

namespace {

const char* const kRoles[] = {
    "secretariat", "city-service", "council-clerk", "elected-representative",
    "member",      "facilitator",  "auditor",       "public"};
// No object has these ids: an admitted call meets its handler's 404 or 422, or an object check.
const std::string kObject = "00000000-0000-4000-8000-00000000a0b1";
const std::string kMemberId = "00000000-0000-4000-8000-00000000a0b2";

// The path with every parameter filled in: an integer parameter 1, any other the unknown id.
std::string concrete(const std::string& path, const json& op, const json& item) {
  std::map<std::string, std::string> values;
  for (const auto* params : {&item, &op})
    if (params->contains("parameters"))
      for (const auto& p : (*params)["parameters"])
        if (p.value("in", "") == "path")
          values[p["name"]] =
              p.contains("schema") && p["schema"].value("type", "") == "integer" ? "1" : kObject;
  std::string out;
  for (std::size_t i = 0; i < path.size();) {
    if (path[i] == '{') {
      auto end = path.find('}', i);
      auto name = path.substr(i + 1, end - i - 1);
      out += values.count(name) ? values[name] : kObject;
      i = end + 1;
    } else {
      out.push_back(path[i++]);
    }
  }
  return out;
}

assembly::itest::HttpResponse call(const std::string& method, const std::string& service,
                                   const std::string& path, const std::string& bearer) {
  std::map<std::string, std::string> h;
  if (!bearer.empty()) h["Authorization"] = "Bearer " + bearer;
  std::string body;
  if (method != "GET" && method != "HEAD" && method != "DELETE") {
    body = "{}";
    h["Content-Type"] = "application/json";
  }
  return assembly::itest::http(method, e2e::url(service) + path, body, h);
}

bool refused_for_role(const assembly::itest::HttpResponse& r) {
  if (r.status != 403) return false;
  auto detail = json::parse(r.body, nullptr, false).value("detail", std::string());
  return detail.rfind("this route requires one of the roles", 0) == 0;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

TEST(AccessMatrix, EveryRouteAdmitsTheRolesOfItsRuleAndRefusesTheOthers) {
  std::map<std::string, std::string> tokens;
  for (const std::string role : kRoles)
    tokens[role] = role == "member"         ? e2e::token("member", kMemberId)
                   : role == "city-service" ? e2e::token(role, "matrix", "DAC")
                                            : e2e::token(role, "matrix");
  const auto elsewhere = e2e::scoped_token("secretariat", {"matrix-other-assembly"});
  int routes = 0, calls = 0, object_checks = 0, public_routes = 0;
  std::set<std::string> limits_seen;
  for (const std::string& service : e2e::services()) {
    auto served = e2e::get(service, "/openapi.json");
    ASSERT_EQ(served.status, 200) << service;
    const auto doc = body_of(served);
    for (const auto& [path, item] : doc["paths"].items()) {
      for (const auto& [method_lower, op] : item.items()) {
        if (method_lower == "parameters") continue;
        const auto method = upper(method_lower);
        const auto name = service + " " + method + " " + path;
        ASSERT_TRUE(op.contains("x-access")) << name << ": no access rule";
        const auto& rule = op["x-access"];
        const auto roles = rule["roles"].get<std::set<std::string>>();
        const bool is_public = roles.count("anyone") > 0;
        const auto at = concrete(path, op, item);
        ++routes;
        public_routes += is_public ? 1 : 0;

        auto anonymous = call(method, service, at, "");
        ++calls;
        if (is_public)
          EXPECT_NE(anonymous.status, 401) << name << " is public: " << anonymous.body;
        else
          EXPECT_EQ(anonymous.status, 401) << name << " without a token: " << anonymous.body;
        for (const std::string role : kRoles) {
          auto r = call(method, service, at, tokens[role]);
          ++calls;
          if (is_public || roles.count(role)) {
            EXPECT_NE(r.status, 401) << name << " as " << role << ": " << r.body;
            EXPECT_FALSE(refused_for_role(r)) << name << " admits " << role << ": " << r.body;
          } else {
            EXPECT_TRUE(refused_for_role(r))
                << name << " refuses " << role << ": " << r.status << " " << r.body;
          }
        }

        for (const auto& limit : rule["limits"]) limits_seen.insert(limit);
        const auto limits = rule["limits"].get<std::set<std::string>>();
        if (limits.count("all-assemblies") && roles.count("secretariat")) {
          auto r = call(method, service, at, elsewhere);
          ++calls;
          ++object_checks;
          EXPECT_EQ(r.status, 403) << name << ": an account limited to another assembly changes "
                                   << "what belongs to every assembly: " << r.body;
        }
        if (limits.count("own-member") && path.rfind("/v1/members/{id}", 0) == 0) {
          auto r = call(method, service, at, tokens["member"]);
          ++calls;
          ++object_checks;
          EXPECT_EQ(r.status, 403)
              << name << ": a member reaches another member's record: " << r.body;
        }
      }
    }
  }
  std::cout << "access matrix: " << routes << " routes (" << public_routes << " public) of "
            << e2e::services().size() << " services, " << std::size(kRoles)
            << " roles and no token, " << calls << " calls, " << object_checks
            << " object checks\n";
  RecordProperty("routes", routes);
  RecordProperty("calls", calls);
  EXPECT_GT(routes, 150) << "every service's document was read";
  EXPECT_TRUE(limits_seen.count("all-assemblies") && limits_seen.count("own-member") &&
              limits_seen.count("department") && limits_seen.count("assembly"));
}
