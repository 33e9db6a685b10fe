// Secret ballots and anonymous evaluations, tried as an attacker with the whole database would
// try them (the service's own login: every row, every system column): who voted must not be
// joinable to what was voted by xmin, by physical row order or by commit time. Receipts: only the
// voter (their own token and their receipt) changes their vote; a receipt is checked after the
// close and tells counted or not, never the choice. A vote acknowledged by a replica that then
// dies is counted all the same (nothing is held in a process's memory).
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <map>
#include <pqxx/pqxx>
#include <regex>
#include <set>

#include "assembly/core/time.h"
#include "assembly/testing/http_client.h"
#include "assembly/testing/process.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using e2e::body_of;
using nlohmann::json;

namespace {

std::string in_an_hour() {
  return assembly::core::utc_time(std::time(nullptr) + 3600);
}

const std::string& staff() {
  static const std::string t = e2e::token("secretariat", "staff-secret");
  return t;
}

// Six members seated, known to membership and to the recommendations service (once per run).
const e2e::SeatedSix& seated() {
  static const e2e::SeatedSix s = e2e::seat_six("secret", staff());
  return s;
}

std::string member(int i) {
  return seated().members[i]["id"];
}

std::string open_secret_ballot() {
  auto r = e2e::post("recommendations", "/v1/ballots",
                     {{"assembly_id", seated().assembly_id},
                      {"question", "Adopte-t-on la proposition ?"},
                      {"rule", "simple-majority"},
                      {"quorum", 0},
                      {"secret", true},
                      {"closes_at", in_an_hour()}},
                     staff());
  if (r.status != 201) throw std::runtime_error("open ballot: " + r.body);
  return body_of(r)["id"];
}

assembly::itest::HttpResponse vote(const std::string& ballot, int i, const std::string& choice,
                                   const std::string& receipt = "") {
  json b = {{"choice", choice}};
  if (!receipt.empty()) b["receipt"] = receipt;
  return e2e::post("recommendations", "/v1/ballots/" + ballot + "/votes", b,
                   e2e::token("member", member(i)));
}

json close_ballot(const std::string& ballot) {
  auto r =
      e2e::post("recommendations", "/v1/ballots/" + ballot + "/close", json::object(), staff());
  if (r.status != 200) throw std::runtime_error("close: " + r.body);
  return body_of(r);
}

long count(pqxx::work& tx, const std::string& sql, const std::string& id) {
  return tx.exec_params1(sql, id)[0].as<long>();
}

// The rows' column in physical order (ctid) and in the order of the column itself.
std::pair<std::vector<std::string>, std::vector<std::string>> physical_and_sorted(
    pqxx::work& tx, const std::string& sql, const std::string& id) {
  std::vector<std::string> physical;
  for (const auto& r : tx.exec_params(sql, id)) physical.push_back(r[0].as<std::string>());
  auto sorted = physical;
  std::sort(sorted.begin(), sorted.end());
  return {physical, sorted};
}

// How many (who, what) pairs an attacker's join finds for one ballot or evaluation: `marks` (m)
// and `contents` (v) share the column `key`, and `on` is the clue tried (xmin, commit time).
long joined(pqxx::work& tx, const std::string& marks, const std::string& contents,
            const std::string& key, const std::string& on, const std::string& id) {
  return count(tx,
               "SELECT count(*) FROM " + marks + " m JOIN " + contents + " v ON v." + key +
                   " = m." + key + " AND " + on + " WHERE m." + key + " = $1",
               id);
}
const std::string kSameXmin = "v.xmin = m.xmin";
const std::string kSameCommitTime =
    "pg_xact_commit_timestamp(v.xmin) = pg_xact_commit_timestamp(m.xmin)";

bool commit_timestamps_on(pqxx::work& tx) {
  return tx.exec1("SELECT current_setting('track_commit_timestamp')")[0].as<std::string>() == "on";
}

}  // namespace

TEST(SecretBallots, MarksCannotBeJoinedToVotesByXminRowOrderOrCommitTime) {
  const auto ballot = open_secret_ballot();
  const std::vector<std::string> choices = {"for", "against", "for", "abstain", "against", "for"};
  for (int i = 0; i < 6; ++i) ASSERT_EQ(vote(ballot, i, choices[i]).status, 200);

  pqxx::connection c(e2e::service_conninfo("recommendations"));
  {
    pqxx::work tx(c);
    EXPECT_EQ(count(tx, "SELECT count(*) FROM recommendations.secret_voters WHERE ballot_id = $1",
                    ballot),
              6)
        << "who voted is recorded at once";
    EXPECT_EQ(
        count(tx, "SELECT count(*) FROM recommendations.secret_votes WHERE ballot_id = $1", ballot),
        0)
        << "no vote is in clear while the ballot is open";
    // What is held until the close is sealed, every vote the same length: nothing in clear.
    std::set<long> lengths;
    for (const auto& r :
         tx.exec_params("SELECT encode(sealed, 'escape') AS s, length(sealed) AS n FROM "
                        "recommendations.secret_votes_held WHERE ballot_id = $1",
                        ballot)) {
      const auto at_rest = r["s"].as<std::string>();
      for (const char* word : {"for", "against", "abstain"})
        EXPECT_EQ(at_rest.find(word), std::string::npos) << word << " in clear";
      lengths.insert(r["n"].as<long>());
    }
    EXPECT_EQ(lengths.size(), 1u) << "a sealed vote's length does not tell its choice";
  }

  auto closed = close_ballot(ballot);
  EXPECT_EQ(closed["result"]["for"], 3);
  EXPECT_EQ(closed["result"]["against"], 2);
  EXPECT_EQ(closed["result"]["abstain"], 1);

  pqxx::work tx(c);
  EXPECT_EQ(joined(tx, "recommendations.secret_voters", "recommendations.secret_votes", "ballot_id",
                   kSameXmin, ballot),
            0)
      << "joined by xmin, a mark finds no vote";
  EXPECT_EQ(count(tx,
                  "SELECT count(DISTINCT xmin::text) FROM recommendations.secret_votes "
                  "WHERE ballot_id = $1",
                  ballot),
            1)
      << "the votes are written in one transaction: xmin (and so commit time) is one for all";
  EXPECT_EQ(count(tx, "SELECT count(*) FROM recommendations.secret_votes_held WHERE ballot_id = $1",
                  ballot),
            0)
      << "what was held is gone once released";
  // Row order: the votes lie in the order of their receipt hashes (random), not of the votes.
  auto [physical, sorted] = physical_and_sorted(
      tx,
      "SELECT receipt_hash FROM recommendations.secret_votes WHERE ballot_id = $1 ORDER BY ctid",
      ballot);
  EXPECT_EQ(physical.size(), 6u);
  EXPECT_EQ(physical, sorted) << "physical order is the order of random values";
  if (commit_timestamps_on(tx)) {
    EXPECT_EQ(joined(tx, "recommendations.secret_voters", "recommendations.secret_votes",
                     "ballot_id", kSameCommitTime, ballot),
              0)
        << "no vote committed with a mark";
  }
}

TEST(SecretBallots, OnlyTheVoterChangesTheirVoteAndOnlyWithTheirReceipt) {
  const auto ballot = open_secret_ballot();
  auto first = vote(ballot, 0, "for");
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string r0 = body_of(first)["receipt"];
  auto second = vote(ballot, 1, "against");
  ASSERT_EQ(second.status, 200) << second.body;
  const std::string r1 = body_of(second)["receipt"];

  auto stolen = vote(ballot, 1, "against", r0);
  EXPECT_EQ(stolen.status, 422) << "another member's receipt changes nothing: " << stolen.body;
  EXPECT_NE(stolen.body.find("/receipt"), std::string::npos) << stolen.body;
  auto unvoted = vote(ballot, 2, "against", r0);
  EXPECT_EQ(unvoted.status, 422) << "a member who has not voted cannot use a receipt: "
                                 << unvoted.body;
  EXPECT_EQ(vote(ballot, 0, "against", r1).status, 422) << "nor the voter someone else's";
  EXPECT_EQ(vote(ballot, 0, "against").status, 409) << "a change needs the receipt";
  auto changed = vote(ballot, 0, "abstain", r0);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(body_of(changed)["changed"], true);

  auto result = close_ballot(ballot)["result"];
  EXPECT_EQ(result["for"], 0) << "member 0 changed to abstain; nobody else changed anything";
  EXPECT_EQ(result["against"], 1);
  EXPECT_EQ(result["abstain"], 1);
}

TEST(SecretBallots, AReceiptIsCheckedAfterTheCloseAndTellsCountedNeverTheChoice) {
  const auto ballot = open_secret_ballot();
  auto cast = vote(ballot, 0, "against");
  ASSERT_EQ(cast.status, 200) << cast.body;
  const std::string receipt = body_of(cast)["receipt"];
  const auto check = [&](const std::string& r) {
    return e2e::get("recommendations", "/v1/ballots/" + ballot + "/receipts/" + r);
  };
  auto too_soon = check(receipt);
  EXPECT_EQ(too_soon.status, 409) << "nothing to show a buyer while it matters: " << too_soon.body;
  EXPECT_EQ(too_soon.body.find("against"), std::string::npos) << too_soon.body;

  close_ballot(ballot);
  auto mine = check(receipt);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(body_of(mine)["counted"], true);
  EXPECT_FALSE(body_of(mine).contains("choice")) << mine.body;
  EXPECT_EQ(mine.body.find("against"), std::string::npos) << "never the choice: " << mine.body;
  auto unknown = check(std::string(32, 'a'));
  ASSERT_EQ(unknown.status, 200) << unknown.body;
  EXPECT_EQ(body_of(unknown)["counted"], false);

  // The published votes can be recounted, but not found by a receipt.
  auto results = body_of(e2e::get("recommendations", "/v1/ballots/" + ballot + "/results"));
  ASSERT_EQ(results["votes"].size(), 1u) << results.dump();
  EXPECT_EQ(results["votes"][0]["choice"], "against");
  EXPECT_FALSE(results["votes"][0].contains("receipt_hash")) << results.dump();
  EXPECT_EQ(results.dump().find(e2e::sha256_hex(receipt)), std::string::npos) << results.dump();
}

// The trade-off of holding votes until the close: they are held sealed in the database, committed
// with the mark, so a replica that acknowledged votes and then died loses none; another replica
// releases them at the close.
TEST(SecretBallots, VotesTakenByAReplicaThatDiesAreCounted) {
  const auto ballot = open_secret_ballot();
  const int port = assembly::itest::free_port();
  std::vector<std::string> receipts;
  {
    assembly::itest::ServiceProcess replica(
        RECOMMENDATIONS_BINARY, port,
        {{"PG_CONNINFO", e2e::service_conninfo("recommendations")},
         {"PG_SCHEMA", "recommendations"},
         // Its own consumer group: killed, it holds none of the stack replica's partitions.
         {"CONSUMER_GROUP", e2e::fresh("recommendations-replica")},
         {"PII_KEY_FILE", assembly::itest::env("ROOT") + "/var/secrets/pii-recommendations.key"},
         {"LOG_LEVEL", "error"}});
    ASSERT_TRUE(replica.wait_ready(60)) << "the second replica did not get ready";
    for (int i = 0; i < 3; ++i) {
      auto r =
          assembly::itest::http("POST", replica.url() + "/v1/ballots/" + ballot + "/votes",
                                json{{"choice", i == 2 ? "against" : "for"}}.dump(),
                                {{"Authorization", "Bearer " + e2e::token("member", member(i))},
                                 {"Content-Type", "application/json"}});
      ASSERT_EQ(r.status, 200) << r.body;
      receipts.push_back(body_of(r)["receipt"]);
    }
    kill(replica.pid(), SIGKILL);  // dies at once, without closing anything
  }
  ASSERT_EQ(vote(ballot, 3, "for").status, 200);
  auto result = close_ballot(ballot)["result"];
  EXPECT_EQ(result["for"], 3) << "the dead replica's votes are counted";
  EXPECT_EQ(result["against"], 1);
  for (const auto& r : receipts)
    EXPECT_EQ(
        body_of(e2e::get("recommendations", "/v1/ballots/" + ballot + "/receipts/" + r))["counted"],
        true);
}

TEST(Evaluations, AnswersCannotBeJoinedToRespondentsByXminRowOrderOrCommitTime) {
  auto created = e2e::post("membership", "/v1/assemblies/" + seated().assembly_id + "/evaluations",
                           {{"title", "Évaluation du mandat"},
                            {"questions",
                             {{{"id", "overall"},
                               {"text", "Votre mandat ?"},
                               {"kind", "rating"},
                               {"min", 1},
                               {"max", 5}},
                              {{"id", "comments"}, {"text", "Un mot ?"}, {"kind", "text"}}}}},
                           staff());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string ev = body_of(created)["id"];
  ASSERT_EQ(
      e2e::post("membership", "/v1/evaluations/" + ev + "/open", json::object(), staff()).status,
      200);
  for (int i = 0; i < 4; ++i) {
    json answers = {{"overall", i + 1}};
    if (i % 2 == 0) answers["comments"] = "Réponse numéro " + std::string(i + 1, '!');
    auto r = e2e::post("membership", "/v1/evaluations/" + ev + "/responses", {{"answers", answers}},
                       e2e::token("member", member(i)));
    ASSERT_EQ(r.status, 201) << r.body;
  }

  pqxx::connection c(e2e::service_conninfo("membership"));
  {
    pqxx::work tx(c);
    EXPECT_EQ(count(tx,
                    "SELECT count(*) FROM membership.evaluation_respondents WHERE evaluation_id "
                    "= $1",
                    ev),
              4);
    EXPECT_EQ(
        count(tx, "SELECT count(*) FROM membership.evaluation_answers WHERE evaluation_id = $1",
              ev),
        0)
        << "no answer is in clear while the evaluation is open";
    std::set<long> lengths;
    for (const auto& r :
         tx.exec_params("SELECT encode(sealed, 'escape') AS s, length(sealed) AS n FROM "
                        "membership.evaluation_answers_held WHERE evaluation_id = $1",
                        ev)) {
      EXPECT_EQ(r["s"].as<std::string>().find("ponse num"), std::string::npos);
      lengths.insert(r["n"].as<long>());
    }
    EXPECT_EQ(lengths.size(), 1u) << "a sealed answer's length does not tell which it is";
  }
  ASSERT_EQ(
      e2e::post("membership", "/v1/evaluations/" + ev + "/close", json::object(), staff()).status,
      200);
  auto results = body_of(e2e::get("membership", "/v1/evaluations/" + ev + "/results"));
  EXPECT_EQ(results["responses"], 4);
  EXPECT_DOUBLE_EQ(results["questions"][0]["mean"].get<double>(), 2.5);
  EXPECT_EQ(results["questions"][1]["texts"].size(), 2u);

  pqxx::work tx(c);
  EXPECT_EQ(joined(tx, "membership.evaluation_respondents", "membership.evaluation_answers",
                   "evaluation_id", kSameXmin, ev),
            0)
      << "joined by xmin, a respondent finds no answer";
  EXPECT_EQ(count(tx,
                  "SELECT count(DISTINCT xmin::text) FROM membership.evaluation_answers "
                  "WHERE evaluation_id = $1",
                  ev),
            1)
      << "the answers are written in one transaction";
  EXPECT_EQ(count(tx,
                  "SELECT count(*) FROM membership.evaluation_answers_held WHERE evaluation_id = "
                  "$1",
                  ev),
            0);
  auto [physical, sorted] = physical_and_sorted(tx,
                                                "SELECT response_id FROM "
                                                "membership.evaluation_answers WHERE "
                                                "evaluation_id = $1 ORDER BY ctid",
                                                ev);
  EXPECT_EQ(physical.size(), 4u);
  EXPECT_EQ(physical, sorted) << "physical order is the order of the random response ids";
  if (commit_timestamps_on(tx)) {
    EXPECT_EQ(joined(tx, "membership.evaluation_respondents", "membership.evaluation_answers",
                     "evaluation_id", kSameCommitTime, ev),
              0);
  }
}
