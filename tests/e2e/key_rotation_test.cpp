// The rotation of the keys sealing personal data, against the running stack, as an operator does
// it (docs/security.md): sealed data written through the routes in every service that has some
// (a pool's identities, members' contact details, evaluation answers and secret votes held until
// the close); a new key made current with the old one still held (services restarted); every
// sealed column re-sealed while reads and writes keep coming, all answered 2xx; the database holds
// nothing under the old key; the old key removed, services restarted, and everything read back
// through the routes, byte-equal (the response codes, keyed hashes, unchanged).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <map>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "assembly/core/time.h"
#include "assembly/pii/pii.h"
#include "assembly/testing/http_client.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using e2e::body_of;
using nlohmann::json;

namespace {

// Every sealed column (docs/privacy.md), as schema.table.column.
const std::map<std::string, std::vector<std::string>> kColumns = {
    {"sortition", {"sortition.pool_people.pii", "sortition.respondents.contact"}},
    {"membership", {"membership.contacts.sealed", "membership.evaluation_answers_held.sealed"}},
    {"recommendations", {"recommendations.secret_votes_held.sealed"}}};

// The services that seal something: those of kColumns.
const std::vector<std::string> kSealing = [] {
  std::vector<std::string> out;
  for (const auto& [svc, columns] : kColumns) out.push_back(svc);
  return out;
}();

std::string key_file(const std::string& svc) {
  return assembly::itest::env("ROOT") + "/var/secrets/pii-" + svc + ".key";
}

// The header a value sealed under the service's current key begins with.
std::string current_header(const std::string& svc) {
  return assembly::pii::Keyring::from_file(key_file(svc)).current_header();
}

// Values of the column that do (`under`) or do not (!`under`) begin with `header`.
long values(const std::string& column, const std::string& header, bool under) {
  const auto dot = column.rfind('.');
  const auto table = column.substr(0, dot), col = column.substr(dot + 1);
  pqxx::connection c(e2e::service_conninfo(table.substr(0, table.find('.'))));
  pqxx::work tx(c);
  return tx
      .exec_params1("SELECT count(*) FROM " + table + " WHERE " + col +
                        " IS NOT NULL AND (substring(" + col + " from 1 for $2) = $1) = $3",
                    pqxx::binarystring(header.data(), header.size()),
                    static_cast<int>(header.size()), under)[0]
      .as<long>();
}

int rotate(const std::string& args) {
  std::string cmd = assembly::itest::env("ROOT") + "/ops/rotate-keys " + args;
  for (const auto& s : kSealing) cmd += " " + s;
  return assembly::itest::shell(cmd);
}

std::string in_an_hour() {
  return assembly::core::utc_time(std::time(nullptr) + 3600);
}

}  // namespace

TEST(KeyRotation, EverySealedValueIsResealedUnderTheNewKeyWithoutDowntimeAndReadsBackTheSame) {
  const auto staff = e2e::token("secretariat", "staff-rotation");
  const auto seated = e2e::seat_six("rotation", staff);
  auto member = [&](int i) { return seated.members[i]["id"].get<std::string>(); };

  // Sortition: a pool of 20,000 sealed identities, 1,000 invited; their mailing list.
  const int kRoll = 20000;
  std::string csv =
      "voter_id,last_name,first_names,birth_date,sex,address,postcode,arrondissement\n";
  for (int i = 0; i < kRoll; ++i)
    csv += seated.assembly_id + "-" + std::to_string(i) + ",Nom" + std::to_string(i) +
           ",Prénom,19" + std::to_string(40 + i % 50) + "-05-0" + std::to_string(1 + i % 9) + "," +
           (i % 2 ? "F" : "M") + "," + std::to_string(i) + " rue de Crimée,75019,19\n";
  auto pool =
      e2e::post("sortition", "/v1/pools", {{"name", seated.assembly_id}, {"kind", "roll"}}, staff);
  ASSERT_EQ(pool.status, 201) << pool.body;
  const std::string import_id = body_of(pool)["import"]["id"];
  auto part = assembly::itest::http(
      "PUT", e2e::url("sortition") + "/v1/pool-imports/" + import_id + "/parts/1", csv,
      {{"Authorization", "Bearer " + staff}, {"Content-Type", "text/csv"}});
  ASSERT_EQ(part.status, 200) << part.body;
  auto complete =
      e2e::post("sortition", "/v1/pool-imports/" + import_id + "/complete", {{"parts", 1}}, staff);
  ASSERT_EQ(complete.status, 200) << complete.body;
  const std::string seed = "rotation-" + seated.assembly_id;
  auto draw = e2e::post("sortition", "/v1/invitation-draws",
                        {{"assembly_id", seated.assembly_id},
                         {"pool_id", body_of(complete)["pool_id"]},
                         {"invited", 1000},
                         {"seed_commitment", e2e::sha256_hex(seed)}},
                        staff);
  ASSERT_EQ(draw.status, 201) << draw.body;
  const std::string draw_id = body_of(draw)["id"];
  ASSERT_EQ(
      e2e::post("sortition", "/v1/invitation-draws/" + draw_id + "/draw", {{"seed", seed}}, staff)
          .status,
      200);
  const auto mailing_list = "/v1/invitation-draws/" + draw_id + "/mailing-list";
  const auto letters = e2e::get("sortition", mailing_list, staff);
  ASSERT_EQ(letters.status, 200) << letters.body;
  // Two answers taken by phone with contact details (sealed).
  for (int i = 0; i < 2; ++i) {
    const auto at = letters.body.find("\n\"", i == 0 ? 0 : letters.body.find("\n\"") + 1);
    ASSERT_NE(at, std::string::npos) << letters.body;
    auto answered = e2e::post("sortition", "/v1/invitation-draws/" + draw_id + "/respondents",
                              {{"code", letters.body.substr(at + 2, 11)},
                               {"criteria", {{"gender", "F"}}},
                               {"consent", true},
                               {"contact",
                                {{"email", "invitee" + std::to_string(i) + "@example.org"},
                                 {"phone", "06 12 34 56 0" + std::to_string(i)}}}},
                              staff);
    ASSERT_EQ(answered.status, 201) << answered.body;
  }
  const auto respondents_path = "/v1/invitation-draws/" + draw_id + "/respondents";
  const auto respondents = e2e::get("sortition", respondents_path, staff);
  ASSERT_NE(respondents.body.find("invitee1@example.org"), std::string::npos) << respondents.body;

  // Membership: the six members' contact details; an evaluation answered by four (held sealed).
  std::map<std::string, std::string> contacts;
  for (int i = 0; i < 6; ++i) {
    ASSERT_EQ(e2e::put("membership", "/v1/members/" + member(i) + "/contact",
                       {{"name", "Membre n°" + std::to_string(i) + " Éloïse"},
                        {"email", "membre" + std::to_string(i) + "@example.org"},
                        {"phone", "+33 6 12 34 56 7" + std::to_string(i)},
                        {"preferred_channel", "email"}},
                       e2e::token("member", member(i)))
                  .status,
              200);
    contacts[member(i)] =
        e2e::get("membership", "/v1/members/" + member(i) + "/contact", staff).body;
  }
  auto evaluation = e2e::post(
      "membership", "/v1/assemblies/" + seated.assembly_id + "/evaluations",
      {{"title", "Évaluation"},
       {"questions",
        {{{"id", "overall"}, {"text", "Note ?"}, {"kind", "rating"}, {"min", 1}, {"max", 5}},
         {{"id", "comments"}, {"text", "Un mot ?"}, {"kind", "text"}}}}},
      staff);
  ASSERT_EQ(evaluation.status, 201) << evaluation.body;
  const std::string ev = body_of(evaluation)["id"];
  ASSERT_EQ(
      e2e::post("membership", "/v1/evaluations/" + ev + "/open", json::object(), staff).status,
      200);
  for (int i = 0; i < 4; ++i)
    ASSERT_EQ(
        e2e::post("membership", "/v1/evaluations/" + ev + "/responses",
                  {{"answers", {{"overall", i + 2}, {"comments", "Mot " + std::to_string(i)}}}},
                  e2e::token("member", member(i)))
            .status,
        201);

  // Recommendations: a secret ballot, five votes held sealed until the close.
  auto ballot = e2e::post("recommendations", "/v1/ballots",
                          {{"assembly_id", seated.assembly_id},
                           {"question", "Adopte-t-on ?"},
                           {"rule", "simple-majority"},
                           {"quorum", 0},
                           {"secret", true},
                           {"closes_at", in_an_hour()}},
                          staff);
  ASSERT_EQ(ballot.status, 201) << ballot.body;
  const std::string ballot_id = body_of(ballot)["id"];
  const std::vector<std::string> choices = {"for", "against", "for", "abstain", "for"};
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(e2e::post("recommendations", "/v1/ballots/" + ballot_id + "/votes",
                        {{"choice", choices[i]}}, e2e::token("member", member(i)))
                  .status,
              200);

  // A new key for each service, the old one kept: the services restarted as an operator would.
  std::map<std::string, std::string> old_header;
  for (const auto& s : kSealing) old_header[s] = current_header(s);
  ASSERT_EQ(rotate(""), 0) << "ops/rotate-keys makes a new current key and restarts";
  for (const auto& s : kSealing) {
    ASSERT_NE(current_header(s), old_header[s]) << s << ": a new current key";
    for (const auto& col : kColumns.at(s))
      EXPECT_GT(values(col, old_header[s], true), 0) << col << ": still under the old key";
  }
  // Read under the old key until re-sealed: the same answers.
  EXPECT_EQ(e2e::get("sortition", mailing_list, staff).body, letters.body);
  EXPECT_EQ(e2e::get("sortition", respondents_path, staff).body, respondents.body)
      << "the respondents' contact details read back the same";

  // Re-sealed while members keep changing their contact details and staff keep reading.
  std::atomic<bool> done{false};
  std::atomic<int> calls{0};
  std::atomic<int> lost{0};
  std::vector<std::string> failures;
  // A call whose connection gave no answer at all (status 0: the test client's connection, not
  // the service's answer) is made once more and counted; every answer must be 2xx.
  auto again = [&](auto call) {
    auto r = call();
    if (r.status == 0) {
      ++lost;
      r = call();
    }
    return r;
  };
  std::thread load([&] {
    const auto writer = e2e::token("member", member(5));
    for (int n = 0; !done; ++n) {
      auto w = again([&] {
        return e2e::put("membership", "/v1/members/" + member(5) + "/contact",
                        {{"name", "Membre n°5 v" + std::to_string(n)},
                         {"address", "5 rue de Crimée, 75019 Paris"},
                         {"preferred_channel", "post"}},
                        writer);
      });
      auto r = again([&] {
        return e2e::get("membership", "/v1/members/" + member(n % 5) + "/contact", staff);
      });
      auto l = again([&] { return e2e::get("sortition", mailing_list + "?limit=50", staff); });
      auto b =
          again([&] { return e2e::get("recommendations", "/v1/ballots/" + ballot_id, staff); });
      for (const auto* a : {&w, &r, &l, &b})
        if (a->status / 100 != 2) failures.push_back(std::to_string(a->status) + " " + a->body);
      calls += 4;
    }
  });
  const auto started = std::chrono::steady_clock::now();
  const int resealed = rotate("--reseal");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  done = true;
  load.join();
  ASSERT_EQ(resealed, 0) << "ops/rotate-keys --reseal re-seals every sealed column";
  EXPECT_GT(calls.load(), 0);
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << calls << " calls failed, first "
                                << (failures.empty() ? "" : failures.front());
  EXPECT_LE(lost.load() * 100, calls.load()) << lost << " of " << calls << " calls got no answer";
  std::printf("%d of %d calls got no answer the first time and were made again\n", lost.load(),
              calls.load());
  std::printf("every sealed column re-sealed in %.2f s under load (%d calls, all 2xx)\n", seconds,
              calls.load());

  for (const auto& s : kSealing) {
    const auto now = current_header(s);
    for (const auto& col : kColumns.at(s)) {
      EXPECT_EQ(values(col, old_header[s], true), 0) << col << ": nothing under the old key";
      EXPECT_EQ(values(col, now, false), 0) << col << ": everything under the new key";
      EXPECT_GT(values(col, now, true), 0) << col;
    }
  }

  // The anchor: the same pool rows merely read and written back unchanged, by the same batches
  // (keyset pagination, 500 rows locked per transaction, each row written if unchanged).
  {
    pqxx::connection c(e2e::service_conninfo("sortition"));
    long rows = 0;
    std::string pool_after, position_after = "-1";
    const auto anchor_start = std::chrono::steady_clock::now();
    for (;;) {
      pqxx::work tx(c);
      auto batch = tx.exec_params(
          "SELECT pool_id, position, pii FROM sortition.pool_people "
          "WHERE (pool_id, position) > ($1, $2::int) AND pii IS NOT NULL "
          "ORDER BY pool_id, position LIMIT 500 FOR UPDATE SKIP LOCKED",
          pool_after, position_after);
      for (const auto& r : batch) {
        pqxx::binarystring pii(r["pii"]);
        tx.exec_params(
            "UPDATE sortition.pool_people SET pii = $3 "
            "WHERE pool_id = $1 AND position = $2 AND pii = $3",
            r["pool_id"].c_str(), r["position"].as<int>(), pii);
      }
      tx.commit();
      rows += static_cast<long>(batch.size());
      if (batch.size() < 500) break;
      pool_after = batch.back()["pool_id"].c_str();
      position_after = batch.back()["position"].c_str();
    }
    const double anchor =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - anchor_start).count();
    std::printf("anchor: %ld pool rows read and rewritten unchanged in %.2f s (%.0f rows/s)\n",
                rows, anchor, rows / anchor);
    EXPECT_GE(rows, kRoll);
  }

  // The old key removed, the services restarted: everything reads back the same.
  ASSERT_EQ(rotate("--retire"), 0) << "ops/rotate-keys --retire drops the old keys and restarts";
  EXPECT_EQ(e2e::get("sortition", mailing_list, staff).body, letters.body)
      << "identities and response codes byte-equal";
  EXPECT_EQ(e2e::get("sortition", respondents_path, staff).body, respondents.body)
      << "the respondents' contact details read back the same, re-sealed";
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(e2e::get("membership", "/v1/members/" + member(i) + "/contact", staff).body,
              contacts[member(i)]);
  auto last = body_of(e2e::get("membership", "/v1/members/" + member(5) + "/contact", staff));
  EXPECT_EQ(last["preferred_channel"], "post") << "the writes made during the re-seal are kept";
  ASSERT_EQ(
      e2e::post("membership", "/v1/evaluations/" + ev + "/close", json::object(), staff).status,
      200);
  auto results = body_of(e2e::get("membership", "/v1/evaluations/" + ev + "/results"));
  EXPECT_EQ(results["responses"], 4);
  EXPECT_DOUBLE_EQ(results["questions"][0]["mean"].get<double>(), 3.5);
  std::set<std::string> texts;
  for (const auto& t : results["questions"][1]["texts"]) texts.insert(t.get<std::string>());
  EXPECT_EQ(texts, (std::set<std::string>{"Mot 0", "Mot 1", "Mot 2", "Mot 3"}));
  auto closed =
      e2e::post("recommendations", "/v1/ballots/" + ballot_id + "/close", json::object(), staff);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(body_of(closed)["result"]["for"], 3);
  EXPECT_EQ(body_of(closed)["result"]["against"], 1);
  EXPECT_EQ(body_of(closed)["result"]["abstain"], 1);
}
