// Pool imports through the sortition service's API, against the real PostgreSQL: a good file in
// parts (a line cut across parts), and every way an import must fail leaving nothing behind.
// The service runs in a throw-away schema with small limits (IMPORT_MAX_BYTES, IMPORT_IDLE_SECONDS).
#include <gtest/gtest.h>
#include <sodium.h>

#include <pqxx/pqxx>
#include <thread>

#include "assembly/testing/http_client.h"
#include "assembly/testing/process.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using assembly::itest::http;
using nlohmann::json;

namespace {

const char* kHeader = "voter_id,last_name,first_names,birth_date,sex,address,postcode,arrondissement\n";

std::string row(int i, const std::string& last_name = "Dupont") {
  return "V" + std::to_string(100000 + i) + "," + last_name + ",Marie," + std::to_string(1940 + i % 60) +
         "-03-1" + std::to_string(i % 10) + "," + (i % 2 ? "F" : "M") + ",\"" + std::to_string(i) +
         ", rue de Rivoli\",75004,04\n";
}

std::string sha256_hex(const std::string& s) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  static const char* hex = "0123456789abcdef";
  std::string h;
  for (unsigned char c : out) h += std::string{hex[c >> 4], hex[c & 15]};
  return h;
}

class PoolImport : public ::testing::Test {
 protected:
  void SetUp() override {
    service_ = std::make_unique<assembly::itest::ServiceProcess>(
        SORTITION_BINARY, 18183,
        std::map<std::string, std::string>{{"PG_SCHEMA", schema_.name()},
                                           {"PII_KEY_FILE", assembly::itest::env("ROOT") + "/var/secrets/pii-sortition.key"},
                                           {"IMPORT_MAX_BYTES", "200000"},
                                           {"IMPORT_IDLE_SECONDS", "2"}});
    ASSERT_TRUE(service_->wait_ready()) << "sortition did not get ready";
    token_ = e2e::token("secretariat", "secretariat-1");
  }

  assembly::itest::HttpResponse call(const std::string& method, const std::string& path, const std::string& body = {},
                                     const std::string& type = "application/json") {
    return http(method, service_->url() + path, body,
                {{"Authorization", "Bearer " + token_}, {"Content-Type", type}});
  }
  // Creates a pool; returns the import id.
  std::string start(const std::string& name = "roll") {
    auto r = call("POST", "/v1/pools", json{{"name", name}, {"kind", "roll"}}.dump());
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
    EXPECT_EQ(scalar("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'pool_people_%'"), 0);
    EXPECT_EQ(json::parse(call("GET", "/v1/pools/" + pool_id).body)["state"], "failed");
  }

  assembly::itest::TempSchema schema_{"pools"};
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
  EXPECT_EQ(sha256_hex(snapshot.body), pool["snapshot_sha256"]) << "the snapshot is what the hash names";
  EXPECT_EQ(snapshot.body.substr(0, 40), "person_id,sex,birth_year,arrondissement\n");
  EXPECT_EQ(std::count(snapshot.body.begin(), snapshot.body.end(), '\n'), 301);
  EXPECT_EQ(snapshot.body.find("V100007"), std::string::npos) << "no voter id in the snapshot";
  EXPECT_EQ(snapshot.body.find("Zyxwvutsrq"), std::string::npos);

  // At rest: names, addresses, birth dates and voter ids appear nowhere in clear.
  EXPECT_EQ(scalar("SELECT count(*) FROM pool_people"), 300);
  EXPECT_EQ(scalar("SELECT count(*) FROM pool_people WHERE position(convert_to('Zyxwvutsrq', 'UTF8') IN pii) > 0 "
                   "OR position(convert_to('Rivoli', 'UTF8') IN pii) > 0 OR position(convert_to('V100007', 'UTF8') IN pii) > 0 "
                   "OR position(convert_to('1947-03-17', 'UTF8') IN pii) > 0"),
            0);
  EXPECT_EQ(scalar("SELECT count(DISTINCT household) FROM pool_people"), 300);
  EXPECT_EQ(scalar("SELECT count(*) FROM pool_people WHERE person_id LIKE 'V1%'"), 0);
}

TEST_F(PoolImport, InvalidRowsFailTheJobWithTheirLinesAndLeaveNothing) {
  std::string file = kHeader;
  for (int i = 0; i < 50; ++i) file += row(i);
  file += "V9,Dupont,Marie,1980-02-30,F,1 rue X,75004,04\n";  // line 52: no such date
  file += "V10,Dupont,Marie,1980-01-01,F,1 rue X,75004\n";   // line 53: 7 columns
  file += "V11,Du\xff,Marie,1980-01-01,F,1 rue X,75004,04\n";  // line 54: not UTF-8
  file += "V12,,Marie,1980-01-01,F,1 rue X,75004,04\n";       // line 55: missing last name
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
      [&] { return json::parse(call("GET", "/v1/pool-imports/" + idle).body)["state"] == "failed"; },
      std::chrono::seconds(30)))
      << "an upload that stops fails by itself";
  EXPECT_NE(call("GET", "/v1/pool-imports/" + idle).body.find("upload interrupted"), std::string::npos);
  expect_nothing_left(idle);
}

TEST_F(PoolImport, AFileOverTheSizeLimitFailsAndLeavesNothing) {
  std::string chunk;
  for (int i = 0; i < 1500; ++i) chunk += row(i);  // ~100 kB
  auto id = start();
  EXPECT_EQ(part(id, 1, kHeader + chunk.substr(0, chunk.size() / 2)).status, 200);
  auto r = part(id, 2, chunk.substr(chunk.size() / 2) + chunk + chunk);  // 250 kB in all, the limit is 200 kB
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_NE(r.body.find("over the limit"), std::string::npos);
  expect_nothing_left(id);
}

TEST_F(PoolImport, OnlyTheSecretariatImportsAndBadRequestsNameTheField) {
  auto body = json{{"name", "roll"}, {"kind", "roll"}}.dump();
  EXPECT_EQ(http("POST", service_->url() + "/v1/pools", body, {{"Content-Type", "application/json"}}).status, 401);
  EXPECT_EQ(http("POST", service_->url() + "/v1/pools", body,
                 {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + e2e::token("member", "m1")}})
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
