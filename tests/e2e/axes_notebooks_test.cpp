// The workshops service through its HTTP API, with membership over the real Kafka and PostgreSQL:
// the members of a workshop propose priority axes, approve them in a choice the secretariat opens
// and closes, and the count's chosen proposals become the workshop's priority axes (corrected
// afterwards only with a reason).
#include <gtest/gtest.h>

#include <set>

#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using e2e::fresh;
using e2e::put;
using nlohmann::json;

namespace {

// An assembly of 12 members placed in the three workshops at the opening plenary of 2021-11-20.
struct Seated {
  std::string assembly_id;
  json members;                                 // membership's records, active
  std::map<std::string, std::string> workshop;  // theme -> workshop id
};

Seated seat_twelve(const std::string& staff) {
  Seated out;
  out.assembly_id = fresh("axes");
  auto r =
      e2e::post("sortition", "/v1/panel-draws", e2e::panel_request(out.assembly_id, 24, 12), staff);
  if (r.status != 201) throw std::runtime_error("panel draw: " + r.body);
  auto list = [&](const std::string& status) {
    return body_of(e2e::get("membership",
                            "/v1/members?assembly_id=" + out.assembly_id + "&status=" + status,
                            staff))["items"];
  };
  if (!e2e::eventually([&] { return list("selected").size() == 12; }, std::chrono::seconds(60)))
    throw std::runtime_error("members");
  e2e::seat_everyone(out.assembly_id, staff);
  out.members = list("active");
  if (!e2e::eventually(
          [&] {
            auto w = e2e::get("workshops", "/v1/workshops?assembly_id=" + out.assembly_id);
            if (w.status != 200) return false;
            int total = 0;
            const auto listed = body_of(w);
            for (const auto& x : listed["items"]) {
              total += x["roster_size"].get<int>();
              out.workshop[x["theme"]] = x["id"];
            }
            return total == 12 && out.workshop.size() == 3;
          },
          std::chrono::seconds(60)))
    throw std::runtime_error("the rosters did not fill");
  return out;
}

// The members of the workshop of `theme`, as member tokens; `outsider` one of another workshop.
struct Members {
  std::vector<std::string> tokens;
  std::string outsider;
};

Members members_of(const Seated& s, const std::string& theme) {
  Members out;
  for (const auto& m : s.members) {
    if (m["workshop_theme"] == theme)
      out.tokens.push_back(e2e::token("member", m["id"]));
    else if (out.outsider.empty())
      out.outsider = e2e::token("member", m["id"]);
  }
  return out;
}

std::set<std::string> pointers(const assembly::itest::HttpResponse& r) {
  std::set<std::string> out;
  const auto b = body_of(r);
  for (const auto& e : b.value("errors", json::array()))
    out.insert(e["pointer"].get<std::string>());
  return out;
}

}  // namespace

TEST(AxesNotebooks, MembersProposeApproveAndTheCountSetsThePriorityAxes) {
  const auto staff = e2e::token("secretariat", "staff-axes");
  auto s = seat_twelve(staff);
  const std::string ws = s.workshop.at("public-space");
  const std::string base = "/v1/workshops/" + ws;
  auto m = members_of(s, "public-space");
  ASSERT_EQ(m.tokens.size(), 4u);
  ASSERT_EQ(put("workshops", "/v1/assemblies/" + s.assembly_id + "/phases/discovery",
                {{"starts_on", "2021-11-20"}, {"ends_on", "2022-03-31"}}, staff)
                .status,
            200);

  // Proposals: two members and the secretariat; not a member of another workshop; every field at
  // fault named at once.
  auto propose = [&](const json& body, const std::string& token) {
    return e2e::post("workshops", base + "/axis-proposals", body, token);
  };
  auto p1 =
      propose({{"title", "Partage de la rue"}, {"text", "Des rues où l'on marche."}}, m.tokens[0]);
  ASSERT_EQ(p1.status, 201) << p1.body;
  EXPECT_EQ(body_of(p1)["proposer"], "member");
  auto p2 = propose({{"title", "Propreté des espaces"}}, staff);
  ASSERT_EQ(p2.status, 201) << p2.body;
  EXPECT_EQ(body_of(p2)["proposer"], "secretariat");
  auto p3 = propose({{"title", "Végétaliser les cours d'école"}}, m.tokens[1]);
  ASSERT_EQ(p3.status, 201) << p3.body;
  const std::string id1 = body_of(p1)["id"], id2 = body_of(p2)["id"], id3 = body_of(p3)["id"];
  EXPECT_EQ(propose({{"title", "Ailleurs"}}, m.outsider).status, 403);
  auto bad =
      propose({{"title", std::string(121, 'e')}, {"text", std::string(1001, 'x')}}, m.tokens[2]);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(pointers(bad), (std::set<std::string>{"/title", "/text"}));
  // 120 characters with accents (240 bytes) are fine.
  std::string accents;
  for (int i = 0; i < 120; ++i) accents += "é";
  auto long_title = propose({{"title", accents}}, m.tokens[2]);
  ASSERT_EQ(long_title.status, 201) << long_title.body;
  const std::string id4 = body_of(long_title)["id"];

  // Public proposals, without names.
  auto listed = e2e::get("workshops", base + "/axis-proposals");
  ASSERT_EQ(listed.status, 200);
  const auto items = body_of(listed)["items"];
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0]["id"], id1) << "in the order made";
  EXPECT_EQ(listed.body.find(std::string(s.members[0]["id"])), std::string::npos);
  for (const auto& p : items) EXPECT_FALSE(p.contains("proposed_by"));

  // No ballot before the choice opens; the secretariat opens it for two axes.
  auto ballot = [&](std::initializer_list<json> approve, const std::string& token) {
    json list = json::array();
    for (const auto& x : approve) list.push_back(x);
    return put("workshops", base + "/axes-choice/ballot", {{"approve", list}}, token);
  };
  EXPECT_EQ(ballot({id1}, m.tokens[0]).status, 409);
  EXPECT_EQ(e2e::get("workshops", base + "/axes-choice").status, 404);
  auto seats0 = e2e::post("workshops", base + "/axes-choice", {{"seats", 0}}, staff);
  EXPECT_EQ(seats0.status, 422);
  EXPECT_EQ(body_of(seats0)["field"], "/seats");
  EXPECT_EQ(e2e::post("workshops", base + "/axes-choice", {{"seats", 2}}, m.tokens[0]).status, 403);
  auto opened = e2e::post("workshops", base + "/axes-choice", {{"seats", 2}}, staff);
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(body_of(opened)["state"], "open");
  EXPECT_EQ(e2e::post("workshops", base + "/axes-choice", {{"seats", 3}}, staff).status, 409);
  EXPECT_EQ(propose({{"title", "Trop tard"}}, m.tokens[0]).status, 409);
  // The secretariat may not set the axes while the members choose them.
  EXPECT_EQ(put("workshops", base + "/priority-axes",
                {{"chosen_on", "2022-02-01"}, {"axes", {{{"title", "X"}}}}}, staff)
                .status,
            409);

  // Ballots: id2 3 approvals, id1 and id3 2 each (id1 proposed first wins the tie), id4 none; the
  // third member changes their ballot (counted once, as changed).
  ASSERT_EQ(ballot({id1, id2}, m.tokens[0]).status, 200);
  ASSERT_EQ(ballot({id2}, m.tokens[1]).status, 200);
  ASSERT_EQ(ballot({id4}, m.tokens[2]).status, 200);
  auto changed = ballot({id2, id3}, m.tokens[2]);
  ASSERT_EQ(changed.status, 200) << changed.body;
  ASSERT_EQ(ballot({id3, id1}, m.tokens[3]).status, 200);
  auto unknown = ballot({id1, "not-a-proposal", 7}, m.tokens[3]);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(pointers(unknown), (std::set<std::string>{"/approve/2"})) << unknown.body;
  auto unknown2 = ballot({id1, "not-a-proposal"}, m.tokens[3]);
  EXPECT_EQ(pointers(unknown2), (std::set<std::string>{"/approve/1"})) << unknown2.body;
  EXPECT_EQ(ballot({id1}, m.outsider).status, 403);
  EXPECT_EQ(ballot({id1}, staff).status, 403) << "the secretariat does not vote";
  auto mine = e2e::get("workshops", base + "/axes-choice/ballot", m.tokens[2]);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(body_of(mine)["approve"], json::array({id2, id3}));
  EXPECT_EQ(e2e::get("workshops", base + "/axes-choice/ballot", m.outsider).status, 404);
  EXPECT_TRUE(body_of(e2e::get("workshops", base + "/axes-choice"))["result"].is_null())
      << "no result before the close";

  // The close: in the discovery phase only; the result is public.
  auto late =
      e2e::post("workshops", base + "/axes-choice/close", {{"chosen_on", "2022-09-01"}}, staff);
  EXPECT_EQ(late.status, 422);
  EXPECT_EQ(body_of(late)["field"], "/chosen_on");
  auto closed =
      e2e::post("workshops", base + "/axes-choice/close", {{"chosen_on", "2022-02-15"}}, staff);
  ASSERT_EQ(closed.status, 200) << closed.body;
  auto choice = body_of(e2e::get("workshops", base + "/axes-choice"));
  EXPECT_EQ(choice["state"], "closed");
  const auto result = choice["result"];
  EXPECT_EQ(result["voters"], 4);
  EXPECT_EQ(result["seats"], 2);
  EXPECT_EQ(result["chosen"], json::array({id2, id1}));
  EXPECT_NE(result["method"].get<std::string>().find("approval"), std::string::npos);
  std::map<std::string, int> approvals;
  for (const auto& t : result["tallies"]) approvals[t["proposal_id"]] = t["approvals"];
  EXPECT_EQ(approvals[id1], 2);
  EXPECT_EQ(approvals[id2], 3);
  EXPECT_EQ(approvals[id3], 2);
  EXPECT_EQ(approvals[id4], 0) << "the changed ballot no longer approves it";
  EXPECT_EQ(ballot({id1}, m.tokens[0]).status, 409) << "closed";

  // The chosen proposals are the workshop's priority axes.
  auto axes = body_of(e2e::get("workshops", base + "/priority-axes"));
  ASSERT_EQ(axes["items"].size(), 2u);
  EXPECT_EQ(axes["items"][0]["title"], "Propreté des espaces");
  EXPECT_EQ(axes["items"][1]["title"], "Partage de la rue");
  EXPECT_EQ(axes["items"][1]["description"], "Des rues où l'on marche.");
  EXPECT_EQ(axes["items"][0]["chosen_on"], "2022-02-15");
  EXPECT_EQ(axes["chosen_by"], "members");

  // A correction by the secretariat gives its reason.
  const json corrected = {{"chosen_on", "2022-02-20"},
                          {"axes", {{{"title", "Propreté et partage de la rue"}}}}};
  auto no_reason = put("workshops", base + "/priority-axes", corrected, staff);
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(body_of(no_reason)["field"], "/reason");
  json with_reason = corrected;
  with_reason["reason"] = "les deux axes fusionnés à la demande de l'atelier";
  ASSERT_EQ(put("workshops", base + "/priority-axes", with_reason, staff).status, 200);
  axes = body_of(e2e::get("workshops", base + "/priority-axes"));
  ASSERT_EQ(axes["items"].size(), 1u);
  ASSERT_EQ(axes["corrections"].size(), 1u);
  EXPECT_EQ(axes["corrections"][0]["reason"], with_reason["reason"]);

  // Another workshop, where the members chose nothing: the secretariat sets axes as before.
  const std::string other = s.workshop.at("environment");
  EXPECT_EQ(put("workshops", "/v1/workshops/" + other + "/priority-axes",
                {{"chosen_on", "2022-02-15"}, {"axes", {{{"title", "Lire partout"}}}}}, staff)
                .status,
            200);
}

TEST(AxesNotebooks, AChoiceNobodyApprovedStaysOpen) {
  const auto staff = e2e::token("secretariat", "staff-axes");
  auto s = seat_twelve(staff);
  const std::string base = "/v1/workshops/" + s.workshop.at("environment");
  EXPECT_EQ(e2e::post("workshops", base + "/axes-choice", {{"seats", 2}}, staff).status, 409)
      << "nothing proposed yet";
  ASSERT_EQ(
      e2e::post("workshops", base + "/axis-proposals", {{"title", "Lire partout"}}, staff).status,
      201);
  ASSERT_EQ(e2e::post("workshops", base + "/axes-choice", {{"seats", 2}}, staff).status, 201);
  EXPECT_EQ(
      e2e::post("workshops", base + "/axes-choice/close", {{"chosen_on", "2022-02-15"}}, staff)
          .status,
      409);
  EXPECT_EQ(body_of(e2e::get("workshops", base + "/axes-choice"))["state"], "open");
}
