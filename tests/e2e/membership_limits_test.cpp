// The limits of staff accounts in membership, against the running service: a secretariat limited
// to one assembly changes that assembly, its members, roles, trainings and evaluations, and is
// refused (403) on another assembly's, which stay as they were. Members are not limited by
// assembly: their own record stays theirs.
#include <gtest/gtest.h>

#include "e2e.h"

using e2e::body_of;
using nlohmann::json;

namespace {

json assembly_body(const std::string& id) {
  return {{"id", id},
          {"name", "Assemblée citoyenne"},
          {"mandate_start", "2021-11-20"},
          {"mandate_end", "2022-11-20"},
          {"seat_pools", {{{"pool", "roll"}, {"seats", 80}}}},
          {"workshops", {"social-education", "environment", "public-space"}},
          {"retention_days", 365}};
}

const json kTraining = {
    {"topic", "public-speaking"}, {"title", "Prise de parole"}, {"held_on", "2022-02-12"}};
const json kQuestions = {
    {{"id", "overall"}, {"text", "Votre mandat ?"}, {"kind", "rating"}, {"min", 1}, {"max", 5}}};

}  // namespace

TEST(MembershipLimits, ASecretariatOfOneAssemblyChangesItsOwnAndNotAnothers) {
  const auto everywhere = e2e::token("secretariat", "staff-limits");
  const auto a = e2e::fresh("mlimits-a");
  const auto b = e2e::fresh("mlimits-b");
  const auto limited = e2e::scoped_token("secretariat", {a});

  // The assembly itself: created only within the account's limits.
  auto b_created = e2e::post("membership", "/v1/assemblies", assembly_body(b), limited);
  EXPECT_EQ(b_created.status, 403) << b_created.body;
  EXPECT_EQ(e2e::get("membership", "/v1/assemblies/" + b, everywhere).status, 404);
  auto a_created = e2e::post("membership", "/v1/assemblies", assembly_body(a), limited);
  ASSERT_EQ(a_created.status, 201) << a_created.body;
  ASSERT_EQ(e2e::post("membership", "/v1/assemblies", assembly_body(b), everywhere).status, 201);

  auto a_members = e2e::panel_members(a, 2, everywhere);
  auto b_members = e2e::panel_members(b, 2, everywhere);
  const std::string a0 = a_members[0]["id"], b0 = b_members[0]["id"], b1 = b_members[1]["id"];

  // Members: an action, the preferences; the member's own record stays the member's.
  auto b_invited =
      e2e::post("membership", "/v1/members/" + b0 + "/invite", json::object(), limited);
  EXPECT_EQ(b_invited.status, 403) << b_invited.body;
  EXPECT_EQ(body_of(e2e::get("membership", "/v1/members/" + b0, everywhere))["status"], "selected");
  auto a_invited =
      e2e::post("membership", "/v1/members/" + a0 + "/invite", json::object(), limited);
  EXPECT_EQ(a_invited.status, 200) << a_invited.body;
  EXPECT_EQ(body_of(a_invited)["status"], "invited");
  const json prefs = {{"workshops", {"public-space"}}};
  EXPECT_EQ(e2e::put("membership", "/v1/members/" + b1 + "/preferences", prefs, limited).status,
            403);
  EXPECT_EQ(
      e2e::put("membership", "/v1/members/" + b1 + "/preferences", prefs, e2e::token("member", b1))
          .status,
      200)
      << "a member acts on their own record whatever the assembly";

  // Bulk actions on the assembly named in the path.
  auto b_bulk = e2e::post("membership", "/v1/assemblies/" + b + "/bulk-actions",
                          {{"action", "invite"}}, limited);
  EXPECT_EQ(b_bulk.status, 403) << b_bulk.body;
  EXPECT_EQ(body_of(e2e::get("membership", "/v1/members/" + b1, everywhere))["status"], "selected");
  auto a_bulk = e2e::post("membership", "/v1/assemblies/" + a + "/bulk-actions",
                          {{"action", "invite"}}, limited);
  EXPECT_EQ(a_bulk.status, 200) << a_bulk.body;
  EXPECT_EQ(
      e2e::post("membership", "/v1/assemblies/" + b + "/anonymisation", json::object(), limited)
          .status,
      403);

  // Roles (held by active members): given and ended.
  e2e::seat_everyone(b, everywhere);
  const json referent = {{"role", "workshop-referent"}};
  EXPECT_EQ(e2e::post("membership", "/v1/members/" + b0 + "/roles", referent, limited).status, 403);
  auto b_role = e2e::post("membership", "/v1/members/" + b0 + "/roles", referent, everywhere);
  ASSERT_EQ(b_role.status, 201) << b_role.body;
  const std::string role_id = body_of(b_role)["id"];
  auto ended = e2e::post("membership", "/v1/roles/" + role_id + "/end", json::object(), limited);
  EXPECT_EQ(ended.status, 403) << ended.body;
  auto roles = body_of(e2e::get("membership", "/v1/members/" + b0 + "/roles", everywhere));
  ASSERT_EQ(roles["items"].size(), 1u);
  EXPECT_TRUE(roles["items"][0]["ended_at"].is_null()) << "the role is not ended";

  // Trainings: offered on the assembly, then recorded as followed.
  EXPECT_EQ(
      e2e::post("membership", "/v1/assemblies/" + b + "/trainings", kTraining, limited).status,
      403);
  EXPECT_EQ(
      e2e::post("membership", "/v1/assemblies/" + a + "/trainings", kTraining, limited).status,
      201);
  auto b_training =
      e2e::post("membership", "/v1/assemblies/" + b + "/trainings", kTraining, everywhere);
  ASSERT_EQ(b_training.status, 201) << b_training.body;
  const std::string training = body_of(b_training)["id"];
  auto followed = e2e::post("membership", "/v1/trainings/" + training + "/followed",
                            {{"member_ids", {b0}}}, limited);
  EXPECT_EQ(followed.status, 403) << followed.body;
  EXPECT_EQ(body_of(e2e::get("membership", "/v1/trainings/" + training, everywhere))["followed_by"],
            0);

  // Evaluations: created on the assembly, then opened.
  const json evaluation = {{"title", "Évaluation"}, {"questions", kQuestions}};
  EXPECT_EQ(
      e2e::post("membership", "/v1/assemblies/" + b + "/evaluations", evaluation, limited).status,
      403);
  auto b_evaluation =
      e2e::post("membership", "/v1/assemblies/" + b + "/evaluations", evaluation, everywhere);
  ASSERT_EQ(b_evaluation.status, 201) << b_evaluation.body;
  const std::string ev = body_of(b_evaluation)["id"];
  auto opened = e2e::post("membership", "/v1/evaluations/" + ev + "/open", json::object(), limited);
  EXPECT_EQ(opened.status, 403) << opened.body;
  EXPECT_EQ(body_of(e2e::get("membership", "/v1/evaluations/" + ev, everywhere))["state"], "draft");
  auto a_evaluation =
      e2e::post("membership", "/v1/assemblies/" + a + "/evaluations", evaluation, limited);
  ASSERT_EQ(a_evaluation.status, 201) << a_evaluation.body;
  EXPECT_EQ(e2e::post("membership",
                      "/v1/evaluations/" + body_of(a_evaluation)["id"].get<std::string>() + "/open",
                      json::object(), limited)
                .status,
            200);
}
