// The invitees' answers through the running sortition service (public POST /v1/responses): a
// willing invitee's contact details, sealed at rest, read back by the secretariat only and never
// logged; a "no", recorded (its code used, a refusal in the draw's figures); a closed call, whose
// answers are refused as an unknown code is, changing nothing.
#include <gtest/gtest.h>

#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <string>
#include <thread>

#include "assembly/testing/http_client.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using e2e::body_of;
using e2e::pointers;
using nlohmann::json;

namespace {

const json kCriteria = {
    {"gender", "F"}, {"age_band", "25-34"}, {"arrondissement", "19"}, {"diploma", "bac"}};

// A public call from 127.0.0.1, which sortition limits to 10 a minute: a 429 is waited out (at
// most a minute and a half), so the checks see the answer itself.
assembly::itest::HttpResponse from_public(const std::string& path, const json& body) {
  auto r = e2e::post("sortition", path, body, "");
  for (int i = 0; r.status == 429 && i < 15; ++i) {
    std::this_thread::sleep_for(std::chrono::seconds(6));
    r = e2e::post("sortition", path, body, "");
  }
  return r;
}

assembly::itest::HttpResponse answer(const json& body) {
  return from_public("/v1/responses", body);
}

int questions_status(const std::string& code) {
  return from_public("/v1/responses/questions", {{"code", code}}).status;
}

json yes(const std::string& code, const json& contact) {
  return {{"code", code},
          {"willing", true},
          {"criteria", kCriteria},
          {"consent", true},
          {"contact", contact}};
}

json respondents(const std::string& draw_id, const std::string& staff) {
  auto r = e2e::get("sortition", "/v1/invitation-draws/" + draw_id + "/respondents", staff);
  EXPECT_EQ(r.status, 200) << r.body;
  return body_of(r)["items"];
}

json draw_record(const std::string& draw_id) {
  return body_of(e2e::get("sortition", "/v1/invitation-draws/" + draw_id));
}

std::string service_log() {
  std::ifstream in(assembly::itest::env("ROOT") + "/var/log/sortition.log");
  std::stringstream all;
  all << in.rdbuf();
  return all.str();
}

}  // namespace

TEST(Answers, AWillingInviteesContactIsSealedShownToTheSecretariatOnlyAndNeverLogged) {
  const auto assembly_id = e2e::fresh("answers-contact");
  const auto [draw_id, codes] = e2e::invitation_codes(assembly_id, 40, 6);
  const auto staff = e2e::token("secretariat", "secretariat-" + assembly_id);
  const std::string email = assembly_id + "@example.fr";
  const std::string phone = "+33 6 98 76 54 32";

  // Every field at fault is named, and nothing is recorded: the code still answers afterwards.
  auto missing = answer({{"code", codes[0]}, {"willing", true}, {"criteria", kCriteria}});
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_EQ(pointers(missing), (std::set<std::string>{"/consent", "/contact"})) << missing.body;
  auto wrong = answer(yes(codes[0], {{"email", "camille.example.fr"}, {"phone", "06-12"}}));
  EXPECT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_EQ(pointers(wrong), (std::set<std::string>{"/contact/email", "/contact/phone"}))
      << wrong.body;
  auto empty = answer(yes(codes[0], json::object()));
  EXPECT_EQ(pointers(empty), std::set<std::string>{"/contact"}) << empty.body;
  EXPECT_EQ(respondents(draw_id, staff).size(), 0u) << "a refused answer records nothing";

  auto given = answer(yes(codes[0], {{"email", email}, {"phone", phone}}));
  ASSERT_EQ(given.status, 201) << given.body;
  const std::string id = body_of(given)["id"];
  auto by_phone = answer(yes(codes[1], {{"phone", "01 42 76 40 40"}}));
  ASSERT_EQ(by_phone.status, 201) << "a phone number alone is enough: " << by_phone.body;

  // The secretariat reads them back where it reads the respondents.
  const auto listed = respondents(draw_id, staff);
  ASSERT_EQ(listed.size(), 2u);
  for (const auto& r : listed) {
    if (r["id"] == id) {
      EXPECT_EQ(r["contact"], (json{{"email", email}, {"phone", "+33698765432"}})) << r;
    } else {
      EXPECT_EQ(r["contact"], (json{{"phone", "0142764040"}})) << r;
    }
  }
  // No one else: a department's agent, a member, the public.
  const auto path = "/v1/invitation-draws/" + draw_id + "/respondents";
  EXPECT_EQ(e2e::get("sortition", path, e2e::token("city-service", "agent-answers", "DAC")).status,
            403);
  EXPECT_EQ(e2e::get("sortition", path, e2e::token("member", "member-answers")).status, 403);
  EXPECT_EQ(e2e::get("sortition", path).status, 401);
  EXPECT_EQ(draw_record(draw_id).dump().find(email), std::string::npos)
      << "the public record shows no contact";

  // Sealed at rest: the column holds neither the address nor the number, and all values have
  // one size.
  pqxx::connection c(e2e::service_conninfo("sortition"));
  pqxx::nontransaction tx(c);
  const auto row = tx.exec_params1(
      "SELECT contact IS NOT NULL, position(convert_to($2, 'UTF8') IN contact), "
      "position(convert_to('98765432', 'UTF8') IN contact), octet_length(contact) "
      "FROM sortition.respondents WHERE id = $1",
      id, email);
  EXPECT_TRUE(row[0].as<bool>()) << "the contact details are stored";
  EXPECT_EQ(row[1].as<int>(), 0) << "the e-mail address is not in the clear";
  EXPECT_EQ(row[2].as<int>(), 0) << "the phone number is not in the clear";
  EXPECT_EQ(tx.exec_params1("SELECT count(DISTINCT octet_length(contact)) FROM "
                            "sortition.respondents WHERE invitation_draw_id = $1",
                            draw_id)[0]
                .as<int>(),
            1)
      << "sealed at one size: the length tells nothing";

  // Never logged.
  const auto log = service_log();
  EXPECT_NE(log.find(id), std::string::npos) << "the answer is logged (by its id)";
  EXPECT_EQ(log.find(email), std::string::npos) << "the e-mail address is in the log";
  EXPECT_EQ(log.find("98765432"), std::string::npos) << "the phone number is in the log";
}

TEST(Answers, ANoIsRecordedUsesTheCodeAndCountsAsARefusal) {
  const auto assembly_id = e2e::fresh("answers-no");
  const auto [draw_id, codes] = e2e::invitation_codes(assembly_id, 40, 4);
  const auto staff = e2e::token("secretariat", "secretariat-" + assembly_id);

  auto carrying = answer({{"code", codes[0]}, {"willing", false}, {"criteria", kCriteria}});
  EXPECT_EQ(carrying.status, 422) << carrying.body;
  EXPECT_EQ(pointers(carrying), std::set<std::string>{"/criteria"}) << carrying.body;
  auto odd = answer({{"code", codes[0]}, {"willing", "non"}});
  EXPECT_EQ(pointers(odd).count("/willing"), 1u) << odd.body;

  auto no = answer({{"code", codes[0]}, {"willing", false}});
  ASSERT_EQ(no.status, 201) << no.body;
  EXPECT_EQ(body_of(no)["state"], "declined");
  ASSERT_EQ(answer(yes(codes[1], {{"email", assembly_id + "@example.fr"}})).status, 201);

  // The code is used: a yes afterwards, or its questions, are refused as an unknown code is.
  auto then_yes = answer(yes(codes[0], {{"email", "x@example.fr"}}));
  auto unknown = answer(yes("22222-22222", {{"email", "x@example.fr"}}));
  EXPECT_EQ(then_yes.status, 404) << then_yes.body;
  EXPECT_EQ(then_yes.body, unknown.body) << "said as for an unknown code";
  EXPECT_EQ(questions_status(codes[0]), 404);

  // In the draw's figures, a refusal; in the secretariat's list, a "no" with nothing else.
  const auto figures = draw_record(draw_id)["answers"];
  EXPECT_EQ(figures, (json{{"interested", 1}, {"withdrawn", 0}, {"declined", 1}})) << figures;
  for (const auto& r : respondents(draw_id, staff)) {
    if (r["state"] != "declined") continue;
    EXPECT_EQ(r["criteria"], json::object());
    EXPECT_TRUE(r["contact"].is_null());
    EXPECT_TRUE(r["consent_at"].is_null());
  }
  // A "no" is not a respondent a selection draws from.
  auto withdraw =
      e2e::post("sortition", "/v1/respondents/" + std::string(body_of(no)["id"]) + "/withdraw",
                json::object(), staff);
  EXPECT_EQ(withdraw.status, 409) << withdraw.body;
}

TEST(Answers, AClosedCallRefusesAnswersAsAnUnknownCodeAndChangesNothing) {
  const auto assembly_id = e2e::fresh("answers-closed");
  const auto [draw_id, codes] = e2e::invitation_codes(assembly_id, 40, 4);
  const auto staff = e2e::token("secretariat", "secretariat-" + assembly_id);
  ASSERT_EQ(answer(yes(codes[0], {{"email", assembly_id + "@example.fr"}})).status, 201);

  const auto close = "/v1/invitation-draws/" + draw_id + "/close";
  EXPECT_EQ(e2e::post("sortition", close, json::object(),
                      e2e::scoped_token("secretariat", {"another-assembly"}))
                .status,
            403)
      << "only the draw's assembly's staff close it";
  EXPECT_EQ(e2e::post("sortition", close, json::object(), "").status, 401);
  auto closed = e2e::post("sortition", close, json::object(), staff);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_TRUE(body_of(closed)["answers_closed_at"].is_string()) << closed.body;
  EXPECT_EQ(e2e::post("sortition", close, json::object(), staff).status, 409);
  EXPECT_EQ(draw_record(draw_id)["answers_closed_at"], body_of(closed)["answers_closed_at"]);

  const auto unknown = answer(yes("22222-22222", {{"email", "x@example.fr"}}));
  for (const auto& body :
       {yes(codes[1], {{"email", "y@example.fr"}}), json{{"code", codes[2]}, {"willing", false}}}) {
    auto late = answer(body);
    EXPECT_EQ(late.status, 404) << late.body;
    EXPECT_EQ(late.body, unknown.body) << "said as for an unknown or used code, nothing more";
  }
  auto used = answer(yes(codes[0], {{"email", "z@example.fr"}}));
  EXPECT_EQ(used.body, unknown.body);
  EXPECT_EQ(questions_status(codes[1]), 404);
  auto by_phone =
      e2e::post("sortition", "/v1/invitation-draws/" + draw_id + "/respondents",
                {{"code", codes[3]}, {"criteria", kCriteria}, {"consent", true}}, staff);
  EXPECT_EQ(by_phone.status, 409) << "the secretariat is told the call is closed: "
                                  << by_phone.body;
  EXPECT_EQ(respondents(draw_id, staff).size(), 1u) << "nothing changed";
}
