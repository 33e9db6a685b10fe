// Recommendations addressed to the city departments, against the real stack: the secretariat
// addresses a handed-over recommendation (exactly the departments named; one no longer named is
// dropped), a department lists only what is addressed to it; refused with nothing changed: before
// the hand-over (409 naming the status), a malformed list (422 naming every entry at fault), a
// city-service token (403). The recommendation lists its amendments with their state.
#include <gtest/gtest.h>

#include <string>

#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using e2e::pointers;
using nlohmann::json;
using Pointers = std::set<std::string>;

namespace {

json read(const std::string& path) {
  auto r = e2e::get("recommendations", path);
  EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  return body_of(r);
}

}  // namespace

TEST(AddressedRecommendations, TheSecretariatAddressesAndADepartmentListsItsOwn) {
  const auto staff = e2e::token("secretariat", "staff-addressed");
  auto w = e2e::mandated_workshop("addr", staff);
  const std::string workshop = w.workshop_id, plenary_id = w.plenary_id;
  const json draft = {{"workshop_id", workshop},
                      {"title", "Des rues scolaires"},
                      {"text", "Fermer les rues des écoles aux voitures.\n"}};
  assembly::itest::HttpResponse drafted;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return (drafted = e2e::post("recommendations", "/v1/recommendations", draft, staff))
                   .status == 201;
      },
      std::chrono::seconds(60)))
      << drafted.body;
  const std::string rec = body_of(drafted)["id"];
  const auto path = "/v1/recommendations/" + rec;
  const auto departments = path + "/departments";
  auto amendment = e2e::post("recommendations", path + "/amendments",
                             {{"text", "Fermer les rues des écoles aux voitures, à l'entrée.\n"},
                              {"rationale", "Plus précis."}},
                             staff);
  ASSERT_EQ(amendment.status, 201) << amendment.body;
  auto amendments = read(path)["amendments"];
  ASSERT_EQ(amendments.size(), 1u);
  EXPECT_EQ(amendments[0]["id"], body_of(amendment)["id"]);
  EXPECT_EQ(amendments[0]["state"], "proposed");
  EXPECT_EQ(amendments[0]["rationale"], "Plus précis.");

  // A draft is not addressed yet.
  auto early = e2e::put("recommendations", departments, {{"departments", {"DVD"}}}, staff);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(body_of(early)["status"], "draft");
  EXPECT_EQ(read(path)["departments"].size(), 0u);

  ASSERT_EQ(e2e::post("recommendations", path + "/adopt", json::object(), staff).status, 200);
  ASSERT_EQ(
      e2e::post("recommendations", path + "/hand-over", {{"plenary_session_id", plenary_id}}, staff)
          .status,
      200);

  // Every malformed entry is named; a department may not address; nothing changes.
  auto bad = e2e::put("recommendations", departments, {{"departments", {"", 3, "DVD"}}}, staff);
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(pointers(bad), (Pointers{"/departments/0", "/departments/1"}));
  auto missing = e2e::put("recommendations", departments, json::object(), staff);
  EXPECT_EQ(pointers(missing), (Pointers{"/departments"}));
  auto by_department = e2e::put("recommendations", departments, {{"departments", {"DVD"}}},
                                e2e::token("city-service", "addr-dvd", "DVD"));
  EXPECT_EQ(by_department.status, 403) << by_department.body;
  EXPECT_EQ(read(path)["departments"].size(), 0u);

  // Addressed: sorted, listed for each department named and no other.
  auto addressed =
      e2e::put("recommendations", departments, {{"departments", {"DVD", "DAC"}}}, staff);
  ASSERT_EQ(addressed.status, 200) << addressed.body;
  EXPECT_EQ(body_of(addressed)["departments"], json({"DAC", "DVD"}));
  const auto list = "/v1/recommendations?assembly_id=" + w.assembly_id + "&department=";
  EXPECT_EQ(read(list + "DVD")["items"].size(), 1u);
  EXPECT_EQ(read(list + "DU")["items"].size(), 0u);
  EXPECT_EQ(read("/v1/recommendations?assembly_id=" + w.assembly_id)["items"].size(), 1u);

  // In co-construction, readdressed: a department no longer named is dropped.
  ASSERT_EQ(e2e::post("recommendations", path + "/co-construct", json::object(), staff).status,
            200);
  auto readdressed = e2e::put("recommendations", departments, {{"departments", {"DAC"}}}, staff);
  ASSERT_EQ(readdressed.status, 200) << readdressed.body;
  EXPECT_EQ(read(path)["departments"], json({"DAC"}));
  EXPECT_EQ(read(list + "DVD")["items"].size(), 0u);
  EXPECT_EQ(read(list + "DAC")["items"].size(), 1u);
}
