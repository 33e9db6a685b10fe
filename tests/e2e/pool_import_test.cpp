// Pool imports through the sortition service's API, against the real PostgreSQL: a good file in
// parts (a line cut across parts), and every way an import must fail leaving nothing behind.
// The service runs in a throw-away schema with small limits (IMPORT_MAX_BYTES,
// IMPORT_IDLE_SECONDS).
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <pqxx/pqxx>
#include <thread>

#include "assembly/events/envelope.h"
#include "assembly/events/producer.h"
#include "assembly/membership/v1/events.pb.h"
#include "assembly/testing/http_client.h"
#include "assembly/testing/process.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using assembly::itest::http;
using nlohmann::json;

namespace {

const char* kHeader =
    "voter_id,last_name,first_names,birth_date,sex,address,postcode,arrondissement\n";

std::string row(int i, const std::string& last_name = "Dupont") {
  return "V" + std::to_string(100000 + i) + "," + last_name + ",Marie," +
         std::to_string(1940 + i % 60) + "-03-1" + std::to_string(i % 10) + "," +
         (i % 2 ? "F" : "M") + ",\"" + std::to_string(i) + ", rue de Rivoli\",75004,04\n";
}

using e2e::sha256_hex;

class PoolImport : public ::testing::Test {
 protected:
  void TearDown() override {
    service_.reset();
    assembly::itest::delete_topic(topic_);
  }
  void SetUp() override {
    start_service();
    token_ = e2e::token("secretariat", "secretariat-1");
  }
  void start_service() {
    service_.reset();
    service_ = std::make_unique<assembly::itest::ServiceProcess>(
        SORTITION_BINARY, assembly::itest::free_port(),
        e2e::sortition_env(schema_.name(), topic_,
                           {{"IMPORT_MAX_BYTES", "200000"},
                            {"IMPORT_IDLE_SECONDS", "2"},
                            {"POOL_RETENTION_CHECK_SECONDS", "1"},
                            {"RESPONSES_PER_MINUTE", "100000"}}));
    ASSERT_TRUE(service_->wait_ready()) << "sortition did not get ready";
  }

  assembly::itest::HttpResponse call(const std::string& method, const std::string& path,
                                     const std::string& body = {},
                                     const std::string& type = "application/json") {
    return http(method, service_->url() + path, body,
                {{"Authorization", "Bearer " + token_}, {"Content-Type", type}});
  }
  // Creates a pool; returns the import id.
  std::string start(const std::string& name = "roll", const std::string& mandate_end = "") {
    json body = {{"name", name}, {"kind", "roll"}};
    if (!mandate_end.empty()) body["mandate_end"] = mandate_end;
    auto r = call("POST", "/v1/pools", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body)["import"]["id"];
  }
  assembly::itest::HttpResponse part(const std::string& id, int n, const std::string& bytes) {
    return call("PUT", "/v1/pool-imports/" + id + "/parts/" + std::to_string(n), bytes, "text/csv");
  }
  assembly::itest::HttpResponse complete(const std::string& id, int parts) {
    return call("POST", "/v1/pool-imports/" + id + "/complete", json{{"parts", parts}}.dump());
  }
  long scalar(const std::string& sql) {
    pqxx::connection c(assembly::itest::pg_conninfo());
    pqxx::nontransaction tx(c);
    tx.exec("SET search_path TO " + tx.quote_name(schema_.name()));
    return tx.exec(sql)[0][0].as<long>();
  }
  // Nothing of a failed import stays: no partition, no rows, the pool failed.
  void expect_nothing_left(const std::string& import_id) {
    auto job = json::parse(call("GET", "/v1/pool-imports/" + import_id).body);
    EXPECT_EQ(job["state"], "failed");
    std::string pool_id = job["pool_id"];
    EXPECT_EQ(scalar("SELECT count(*) FROM pool_people"), 0);
    EXPECT_EQ(scalar("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND "
                     "tablename LIKE 'pool_people_%'"),
              0);
    EXPECT_EQ(json::parse(call("GET", "/v1/pools/" + pool_id).body)["state"], "failed");
  }

  assembly::itest::TempSchema schema_{"pools"};
  std::string topic_ = assembly::itest::create_topic("sortition-test", 1);
  std::unique_ptr<assembly::itest::ServiceProcess> service_;
  std::string token_;
};

}  // namespace

TEST_F(PoolImport, AFileInPartsWithALineCutAcrossThemIsImportedSealedAndHashed) {
  std::string file = kHeader;
  for (int i = 0; i < 300; ++i) file += row(i, i == 7 ? "Zyxwvutsrq" : "Dupont");
  auto id = start();
  // Three parts, cut in the middle of lines (and without a final line end).
  file.pop_back();
  const auto a = file.size() / 3 + 5, b = 2 * file.size() / 3 + 11;
  EXPECT_EQ(part(id, 1, file.substr(0, a)).status, 200);
  auto again = part(id, 1, file.substr(0, a));
  EXPECT_EQ(again.status, 200) << "the same part sent again is answered as before";
  EXPECT_EQ(part(id, 3, file.substr(b)).status, 409) << "parts come in order";
  EXPECT_EQ(part(id, 2, file.substr(a, b - a)).status, 200);
  EXPECT_EQ(part(id, 3, file.substr(b)).status, 200);
  auto done = complete(id, 3);
  ASSERT_EQ(done.status, 200) << done.body;
  auto job = json::parse(done.body);
  EXPECT_EQ(job["state"], "succeeded");
  EXPECT_EQ(job["rows_read"], 300);
  auto pool = json::parse(call("GET", "/v1/pools/" + std::string(job["pool_id"])).body);
  EXPECT_EQ(pool["state"], "ready");
  EXPECT_EQ(pool["row_count"], 300);

  auto snapshot = call("GET", "/v1/pools/" + std::string(job["pool_id"]) + "/snapshot");
  ASSERT_EQ(snapshot.status, 200);
  EXPECT_EQ(sha256_hex(snapshot.body), pool["snapshot_sha256"])
      << "the snapshot is what the hash names";
  EXPECT_EQ(snapshot.body.substr(0, 40), "person_id,sex,birth_year,arrondissement\n");
  EXPECT_EQ(std::count(snapshot.body.begin(), snapshot.body.end(), '\n'), 301);
  EXPECT_EQ(snapshot.body.find("V100007"), std::string::npos) << "no voter id in the snapshot";
  EXPECT_EQ(snapshot.body.find("Zyxwvutsrq"), std::string::npos);

  // At rest: names, addresses, birth dates and voter ids appear nowhere in clear.
  EXPECT_EQ(scalar("SELECT count(*) FROM pool_people"), 300);
  EXPECT_EQ(scalar("SELECT count(*) FROM pool_people WHERE position(convert_to('Zyxwvutsrq', "
                   "'UTF8') IN pii) > 0 "
                   "OR position(convert_to('Rivoli', 'UTF8') IN pii) > 0 OR "
                   "position(convert_to('V100007', 'UTF8') IN pii) > 0 "
                   "OR position(convert_to('1947-03-17', 'UTF8') IN pii) > 0"),
            0);
  EXPECT_EQ(scalar("SELECT count(DISTINCT household) FROM pool_people"), 300);
  EXPECT_EQ(scalar("SELECT count(*) FROM pool_people WHERE person_id LIKE 'V1%'"), 0);
}

TEST_F(PoolImport, InvalidRowsFailTheJobWithTheirLinesAndLeaveNothing) {
  std::string file = kHeader;
  for (int i = 0; i < 50; ++i) file += row(i);
  file += "V9,Dupont,Marie,1980-02-30,F,1 rue X,75004,04\n";   // line 52: no such date
  file += "V10,Dupont,Marie,1980-01-01,F,1 rue X,75004\n";     // line 53: 7 columns
  file += "V11,Du\xff,Marie,1980-01-01,F,1 rue X,75004,04\n";  // line 54: not UTF-8
  file += "V12,,Marie,1980-01-01,F,1 rue X,75004,04\n";        // line 55: missing last name
  auto id = start();
  auto r = part(id, 1, file);
  ASSERT_EQ(r.status, 422) << r.body;
  auto problem = json::parse(r.body);
  ASSERT_EQ(problem["errors"].size(), 4u) << r.body;
  EXPECT_EQ(problem["errors"][0]["line"], 52);
  EXPECT_EQ(problem["errors"][0]["column"], "birth_date");
  EXPECT_EQ(problem["errors"][1]["line"], 53);
  EXPECT_EQ(problem["errors"][2]["line"], 54);
  EXPECT_EQ(problem["errors"][3]["line"], 55);
  EXPECT_EQ(problem["errors"][3]["column"], "last_name");
  EXPECT_EQ(r.body.find("1980-02-30"), std::string::npos) << "no value is repeated: " << r.body;
  EXPECT_EQ(scalar("SELECT count(*) FROM pool_imports WHERE errors::text LIKE '%1980-02-30%'"), 0)
      << "the birth date is not kept with the job";
  expect_nothing_left(id);
  EXPECT_EQ(part(id, 2, row(99)).status, 409) << "a failed job takes no more parts";
}

TEST_F(PoolImport, ADuplicateVoterIdWithinOrAcrossPartsFailsTheJob) {
  auto id = start();
  EXPECT_EQ(part(id, 1, std::string(kHeader) + row(1) + row(2)).status, 200);
  auto r = part(id, 2, row(3) + row(1));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("duplicate voter id"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"line\":5"), std::string::npos) << r.body;
  expect_nothing_left(id);

  auto second = start("second");
  r = part(second, 1, std::string(kHeader) + row(1) + row(2) + row(1));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("also on line 2"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("V100001"), std::string::npos) << "no voter id is repeated: " << r.body;
  EXPECT_EQ(scalar("SELECT count(*) FROM pool_imports WHERE errors::text LIKE '%V1000%'"), 0)
      << "no voter id is kept with the job";
  expect_nothing_left(second);
}

TEST_F(PoolImport, ACutUploadFailsWhetherAnnouncedOrIdle) {
  std::string file = kHeader;
  for (int i = 0; i < 20; ++i) file += row(i);
  auto id = start();
  EXPECT_EQ(part(id, 1, file).status, 200);
  auto r = complete(id, 2);
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("2 parts announced, 1 received"), std::string::npos) << r.body;
  expect_nothing_left(id);

  auto idle = start("idle");
  EXPECT_EQ(part(idle, 1, file).status, 200);
  EXPECT_TRUE(e2e::eventually(
      [&] {
        return json::parse(call("GET", "/v1/pool-imports/" + idle).body)["state"] == "failed";
      },
      std::chrono::seconds(30)))
      << "an upload that stops fails by itself";
  EXPECT_NE(call("GET", "/v1/pool-imports/" + idle).body.find("upload interrupted"),
            std::string::npos);
  expect_nothing_left(idle);
}

TEST_F(PoolImport, AFileOverTheSizeLimitFailsAndLeavesNothing) {
  std::string chunk;
  for (int i = 0; i < 1500; ++i) chunk += row(i);  // ~100 kB
  auto id = start();
  EXPECT_EQ(part(id, 1, kHeader + chunk.substr(0, chunk.size() / 2)).status, 200);
  auto r = part(
      id, 2, chunk.substr(chunk.size() / 2) + chunk + chunk);  // 250 kB in all, the limit is 200 kB
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_NE(r.body.find("over the limit"), std::string::npos);
  expect_nothing_left(id);
}

TEST_F(PoolImport, OnlyTheSecretariatImportsAndBadRequestsNameTheField) {
  auto body = json{{"name", "roll"}, {"kind", "roll"}}.dump();
  EXPECT_EQ(
      http("POST", service_->url() + "/v1/pools", body, {{"Content-Type", "application/json"}})
          .status,
      401);
  EXPECT_EQ(http("POST", service_->url() + "/v1/pools", body,
                 {{"Content-Type", "application/json"},
                  {"Authorization", "Bearer " + e2e::token("member", "member-m1")}})
                .status,
            403);
  auto r = call("POST", "/v1/pools", json{{"name", "roll"}, {"kind", "voters"}}.dump());
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("/kind"), std::string::npos);
  auto id = start();
  EXPECT_EQ(call("PUT", "/v1/pool-imports/" + id + "/parts/x", "a", "text/csv").status, 400);
  EXPECT_EQ(call("GET", "/v1/pool-imports/00000000-0000-0000-0000-000000000000").status, 404);
  EXPECT_EQ(scalar("SELECT count(*) FROM pools"), 1);
}

namespace {

std::string run_capture(const std::string& cmd, int& rc) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  while (fgets(buf, sizeof buf, p)) out += buf;
  int status = pclose(p);
  rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

class InvitationDraw : public PoolImport {
 protected:
  // A generated roll of `rows` people imported in one part; returns the pool id.
  std::string import_generated(int rows, const std::string& mandate_end = "") {
    int rc = 0;
    auto csv = run_capture(
        assembly::itest::env("ROOT") + "/ops/gen-roll --rows " + std::to_string(rows) + " --seed 7",
        rc);
    EXPECT_EQ(rc, 0);
    auto id = start("roll", mandate_end);
    EXPECT_EQ(part(id, 1, csv).status, 200);
    auto done = complete(id, 1);
    EXPECT_EQ(done.status, 200) << done.body;
    csv_ = csv;
    return json::parse(done.body)["pool_id"];
  }
  // A pool of `file`'s people, all invited and drawn; returns the draw id.
  std::string draw_all(const std::string& file, int people, const std::string& seed) {
    auto id = start();
    EXPECT_EQ(part(id, 1, file).status, 200);
    auto done = complete(id, 1);
    EXPECT_EQ(done.status, 200) << done.body;
    auto r = call("POST", "/v1/invitation-draws",
                  json{{"assembly_id", "small"},
                       {"pool_id", json::parse(done.body)["pool_id"]},
                       {"invited", people},
                       {"seed_commitment", sha256_hex(seed)}}
                      .dump());
    EXPECT_EQ(r.status, 201) << r.body;
    std::string draw_id = json::parse(r.body)["id"];
    EXPECT_EQ(call("POST", "/v1/invitation-draws/" + draw_id + "/draw", json{{"seed", seed}}.dump())
                  .status,
              200);
    return draw_id;
  }
  std::string csv_;
};

}  // namespace

// Names and addresses come from the electoral roll as they are: one that starts like a
// spreadsheet formula is defused in the mailing list (a leading apostrophe, inside the quotes),
// so opening the export in a spreadsheet runs nothing.
TEST_F(InvitationDraw, TheMailingListDefusesSpreadsheetFormulas) {
  const std::vector<std::string> names = {"\"=HYPERLINK(\"\"http://x.example\"\",\"\"Dupont\"\")\"",
                                          "+33 1 23 45", "-2+3", "@SUM(A1)"};
  std::string file = kHeader;
  for (int i = 0; i < 20; ++i) file += row(i, names[i % names.size()]);
  auto draw_id = draw_all(file, 20, "formulas-seed");
  auto mail = call("GET", "/v1/invitation-draws/" + draw_id + "/mailing-list");
  ASSERT_EQ(mail.status, 200);
  EXPECT_EQ(std::count(mail.body.begin(), mail.body.end(), '\n'), 21);
  for (const char* start : {"=", "+", "-", "@"}) {
    EXPECT_EQ(mail.body.find(std::string(",\"") + start), std::string::npos) << mail.body;
    EXPECT_EQ(mail.body.find(std::string("\n\"") + start), std::string::npos) << mail.body;
  }
  for (const char* cell : {",\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Dupont\"\")\",",
                           ",\"'+33 1 23 45\",", ",\"'-2+3\",", ",\"'@SUM(A1)\","})
    EXPECT_NE(mail.body.find(cell), std::string::npos) << cell << "\n" << mail.body;
}

// The letters' codes are ~50 bits: what the database keeps of them is a keyed hash (the
// service's key), so a copy of the database alone cannot be searched for them. An unknown code
// and a code already used get the same answer: guessing learns nothing of which codes exist.
TEST_F(InvitationDraw, CodesAreKeptKeyedAndUnknownOrUsedCodesGetOneAnswer) {
  std::string file = kHeader;
  for (int i = 0; i < 5; ++i) file += row(i);
  auto draw_id = draw_all(file, 5, "codes-seed");
  auto mail = call("GET", "/v1/invitation-draws/" + draw_id + "/mailing-list").body;
  std::vector<std::string> codes;
  for (auto at = mail.find("\n\""); at != std::string::npos; at = mail.find("\n\"", at + 1))
    codes.push_back(mail.substr(at + 2, 11));
  ASSERT_EQ(codes.size(), 5u) << mail;
  for (const auto& code : codes) {
    auto plain = code.substr(0, 5) + code.substr(6);
    EXPECT_EQ(
        scalar("SELECT count(*) FROM invitations WHERE code_sha256 = '" + sha256_hex(plain) + "'"),
        0)
        << "the code's plain SHA-256 is not stored";
  }
  auto answer = [&](const std::string& code) {
    return http("POST", service_->url() + "/v1/responses",
                json{{"code", code},
                     {"criteria", {{"gender", "F"}}},
                     {"consent", true},
                     {"contact", {{"email", "r@example.fr"}}}}
                    .dump(),
                {{"Content-Type", "application/json"}});
  };
  ASSERT_EQ(answer(codes[0]).status, 201);
  auto used = answer(codes[0]);
  auto unknown = answer("22222-22222");
  EXPECT_EQ(used.status, 404);
  EXPECT_EQ(unknown.status, used.status);
  EXPECT_EQ(json::parse(unknown.body)["detail"], json::parse(used.body)["detail"]);
  ASSERT_EQ(answer(codes[1]).status, 201) << "a good code still answers";

  // A code stored by an earlier version (its plain SHA-256) is re-keyed when the service starts,
  // and still answers.
  const auto plain = codes[2].substr(0, 5) + codes[2].substr(6);
  scalar("WITH u AS (UPDATE invitations SET code_sha256 = '" + sha256_hex(plain) +
         "' WHERE code_sha256 LIKE 'k1:%' AND draw_id = '" + draw_id +
         "' AND person_id = (SELECT person_id FROM invitations WHERE draw_id = '" + draw_id +
         "' AND rank = 2) RETURNING 1) SELECT count(*) FROM u");
  ASSERT_EQ(scalar("SELECT count(*) FROM invitations WHERE code_sha256 NOT LIKE 'k1:%'"), 1);
  start_service();
  EXPECT_TRUE(e2e::eventually(
      [&] {
        return scalar("SELECT count(*) FROM invitations WHERE code_sha256 NOT LIKE 'k1:%'") == 0;
      },
      std::chrono::seconds(20)));
  EXPECT_EQ(answer(codes[2]).status, 201);
}

TEST_F(InvitationDraw, ACommittedSeedDrawIsPublicAndAnyoneCanRedoItWithTheSnapshot) {
  auto pool_id = import_generated(2000);
  const std::string seed = "tirage-au-sort-2022-huissier";
  auto r = call("POST", "/v1/invitation-draws",
                json{{"assembly_id", "paris-2022"},
                     {"pool_id", pool_id},
                     {"invited", 400},
                     {"stratify_by", "arrondissement"},
                     {"seed_commitment", sha256_hex(seed)}}
                    .dump());
  ASSERT_EQ(r.status, 201) << r.body;
  std::string draw_id = json::parse(r.body)["id"];
  auto pub = http("GET", service_->url() + "/v1/invitation-draws/" + draw_id);
  ASSERT_EQ(pub.status, 200) << "the commitment is public before the draw";
  EXPECT_EQ(json::parse(pub.body)["seed_commitment"], sha256_hex(seed));
  EXPECT_TRUE(json::parse(pub.body)["seed"].is_null());

  EXPECT_EQ(call("GET", "/v1/invitation-draws/" + draw_id + "/mailing-list").status, 409)
      << "not drawn yet";
  auto wrong = call("POST", "/v1/invitation-draws/" + draw_id + "/draw",
                    json{{"seed", "another-seed-entirely"}}.dump());
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("/seed"), std::string::npos);
  auto made =
      call("POST", "/v1/invitation-draws/" + draw_id + "/draw", json{{"seed", seed}}.dump());
  ASSERT_EQ(made.status, 200) << made.body;
  auto draw = json::parse(made.body);
  EXPECT_EQ(draw["state"], "drawn");
  EXPECT_EQ(draw["seed"], seed);
  EXPECT_EQ(
      call("POST", "/v1/invitation-draws/" + draw_id + "/draw", json{{"seed", seed}}.dump()).status,
      409)
      << "a draw is made once";
  long seats = 0;
  for (const auto& s : draw["strata"]) seats += s["seats"].get<long>();
  EXPECT_EQ(seats, 400);

  // Offline: the snapshot and the seed give the same invitees and hashes.
  auto pool = json::parse(call("GET", "/v1/pools/" + pool_id).body);
  auto snapshot = call("GET", "/v1/pools/" + pool_id + "/snapshot");
  ASSERT_EQ(snapshot.status, 200);
  char path[] = "/tmp/snapshot-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_EQ(write(fd, snapshot.body.data(), snapshot.body.size()),
            static_cast<ssize_t>(snapshot.body.size()));
  close(fd);
  int rc = 0;
  auto out =
      run_capture(std::string(SORTITION_VERIFY_BINARY) + " --snapshot " + path + " --seed '" +
                      seed + "' --count 400 --stratify-by arrondissement --expect-snapshot-hash " +
                      std::string(pool["snapshot_sha256"]) + " --expect-result-hash " +
                      std::string(draw["result_sha256"]),
                  rc);
  std::remove(path);
  EXPECT_EQ(rc, 0) << out;
  auto invitees =
      json::parse(call("GET", "/v1/invitation-draws/" + draw_id + "/invitees").body)["items"];
  ASSERT_EQ(invitees.size(), 400u);
  for (const auto& id : invitees)
    EXPECT_NE(out.find(std::string(id) + "\n"), std::string::npos) << id;

  // The mailing list opens the sealed names for the secretariat only, and each export is recorded.
  EXPECT_EQ(http("GET", service_->url() + "/v1/invitation-draws/" + draw_id + "/mailing-list", {},
                 {{"Authorization", "Bearer " + e2e::token("member", "member-m1")}})
                .status,
            403);
  auto mail = call("GET", "/v1/invitation-draws/" + draw_id + "/mailing-list");
  ASSERT_EQ(mail.status, 200);
  EXPECT_EQ(std::count(mail.body.begin(), mail.body.end(), '\n'), 401);
  auto second_line = mail.body.substr(mail.body.find('\n') + 1);
  second_line = second_line.substr(0, second_line.find('\n'));
  auto last_name =
      second_line.substr(15, second_line.find('"', 15) - 15);  // "XXXXX-XXXXX","Name",...
  EXPECT_NE(csv_.find("," + last_name + ","), std::string::npos) << second_line;
  EXPECT_EQ(scalar("SELECT count(*) FROM pii_reads WHERE subject = '" + draw_id +
                   "' AND actor = '" + e2e::subject_of(token_) + "'"),
            1);

  // By pages: the invitees 150 at a time, each page linking the next with the same query; the
  // pages together are the whole list, in order.
  json paged = json::array();
  std::string next = "/v1/invitation-draws/" + draw_id + "/invitees?limit=150";
  std::vector<std::size_t> sizes;
  while (!next.empty()) {
    auto page = call("GET", next);
    ASSERT_EQ(page.status, 200) << page.body;
    auto body = json::parse(page.body);
    sizes.push_back(body["items"].size());
    for (const auto& id : body["items"]) paged.push_back(id);
    auto link = page.headers.count("link") ? page.headers.at("link") : std::string();
    if (body["next_cursor"].is_null()) {
      EXPECT_TRUE(link.empty()) << link;
      next.clear();
    } else {
      ASSERT_EQ(link.front(), '<') << link;
      next = link.substr(1, link.find('>') - 1);
      EXPECT_NE(next.find("limit=150"), std::string::npos) << next;
      EXPECT_NE(next.find("cursor=" + std::string(body["next_cursor"])), std::string::npos);
      EXPECT_NE(link.find("rel=\"next\""), std::string::npos) << link;
    }
    ASSERT_LE(sizes.size(), 4u) << "the pages must end";
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{150, 150, 100}));
  EXPECT_EQ(paged, invitees);
  // A limit above the cap, or a cursor this list did not give, is refused naming the parameter.
  auto over = call("GET", "/v1/invitation-draws/" + draw_id + "/invitees?limit=5001");
  EXPECT_EQ(over.status, 400);
  EXPECT_NE(over.body.find("\"limit\""), std::string::npos) << over.body;
  auto forged = call("GET", "/v1/invitation-draws/" + draw_id + "/invitees?cursor=bm90LWEtcmFuaw");
  EXPECT_EQ(forged.status, 400);
  EXPECT_NE(forged.body.find("\"cursor\""), std::string::npos) << forged.body;
  // The mailing list by pages too: a header line on each, every letter once.
  auto first = call("GET", "/v1/invitation-draws/" + draw_id + "/mailing-list?limit=300");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(std::count(first.body.begin(), first.body.end(), '\n'), 301);
  ASSERT_TRUE(first.headers.count("link"));
  auto link = first.headers.at("link");
  auto rest = call("GET", link.substr(1, link.find('>') - 1));
  ASSERT_EQ(rest.status, 200);
  EXPECT_EQ(std::count(rest.body.begin(), rest.body.end(), '\n'), 101);
  EXPECT_FALSE(rest.headers.count("link"));
  EXPECT_EQ(first.body + rest.body.substr(rest.body.find('\n') + 1), mail.body);
}

TEST_F(InvitationDraw, BadCommitmentsAreRefusedNamingTheField) {
  auto pool_id = import_generated(100);
  auto post = [&](json b) { return call("POST", "/v1/invitation-draws", b.dump()); };
  json good = {{"assembly_id", "a"},
               {"pool_id", pool_id},
               {"invited", 10},
               {"seed_commitment", sha256_hex("s3cret-seed")}};
  auto b = good;
  b["invited"] = 101;
  EXPECT_NE(post(b).body.find("/invited"), std::string::npos);
  b = good;
  b["seed_commitment"] = "not-a-hash";
  EXPECT_EQ(post(b).status, 422);
  b = good;
  b["stratify_by"] = "last_name";
  EXPECT_NE(post(b).body.find("/stratify_by"), std::string::npos);
  b = good;
  b["pool_id"] = "00000000-0000-0000-0000-000000000000";
  EXPECT_NE(post(b).body.find("/pool_id"), std::string::npos);
  // Every field at fault is named at once (RFC 9457 `errors`), not only the first.
  auto all = post(json{{"invited", 0}, {"seed_commitment", "not-a-hash"}, {"stratify_by", "x"}});
  EXPECT_EQ(all.status, 422);
  auto problem = json::parse(all.body);
  EXPECT_EQ(problem["type"], "/problems/unprocessable-entity");
  std::vector<std::string> pointers;
  for (const auto& e : problem["errors"]) pointers.push_back(e["pointer"]);
  EXPECT_EQ(pointers, (std::vector<std::string>{"/assembly_id", "/pool_id", "/invited",
                                                "/seed_commitment", "/stratify_by"}))
      << all.body;
  EXPECT_EQ(scalar("SELECT count(*) FROM invitation_draws"), 0);
  EXPECT_EQ(post(good).status, 201);
}

namespace {

// The whole sortition chain on a small pool: invitations, answers with the letters' codes, a quota
// set, a selection run by the worker, its public record, and replacements on request and from
// membership's MemberDeclined over the real broker.
class Selection : public InvitationDraw {
 protected:
  static std::map<std::string, std::string> criteria_of(int i) {
    static const char* bands[] = {"18-34", "35-59", "60+"};
    return {{"gender", i % 2 ? "F" : "M"},
            {"age_band", bands[i % 3]},
            {"diploma", i % 4 ? "bac+" : "none"}};
  }
  static std::string quotas() {
    return "feature,value,min,max\n"
           "gender,F,9,11\ngender,M,9,11\n"
           "age_band,18-34,5,8\nage_band,35-59,5,8\nage_band,60+,5,8\n"
           "diploma,none,3,6\ndiploma,bac+,14,17\n";
  }
};

}  // namespace

TEST_F(Selection, RespondentsAreDrawnUnderQuotasAndLeaversAreReplacedKeepingThem) {
  auto pool_id = import_generated(600);
  const std::string seed = "invitations-seed-2022";
  auto draw = json::parse(call("POST", "/v1/invitation-draws",
                               json{{"assembly_id", "sel"},
                                    {"pool_id", pool_id},
                                    {"invited", 200},
                                    {"seed_commitment", sha256_hex(seed)}}
                                   .dump())
                              .body);
  std::string draw_id = draw["id"];
  ASSERT_EQ(
      call("POST", "/v1/invitation-draws/" + draw_id + "/draw", json{{"seed", seed}}.dump()).status,
      200);
  auto mail = call("GET", "/v1/invitation-draws/" + draw_id + "/mailing-list").body;
  std::vector<std::string> codes;
  for (std::size_t at = mail.find("\n\""); at != std::string::npos; at = mail.find("\n\"", at + 1))
    codes.push_back(mail.substr(at + 2, 11));
  ASSERT_EQ(codes.size(), 200u);

  // 120 answer with their code (public route), one of them by phone through the secretariat.
  for (int i = 0; i < 120; ++i) {
    json answer = {{"code", codes[i]},
                   {"criteria", criteria_of(i)},
                   {"consent", true},
                   {"contact", {{"email", "r@example.fr"}}}};
    auto r = i == 0
                 ? call("POST", "/v1/invitation-draws/" + draw_id + "/respondents", answer.dump())
                 : http("POST", service_->url() + "/v1/responses", answer.dump(),
                        {{"Content-Type", "application/json"}});
    ASSERT_EQ(r.status, 201) << i << " " << r.body;
  }
  auto again = http("POST", service_->url() + "/v1/responses",
                    json{{"code", codes[5]},
                         {"criteria", criteria_of(5)},
                         {"consent", true},
                         {"contact", {{"email", "r@example.fr"}}}}
                        .dump(),
                    {{"Content-Type", "application/json"}});
  EXPECT_EQ(again.status, 404) << "one answer per invitation (said as for an unknown code)";
  auto unknown = http("POST", service_->url() + "/v1/responses",
                      json{{"code", "22222-22222"},
                           {"criteria", criteria_of(1)},
                           {"consent", true},
                           {"contact", {{"email", "r@example.fr"}}}}
                          .dump(),
                      {{"Content-Type", "application/json"}});
  EXPECT_EQ(unknown.status, 404);
  auto no_consent =
      http("POST", service_->url() + "/v1/responses",
           json{{"code", codes[150]}, {"criteria", criteria_of(1)}, {"consent", false}}.dump(),
           {{"Content-Type", "application/json"}});
  EXPECT_EQ(no_consent.status, 422);
  EXPECT_NE(no_consent.body.find("/consent"), std::string::npos);
  auto respondents =
      json::parse(call("GET", "/v1/invitation-draws/" + draw_id + "/respondents").body)["items"];
  ASSERT_EQ(respondents.size(), 120u);
  std::map<std::string, json> criteria_by_person;
  for (const auto& r : respondents) criteria_by_person[r["person_id"]] = r["criteria"];
  // A withdrawn answer is kept as withdrawn and not drawn.
  std::string withdrawn_person = respondents[3]["person_id"];
  auto w = call("POST", "/v1/respondents/" + std::string(respondents[3]["id"]) + "/withdraw", "{}");
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(json::parse(w.body)["state"], "withdrawn");

  // Quotas: a bad file names its line; a good one is exported back in the same layout.
  auto bad = call("POST", "/v1/quota-sets",
                  json{{"assembly_id", "sel"},
                       {"name", "q"},
                       {"seat_pools",
                        {{{"pool", "roll"},
                          {"seats", 20},
                          {"quotas_csv", "feature,value,min,max\ngender,F,9,x\n"}}}}}
                      .dump());
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("line 2"), std::string::npos) << bad.body;
  auto qs = call("POST", "/v1/quota-sets",
                 json{{"assembly_id", "sel"},
                      {"name", "q"},
                      {"seat_pools", {{{"pool", "roll"}, {"seats", 20}, {"quotas_csv", quotas()}}}}}
                     .dump());
  ASSERT_EQ(qs.status, 201) << qs.body;
  std::string quota_set_id = json::parse(qs.body)["id"];
  auto exported = call("GET", "/v1/quota-sets/" + quota_set_id + "/seat-pools/roll/quotas.csv");
  EXPECT_EQ(exported.body, quotas());

  // The selection: committed, drawn off the request path, recorded.
  const std::string panel_seed = "panel-seed-11-mars";
  auto sel = call("POST", "/v1/selections",
                  json{{"assembly_id", "sel"},
                       {"quota_set_id", quota_set_id},
                       {"invitation_draw_ids", {draw_id}},
                       {"seed_commitment", sha256_hex(panel_seed)}}
                      .dump());
  ASSERT_EQ(sel.status, 201) << sel.body;
  std::string selection_id = json::parse(sel.body)["id"];
  EXPECT_EQ(call("POST", "/v1/selections/" + selection_id + "/draw",
                 json{{"seed", "not-the-seed"}}.dump())
                .status,
            422);
  EXPECT_EQ(
      call("POST", "/v1/selections/" + selection_id + "/draw", json{{"seed", panel_seed}}.dump())
          .status,
      202);
  json done;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        done = json::parse(call("GET", "/v1/selections/" + selection_id).body);
        return done["state"] != "queued" && done["state"] != "running";
      },
      std::chrono::seconds(30)));
  ASSERT_EQ(done["state"], "done") << done.dump();
  ASSERT_EQ(done["panel"].size(), 20u);
  EXPECT_EQ(done["requested_algorithm"], "leximin") << "LEXIMIN is the default";
  EXPECT_EQ(done["algorithm"], "leximin/1");
  for (const auto& p : done["panel"])
    EXPECT_GT(p["probability"].get<double>(), 0) << "each member's probability";
  auto check_quotas = [&](const json& panel) {
    std::map<std::string, int> count;
    int seated = 0;
    for (const auto& p : panel) {
      if (!p["seated"].get<bool>()) continue;
      ++seated;
      EXPECT_NE(p["person_id"], withdrawn_person) << "a withdrawn answer is not drawn";
      for (const auto& [k, v] : criteria_by_person.at(p["person_id"]).items())
        ++count[k + "=" + v.get<std::string>()];
    }
    EXPECT_EQ(seated, 20);
    EXPECT_TRUE(count["gender=F"] >= 9 && count["gender=F"] <= 11) << count["gender=F"];
    for (const char* b : {"age_band=18-34", "age_band=35-59", "age_band=60+"})
      EXPECT_TRUE(count[b] >= 5 && count[b] <= 8) << b << " " << count[b];
    EXPECT_TRUE(count["diploma=none"] >= 3 && count["diploma=none"] <= 6);
  };
  check_quotas(done["panel"]);
  // Everyone else, in reserve order, but housemates of members (the generated roll has households).
  EXPECT_LE(done["reserve"].size(), 99u);
  EXPECT_GE(done["reserve"].size(), 80u);
  for (const auto& r : done["reserve"])
    for (const auto& p : done["panel"]) EXPECT_NE(r["person_id"], p["person_id"]);

  auto record = http("GET", service_->url() + "/v1/selections/" + selection_id + "/record");
  ASSERT_EQ(record.status, 200) << "the record is public";
  auto rec = json::parse(record.body);
  EXPECT_EQ(rec["seed"], panel_seed);
  EXPECT_EQ(rec["seed_commitment"], sha256_hex(panel_seed));
  EXPECT_EQ(rec["seat_pools"][0]["respondents"], 119);
  EXPECT_EQ(rec["seat_pools"][0]["categories"][0]["values"][0]["min"], 9);
  ASSERT_EQ(rec["invitation_draws"].size(), 1u);
  EXPECT_EQ(rec["invitation_draws"][0]["pool_size"], 600);
  EXPECT_EQ(rec["invitation_draws"][0]["invited"], 200);
  EXPECT_EQ(rec["invitation_draws"][0]["respondents"], 119);
  // The fairness of the draw, public: LEXIMIN ran, no fallback, the minimum probability with its
  // proof's bound, the mean per quota value (the expected seats of a value add up to its share).
  const auto& fairness = rec["seat_pools"][0]["fairness"];
  EXPECT_EQ(fairness["algorithm"], "leximin");
  EXPECT_TRUE(fairness["fallbacks"].empty());
  const double lowest = fairness["min_probability"];
  EXPECT_GT(lowest, 0.0);
  EXPECT_LE(lowest, 20.0 / 119 + 1e-9);
  EXPECT_NEAR(fairness["certificate_bound"].get<double>(), lowest, 1e-6);
  double expected_women = 0;
  for (const auto& v : fairness["by_value"])
    if (v["category"] == "gender" && v["value"] == "F")
      expected_women = v["mean_probability"].get<double>() * v["respondents"].get<int>();
  EXPECT_GE(expected_women, 9 - 1e-6);
  EXPECT_LE(expected_women, 11 + 1e-6);
  // The printable record's former address leads to the record's page on the site.
  auto moved = http("GET", service_->url() + "/v1/selections/" + selection_id + "/record.html");
  ASSERT_EQ(moved.status, 301) << moved.body;
  EXPECT_EQ(moved.headers["location"], "/tirages/" + selection_id);
  auto html = http("GET", service_->url() + "/tirages/" + selection_id);
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("<html lang=\"fr\""), std::string::npos);
  EXPECT_NE(html.body.find(panel_seed), std::string::npos);
  EXPECT_NE(html.body.find("Équité du tirage"), std::string::npos);
  EXPECT_NE(html.body.find("leximin"), std::string::npos);
#ifdef A11Y_CHECKER
  // The record in a real browser, reached by its former address: WCAG 2.1 AA by axe, every stop
  // reachable by keyboard.
  const std::string cmd = "node " A11Y_CHECKER " '" + service_->url() + "/v1/selections/" +
                          selection_id + "/record.html' --lang fr --expect 'Équité du tirage' 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
#endif
  EXPECT_EQ(call("POST", "/v1/selections",
                 json{{"assembly_id", "sel"},
                      {"quota_set_id", quota_set_id},
                      {"invitation_draw_ids", {draw_id}},
                      {"seed_commitment", sha256_hex("x")},
                      {"algorithm", "best"}}
                     .dump())
                .status,
            422)
      << "an unknown algorithm is refused";
  for (const auto& p : done["panel"])
    EXPECT_EQ(record.body.find(std::string(p["person_id"])), std::string::npos);
  for (const auto& p : done["panel"])
    EXPECT_EQ(html.body.find(std::string(p["person_id"])), std::string::npos);

  // A replacement on request keeps the quotas.
  std::string leaver = done["panel"][0]["person_id"];
  auto rep = call("POST", "/v1/selections/" + selection_id + "/replacements",
                  json{{"person_id", leaver}, {"reason", "moved away"}}.dump());
  ASSERT_EQ(rep.status, 201) << rep.body;
  EXPECT_TRUE(json::parse(rep.body)["quotas_met"].get<bool>());
  auto after = json::parse(call("GET", "/v1/selections/" + selection_id).body);
  check_quotas(after["panel"]);
  EXPECT_EQ(call("POST", "/v1/selections/" + selection_id + "/replacements",
                 json{{"person_id", leaver}, {"reason", "again"}}.dump())
                .status,
            409);

  // Membership says another member declined: the replacement is drawn by itself, once.
  std::string decliner = done["panel"][1]["person_id"];
  assembly::membership::v1::MemberDeclined e;
  e.set_member_id("m-1");
  e.set_assembly_id("sel");
  e.set_person_id(decliner);
  e.set_panel_draw_id(selection_id);
  e.set_reason("no time");
  auto env = assembly::events::wrap(e, "m-1", "membership");
  assembly::events::Producer producer(assembly::itest::producer_options("selection-test"));
  ASSERT_EQ(producer.produce_sync("assembly.membership.v1", "m-1", env.SerializeAsString(), {}),
            "");
  ASSERT_EQ(producer.produce_sync("assembly.membership.v1", "m-1", env.SerializeAsString(), {}), "")
      << "twice";
  ASSERT_TRUE(e2e::eventually(
      [&] {
        return scalar("SELECT count(*) FROM replacements WHERE leaver = '" + decliner + "'") == 1;
      },
      std::chrono::seconds(60)))
      << "a MemberDeclined draws a replacement with nobody doing anything";
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(scalar("SELECT count(*) FROM replacements WHERE leaver = '" + decliner + "'"), 1)
      << "once";
  auto final_panel = json::parse(call("GET", "/v1/selections/" + selection_id).body)["panel"];
  check_quotas(final_panel);
  int replacing = 0;
  for (const auto& p : final_panel)
    if (p.contains("replaces") && p["replaces"] == decliner) ++replacing;
  EXPECT_EQ(replacing, 1);
  EXPECT_TRUE(e2e::eventually([&] { return scalar("SELECT count(*) FROM outbox") == 0; },
                              std::chrono::seconds(30)))
      << "PanelSelected and ReplacementDrawn were published";
}

// A pool is kept until the end of the mandate it serves (given when it is created, or later) plus
// POOL_RETENTION_DAYS (365 by default); past that date the worker erases its people, their
// invitations and what respondents declared, and keeps the public record: the pool's size and
// snapshot hash, the draws' seeds, commitments and result hashes.
TEST_F(Selection, APoolPastItsRetentionDateLosesItsPersonalDataAndKeepsItsPublicRecord) {
  auto bad = call("POST", "/v1/pools",
                  json{{"name", "x"}, {"kind", "roll"}, {"mandate_end", "2020-02-30"}}.dump());
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("/mandate_end"), std::string::npos) << bad.body;
  const long pools_before = scalar("SELECT count(*) FROM pools");
  EXPECT_EQ(pools_before, 0) << "a refused pool is not created";

  auto kept = import_generated(300, "2099-12-31");
  auto pool_id = import_generated(300);
  const std::string seed = "retention-seed";
  auto draw = call("POST", "/v1/invitation-draws",
                   json{{"assembly_id", "old"},
                        {"pool_id", pool_id},
                        {"invited", 20},
                        {"seed_commitment", sha256_hex(seed)}}
                       .dump());
  ASSERT_EQ(draw.status, 201) << draw.body;
  std::string draw_id = json::parse(draw.body)["id"];
  auto drawn =
      call("POST", "/v1/invitation-draws/" + draw_id + "/draw", json{{"seed", seed}}.dump());
  ASSERT_EQ(drawn.status, 200) << drawn.body;
  const auto result_sha256 = json::parse(drawn.body)["result_sha256"];
  auto mail = call("GET", "/v1/invitation-draws/" + draw_id + "/mailing-list").body;
  auto at = mail.find("\n\"");
  ASSERT_NE(at, std::string::npos) << mail;
  auto answer = http("POST", service_->url() + "/v1/responses",
                     json{{"code", mail.substr(at + 2, 11)},
                          {"criteria", criteria_of(1)},
                          {"consent", true},
                          {"contact", {{"email", "r@example.fr"}}}}
                         .dump(),
                     {{"Content-Type", "application/json"}});
  ASSERT_EQ(answer.status, 201) << answer.body;
  EXPECT_EQ(scalar("SELECT count(*) FROM pool_people WHERE pool_id = '" + pool_id + "'"), 300)
      << "a pool within its retention date is kept";

  auto mandate_end = [&](const std::string& id, const std::string& date) {
    return call("PUT", "/v1/pools/" + id + "/mandate-end", json{{"mandate_end", date}}.dump());
  };
  auto wrong = mandate_end(pool_id, "30/06/2020");
  EXPECT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_NE(wrong.body.find("/mandate_end"), std::string::npos) << wrong.body;
  EXPECT_EQ(mandate_end("00000000-0000-4000-8000-000000000000", "2020-06-30").status, 404);
  auto set = mandate_end(pool_id, "2020-06-30");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(json::parse(set.body)["retain_until"], "2021-06-30");

  ASSERT_TRUE(e2e::eventually(
      [&] {
        return !json::parse(call("GET", "/v1/pools/" + pool_id).body)["personal_data_erased_at"]
                    .is_null();
      },
      std::chrono::seconds(30)))
      << "the worker erases a pool past its retention date";
  auto pool = json::parse(call("GET", "/v1/pools/" + pool_id).body);
  EXPECT_EQ(pool["state"], "erased");
  EXPECT_EQ(pool["mandate_end"], "2020-06-30");
  EXPECT_EQ(pool["row_count"], 300) << "the count is public";
  EXPECT_TRUE(pool["snapshot_sha256"].is_string()) << "the snapshot hash is public";
  const std::string q = "'" + pool_id + "'";
  EXPECT_EQ(scalar("SELECT count(*) FROM pool_people WHERE pool_id = " + q), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND "
                   "tablename = 'pool_people_' || replace(" +
                   q + ", '-', '')"),
            0)
      << "the partition is dropped";
  EXPECT_EQ(scalar("SELECT count(*) FROM invitations WHERE pool_id = " + q), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM respondents WHERE pool_id = " + q +
                   " AND (criteria <> '{}' OR household <> '' OR person_id <> id "
                   "OR contact IS NOT NULL)"),
            0)
      << "what respondents declared goes, their contact details and their person ids";
  EXPECT_EQ(scalar("SELECT count(*) FROM pool_imports WHERE pool_id = " + q +
                   " AND (errors <> '[]' OR tail <> '')"),
            0);
  EXPECT_EQ(call("GET", "/v1/pools/" + pool_id + "/snapshot").status, 409);
  EXPECT_EQ(call("GET", "/v1/invitation-draws/" + draw_id + "/mailing-list").status, 409);
  auto record = json::parse(http("GET", service_->url() + "/v1/invitation-draws/" + draw_id).body);
  EXPECT_EQ(record["seed_commitment"], sha256_hex(seed)) << "the public record stays";
  EXPECT_EQ(record["seed"], seed);
  EXPECT_EQ(record["result_sha256"], result_sha256);
  EXPECT_EQ(mandate_end(pool_id, "2030-01-01").status, 409) << "an erased pool stays erased";

  auto other = json::parse(call("GET", "/v1/pools/" + kept).body);
  EXPECT_TRUE(other["personal_data_erased_at"].is_null()) << "a pool still retained is kept";
  EXPECT_EQ(other["retain_until"], "2100-12-31") << "the mandate's end plus 365 days";
  EXPECT_EQ(scalar("SELECT count(*) FROM pool_people WHERE pool_id = '" + kept + "'"), 300);
}

TEST(Responses, ThePublicAnswerRouteIsRateLimitedPerAddress) {
  assembly::itest::TempSchema schema("ratelimit");
  assembly::itest::ServiceProcess service(
      SORTITION_BINARY, assembly::itest::free_port(),
      {{"PG_SCHEMA", schema.name()},
       {"PII_KEY_FILE", assembly::itest::env("ROOT") + "/var/secrets/pii-sortition.key"},
       {"RESPONSES_PER_MINUTE", "3"},
       {"CONSUMER_GROUP", "sortition-" + schema.name()},
       {"LOG_LEVEL", "error"}});
  ASSERT_TRUE(service.wait_ready());
  auto answer = json{{"code", "22222-22222"},
                     {"criteria", {{"gender", "F"}}},
                     {"consent", true},
                     {"contact", {{"email", "r@example.fr"}}}}
                    .dump();
  std::vector<int> statuses;
  for (int i = 0; i < 5; ++i)
    statuses.push_back(http("POST", service.url() + "/v1/responses", answer,
                            {{"Content-Type", "application/json"}})
                           .status);
  EXPECT_EQ(statuses, (std::vector<int>{404, 404, 404, 429, 429}))
      << "three guesses a minute, then 429";
  auto r =
      http("POST", service.url() + "/v1/responses", answer, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 429);
  EXPECT_FALSE(r.headers["retry-after"].empty());
}
