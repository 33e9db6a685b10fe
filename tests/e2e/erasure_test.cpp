// The erasure of one person on request, through the running stack: a member drawn from a roll,
// seated, with contact details, who withdrew giving a reason, is erased; then every table of every
// service's schema (each text, JSON and binary column) and every retained topic, read from the
// beginning, is searched for what identified them. What docs/privacy.md keeps (the opaque member
// id, the pseudonymous person id in the pool until its retention date) is not searched for.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "../integration/support.h"
#include "assembly/testing/http_client.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using assembly::itest::http;
using nlohmann::json;

namespace {

// On one line: ops/lib/check_services.py compares the lists of services with services/services.txt.
// clang-format off
const char* kServices[] = {"sortition", "membership", "workshops", "recommendations", "followup", "notifications"};
// clang-format on

// "schema.table.column: rows" for each column of the schema where `needle` is found in clear.
std::vector<std::string> found_in_schema(const std::string& schema, const std::string& needle) {
  pqxx::connection c(e2e::service_conninfo(schema));
  pqxx::nontransaction tx(c);
  std::vector<std::string> out;
  const auto columns = tx.exec_params(
      "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
      "JOIN information_schema.tables t ON t.table_schema = c.table_schema "
      "AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' "
      "WHERE c.table_schema = $1 AND c.data_type IN ('text', 'character varying', 'jsonb', "
      "'json', 'bytea', 'ARRAY') ORDER BY 1, 2",
      schema);
  EXPECT_GT(columns.size(), 5u) << "the schema " << schema << " is readable";
  for (const auto& col : columns) {
    const auto table = tx.quote_name(schema) + "." + tx.quote_name(col[0].as<std::string>());
    const auto column = tx.quote_name(col[1].as<std::string>());
    const auto test = col[2].as<std::string>() == "bytea"
                          ? "position(convert_to($1, 'UTF8') IN " + column + ") > 0"
                          : "strpos(" + column + "::text, $1) > 0";
    const auto n =
        tx.exec_params("SELECT count(*) FROM " + table + " WHERE " + test, needle)[0][0].as<long>();
    if (n > 0)
      out.push_back(schema + "." + col[0].as<std::string>() + "." + col[1].as<std::string>() +
                    ": " + std::to_string(n));
  }
  return out;
}

// Every record kept by the services' topics and the dead-letter topic, read from the beginning.
std::vector<itest_support::Record> retained_records() {
  const auto brokers = assembly::itest::kafka_brokers();
  std::vector<itest_support::Record> out;
  for (const auto& [topic, partitions] :
       std::vector<std::pair<std::string, int>>{{"assembly.sortition.v1", 6},
                                                {"assembly.membership.v1", 6},
                                                {"assembly.workshops.v1", 6},
                                                {"assembly.recommendations.v1", 6},
                                                {"assembly.followup.v1", 6},
                                                {"assembly.deadletter.v1", 3}}) {
    const auto size = itest_support::topic_size(brokers, topic, partitions);
    auto records = itest_support::read_topic(brokers, topic, static_cast<std::size_t>(size),
                                             std::chrono::seconds(60));
    EXPECT_EQ(static_cast<long>(records.size()), size) << topic << " read whole";
    out.insert(out.end(), records.begin(), records.end());
  }
  return out;
}

}  // namespace

TEST(Erasure, AnErasedMemberIsFoundInNoSchemaAndNoTopic) {
  const auto a = e2e::fresh("erasure");
  const auto staff = e2e::token("secretariat", "secretariat-erasure");
  const std::string tag = std::to_string(std::chrono::system_clock::now().time_since_epoch() /
                                         std::chrono::milliseconds(1));
  auto drawn = e2e::draw_selection_panel(
      a, 40, 30, 20, 4, "feature,value,min,max\ngender,F,2,2\ngender,M,2,2\n", [](int i) {
        return json{{"gender", i % 2 ? "F" : "M"}};
      });
  json members;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("membership", "/v1/members?assembly_id=" + a, staff);
        if (r.status != 200) return false;
        members = json::parse(r.body)["items"];
        return members.size() == 4;
      },
      std::chrono::seconds(60)))
      << "membership made the 4 selected people members";
  e2e::seat_everyone(a, staff);
  const std::string member_id = members[0]["id"];
  const std::string person_id = members[0]["person_id"];

  // Who the member is on the roll: the invitee of the same rank on the mailing list.
  const auto sortition = e2e::url("sortition");
  const std::map<std::string, std::string> headers = {{"Authorization", "Bearer " + staff}};
  const auto draw = "/v1/invitation-draws/" + drawn.invitation_draw_id;
  auto invitees = json::parse(http("GET", sortition + draw + "/invitees", {}, headers).body);
  const auto mail = http("GET", sortition + draw + "/mailing-list", {}, headers).body;
  std::vector<std::string> lines;
  for (std::size_t at = mail.find('\n'); at != std::string::npos && at + 1 < mail.size();) {
    auto end = mail.find('\n', at + 1);
    lines.push_back(mail.substr(at + 1, end - at - 1));
    at = end;
  }
  int k = -1;  // the roll's row: its last name is "Nom<k>"
  for (std::size_t i = 0; i < invitees["items"].size(); ++i)
    if (invitees["items"][i] == person_id) {
      const auto& line = lines.at(i);  // "code","Nom12","Prénom",...
      k = std::stoi(line.substr(line.find("Nom") + 3));
    }
  ASSERT_GE(k, 0) << "the member is on the mailing list";
  const std::string voter_id = a + "-" + std::to_string(k);
  const std::string birth_date =
      "19" + std::to_string(40 + k % 50) + "-05-0" + std::to_string(1 + k % 9);

  // Contact details, and a departure with a reason in free text.
  const std::string name = "Zélie Effaçable-" + tag;
  const std::string email = "zelie." + tag + "@example.org";
  const std::string phone = "+33 6 " + tag.substr(tag.size() - 8);
  const std::string reason = "déménage à Lyon " + tag;
  auto contact = e2e::put("membership", "/v1/members/" + member_id + "/contact",
                          {{"name", name},
                           {"email", email},
                           {"phone", phone},
                           {"address", "12 rue Effaçable " + tag},
                           {"preferred_channel", "email"}},
                          staff);
  ASSERT_EQ(contact.status, 200) << contact.body;
  // The member's own token, taken while their account is enabled (a departure disables it).
  const auto member_token = e2e::token("member", member_id);
  auto withdrew = e2e::post("membership", "/v1/members/" + member_id + "/withdraw",
                            {{"reason", reason}}, staff);
  ASSERT_EQ(withdrew.status, 200) << withdrew.body;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("membership", "/v1/members?assembly_id=" + a, staff);
        const auto list = json::parse(r.body);  // named: a range-for over a temporary dangles
        for (const auto& m : list["items"])
          if (m["replaces"] == member_id) return true;
        return false;
      },
      std::chrono::seconds(60)))
      << "sortition drew a replacement for the member who withdrew";

  // Bad requests change nothing and name the field; only the secretariat asks.
  auto missing = e2e::post("membership", "/v1/erasures", json::object(), staff);
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_NE(missing.body.find("/member_id"), std::string::npos) << missing.body;
  auto unknown = e2e::post("membership", "/v1/erasures", {{"member_id", "no-such-member"}}, staff);
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_NE(unknown.body.find("/member_id"), std::string::npos) << unknown.body;
  EXPECT_EQ(
      e2e::post("membership", "/v1/erasures", {{"member_id", member_id}}, member_token).status,
      403);

  // The contact details the person gave when answering the invitation, sealed in sortition.
  const auto respondent_contacts = [&] {
    pqxx::connection c(e2e::service_conninfo("sortition"));
    pqxx::nontransaction tx(c);
    return tx
        .exec_params1(
            "SELECT count(*) FROM sortition.respondents WHERE person_id = $1 "
            "AND contact IS NOT NULL",
            person_id)[0]
        .as<long>();
  };
  ASSERT_EQ(respondent_contacts(), 1) << "the respondent's contact details are kept until then";

  auto asked = e2e::post("membership", "/v1/erasures", {{"member_id", member_id}}, staff);
  ASSERT_EQ(asked.status, 202) << asked.body;
  const std::string erasure_id = json::parse(asked.body)["id"];
  auto again = e2e::post("membership", "/v1/erasures", {{"member_id", member_id}}, staff);
  EXPECT_EQ(again.status, 200) << "asked again: the same erasure";
  EXPECT_EQ(json::parse(again.body)["id"], erasure_id);

  json report;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        report = json::parse(e2e::get("membership", "/v1/erasures/" + erasure_id, staff).body);
        return report["state"] == "complete";
      },
      std::chrono::seconds(90)))
      << "every service answered: " << report.dump();
  std::map<std::string, json> by_service;
  for (const auto& s : report["services"]) by_service[s["service"]] = s;
  ASSERT_EQ(by_service.size(), e2e::services().size()) << report.dump();  // every service answers
  EXPECT_EQ(by_service["membership"]["erased"]["contact_details"], 1) << report.dump();
  EXPECT_EQ(by_service["sortition"]["erased"]["sealed_identities"], 1) << report.dump();
  EXPECT_EQ(by_service["sortition"]["erased"]["respondent_criteria"], 1) << report.dump();

  EXPECT_EQ(respondent_contacts(), 0) << "the respondent's contact details go";
  // The sealed identity is gone, not only unreadable in clear.
  {
    pqxx::connection c(e2e::service_conninfo("sortition"));
    pqxx::nontransaction tx(c);
    EXPECT_EQ(tx.exec_params("SELECT count(*) FROM sortition.pool_people WHERE person_id = $1 "
                             "AND pii IS NOT NULL",
                             person_id)[0][0]
                  .as<long>(),
              0);
  }
  {
    pqxx::connection c(e2e::service_conninfo("membership"));
    pqxx::nontransaction tx(c);
    EXPECT_EQ(tx.exec_params("SELECT count(*) FROM membership.contacts WHERE member_id = $1",
                             member_id)[0][0]
                  .as<long>(),
              0);
  }

  const std::vector<std::pair<std::string, std::string>> identifiers = {
      {"name", name},
      {"e-mail", email},
      {"phone", phone},
      {"reason", reason},
      {"voter id", voter_id},
      {"birth date", birth_date},
      {"person id in membership", person_id}};
  for (const auto& schema : kServices)
    for (const auto& [what, needle] : identifiers) {
      if (what == "person id in membership" && std::string(schema) != "membership") continue;
      EXPECT_EQ(found_in_schema(schema, needle), std::vector<std::string>{})
          << what << " \"" << needle << "\" in schema " << schema;
    }
  const auto records = retained_records();
  EXPECT_GT(records.size(), 0u);
  for (const auto& [what, needle] : identifiers) {
    if (what == "person id in membership") continue;  // events name it (docs/privacy.md)
    long n = 0;
    for (const auto& r : records)
      if (r.value.find(needle) != std::string::npos || r.key.find(needle) != std::string::npos) ++n;
    EXPECT_EQ(n, 0) << what << " \"" << needle << "\" in " << n << " retained events";
  }
}
