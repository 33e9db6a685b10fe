// A plenary voted by a show of hands, against the real stack: the secretariat opens the ballot
// saying so, enters the tally counted in the room (who recorded it: the token's account; when:
// the service's clock), corrects it with a reason (the first entry stays), and closes it: the
// result follows the same rules as any ballot. Refused, with nothing changed (read back): another
// role (403), counts the electorate cannot hold or a correction without a reason (422 naming every
// field at fault), a tally on a ballot its members vote on (409), a member's vote on a show of
// hands (409), a show of hands that is secret (422), a close without a tally (409).
#include <gtest/gtest.h>

#include <ctime>
#include <string>

#include "assembly/core/time.h"
#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using e2e::pointers;
using nlohmann::json;
using Pointers = std::set<std::string>;

namespace {

json read(const std::string& path, const std::string& token) {
  auto r = e2e::get("recommendations", path, token);
  EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  return body_of(r);
}

json ballot_of(const std::string& assembly_id, bool show_of_hands, bool secret) {
  return {{"assembly_id", assembly_id},
          {"question", "L'assemblée adopte-t-elle son règlement intérieur ?"},
          {"rule", "two-thirds"},
          {"quorum", 0.5},
          {"secret", secret},
          {"show_of_hands", show_of_hands},
          {"closes_at", assembly::core::utc_time(std::time(nullptr) + 3600)}};
}

}  // namespace

TEST(ShowOfHands, TheSecretariatEntersCorrectsAndClosesATallyUnderTheBallotsRules) {
  const auto staff = e2e::token("secretariat", "staff-hands");
  auto a = e2e::seat_six("hands", staff);
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return read("/v1/electorate?assembly_id=" + a.assembly_id, staff)["member_ids"].size() == 6;
      },
      std::chrono::seconds(60)));

  // A show of hands is not secret.
  auto secret =
      e2e::post("recommendations", "/v1/ballots", ballot_of(a.assembly_id, true, true), staff);
  EXPECT_EQ(secret.status, 422) << secret.body;
  EXPECT_EQ(pointers(secret), (Pointers{"/show_of_hands"}));

  auto opened =
      e2e::post("recommendations", "/v1/ballots", ballot_of(a.assembly_id, true, false), staff);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string id = body_of(opened)["id"];
  EXPECT_EQ(body_of(opened)["show_of_hands"], true);
  EXPECT_EQ(body_of(opened)["electorate"], 6);
  EXPECT_EQ(body_of(opened)["voted"], 0);
  const auto tallies = "/v1/ballots/" + id + "/tallies";

  // Members vote with their hands, not through the service.
  auto vote = e2e::post("recommendations", "/v1/ballots/" + id + "/votes", {{"choice", "for"}},
                        e2e::token("member", a.members[0]["id"]));
  EXPECT_EQ(vote.status, 409) << vote.body;
  // Nor is it closed before its tally is entered.
  auto early = e2e::post("recommendations", "/v1/ballots/" + id + "/close", json::object(), staff);
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(read("/v1/ballots/" + id, staff)["state"], "open");

  // Only the secretariat enters a tally.
  const json tally = {{"for", 3}, {"against", 2}, {"abstain", 1}};
  for (const auto& other :
       {e2e::token("city-service", "hands-dept", "DVD"), e2e::token("council-clerk", "hands-clerk"),
        e2e::token("member", a.members[0]["id"])}) {
    auto r = e2e::post("recommendations", tallies, tally, other);
    EXPECT_EQ(r.status, 403) << r.body;
  }
  // Every count at fault is named; nothing is kept.
  auto bad = e2e::post("recommendations", tallies, {{"for", -1}, {"against", "two"}}, staff);
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(pointers(bad), (Pointers{"/for", "/against", "/abstain"}));
  auto too_many =
      e2e::post("recommendations", tallies, {{"for", 7}, {"against", 0}, {"abstain", 0}}, staff);
  EXPECT_EQ(too_many.status, 422) << too_many.body;
  EXPECT_EQ(pointers(too_many), (Pointers{"/for"}));
  auto more_hands =
      e2e::post("recommendations", tallies, {{"for", 4}, {"against", 2}, {"abstain", 1}}, staff);
  EXPECT_EQ(more_hands.status, 422) << more_hands.body;
  EXPECT_EQ(pointers(more_hands), (Pointers{"/for", "/against", "/abstain"}));
  EXPECT_EQ(read(tallies, staff)["items"].size(), 0u) << "nothing was kept";
  EXPECT_EQ(read("/v1/ballots/" + id, staff)["voted"], 0);

  // The tally, with who recorded it and when.
  auto first = e2e::post("recommendations", tallies, tally, staff);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(body_of(first)["entry"], 1);
  EXPECT_EQ(body_of(first)["recorded_by"], e2e::subject_of(staff));
  EXPECT_FALSE(body_of(first)["recorded_at"].get<std::string>().empty());
  EXPECT_EQ(read("/v1/ballots/" + id, staff)["voted"], 6);

  // A correction needs a reason (and names it with any other fault); then it is a new entry.
  const json corrected = {{"for", 4}, {"against", 1}, {"abstain", 1}};
  auto no_reason = e2e::post("recommendations", tallies, corrected, staff);
  EXPECT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_EQ(pointers(no_reason), (Pointers{"/reason"}));
  auto both =
      e2e::post("recommendations", tallies, {{"for", 9}, {"against", 1}, {"abstain", 1}}, staff);
  EXPECT_EQ(pointers(both), (Pointers{"/for", "/reason"}));
  EXPECT_EQ(read(tallies, staff)["items"].size(), 1u) << "nothing was kept";
  json with_reason = corrected;
  with_reason["reason"] = "une main levée comptée deux fois contre";
  auto second = e2e::post("recommendations", tallies, with_reason, staff);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(body_of(second)["entry"], 2);
  auto entries = read(tallies, staff)["items"];
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["for"], 3) << "the first tally is kept";
  EXPECT_EQ(entries[1]["for"], 4);
  EXPECT_EQ(entries[1]["reason"], with_reason["reason"]);

  // Closed: the last tally counted under the ballot's rule (4 of 5 cast: two thirds met).
  auto closed = e2e::post("recommendations", "/v1/ballots/" + id + "/close", json::object(), staff);
  ASSERT_EQ(closed.status, 200) << closed.body;
  auto result = body_of(closed)["result"];
  EXPECT_EQ(result["for"], 4);
  EXPECT_EQ(result["against"], 1);
  EXPECT_EQ(result["abstain"], 1);
  EXPECT_EQ(result["electorate"], 6);
  EXPECT_EQ(result["outcome"], "adopted");
  auto results = read("/v1/ballots/" + id + "/results", "");
  EXPECT_EQ(results["result"]["for"], 4);
  EXPECT_EQ(results["tallies"].size(), 2u) << "both entries are published with the results";
  EXPECT_EQ(results["votes"].size(), 0u);
  // A closed tally is final.
  auto late = e2e::post("recommendations", tallies, with_reason, staff);
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(read(tallies, staff)["items"].size(), 2u);

  // A ballot its members vote on takes no tally (open or secret).
  for (bool is_secret : {false, true}) {
    auto other = e2e::post("recommendations", "/v1/ballots",
                           ballot_of(a.assembly_id, false, is_secret), staff);
    ASSERT_EQ(other.status, 201) << other.body;
    const std::string other_id = body_of(other)["id"];
    auto refused =
        e2e::post("recommendations", "/v1/ballots/" + other_id + "/tallies", tally, staff);
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(read("/v1/ballots/" + other_id + "/tallies", staff)["items"].size(), 0u);
    EXPECT_EQ(read("/v1/ballots/" + other_id, staff)["voted"], 0);
  }
}
