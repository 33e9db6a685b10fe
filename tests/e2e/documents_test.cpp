// Uploaded documents against the running stack and its SeaweedFS (docs/documents.md): the
// bailiff-signed record of a draw (sortition), the evidence of a commitment (followup), a
// session's material (workshops). Each: kept and read back through its signed link; the link
// refused once tampered with or past its expiry; a file too large or of the wrong type refused
// with a problem naming /file and nothing kept (no row, no object); the wrong role refused.
// Then the faults of the store and of the virus scan, through a second followup process of the
// built binary (FOLLOWUP_BINARY) that the test starts with another configuration: a scanner that
// finds the file infected (422 naming /file), a scanner that fails (503), an object store that
// does not answer (503); each time nothing kept (no row, no object, no evidence).
#include <dirent.h>
#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <memory>
#include <pqxx/pqxx>
#include <sstream>

#include "assembly/core/time.h"
#include "assembly/documents/links.h"
#include "assembly/documents/s3.h"
#include "assembly/documents/sigv4.h"
#include "assembly/testing/process.h"
#include "e2e.h"

using assembly::itest::HttpResponse;
using e2e::body_of;
using nlohmann::json;

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// A small real PDF (what a scanner makes, in short).
std::string pdf(const std::string& text) {
  return "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages "
         "/Kids [] /Count 0 >>\nendobj\n% " +
         text + "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

HttpResponse upload_to(const std::string& base, const std::string& path, const std::string& bytes,
                       const std::string& type, const std::string& bearer) {
  std::map<std::string, std::string> headers{{"Content-Type", type}};
  if (!bearer.empty()) headers["Authorization"] = "Bearer " + bearer;
  return assembly::itest::http("POST", base + path, bytes, headers, 30);
}
HttpResponse upload(const std::string& service, const std::string& path, const std::string& bytes,
                    const std::string& type, const std::string& bearer) {
  return upload_to(e2e::url(service), path, bytes, type, bearer);
}

long long rows(const std::string& service, const std::string& owner_id) {
  pqxx::connection c(e2e::service_conninfo(service));
  pqxx::nontransaction tx(c);
  return tx
      .exec_params1("SELECT count(*) FROM " + service + ".documents WHERE owner_id = $1",
                    owner_id)[0]
      .as<long long>();
}

// What every kind of upload must do, once `path` (an upload route of `service`) is given a
// right file by `bearer`; `owner_id` is what the documents belong to. Returns the kept document.
json check_upload(const std::string& service, const std::string& path, const std::string& owner_id,
                  const std::string& bearer, const std::string& wrong_role) {
  auto store = e2e::bucket();
  const auto objects_before = store.count(service + "/");
  const auto rows_before = rows(service, owner_id);

  // Refused, each naming /file, nothing kept: too large; HTML sent as a PDF; an image declared as
  // a PDF; empty.
  const std::string big = pdf("big") + std::string((3 << 20) + 1, ' ');
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\0');
  for (const auto& [bytes, type] : std::vector<std::pair<std::string, std::string>>{
           {big, "application/pdf"},
           {"<html><script>alert(1)</script></html>", "application/pdf"},
           {png, "application/pdf"},
           {"", "application/pdf"}}) {
    auto refused = upload(service, path + "?label=x", bytes, type, bearer);
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.headers["content-type"], "application/problem+json");
    EXPECT_EQ(e2e::pointers(refused), std::set<std::string>{"/file"}) << refused.body;
  }
  // The label too: every field at fault at once.
  auto both = upload(service, path + "?label=", "<html>", "application/pdf", bearer);
  EXPECT_EQ(both.status, 422) << both.body;
  EXPECT_EQ(e2e::pointers(both), (std::set<std::string>{"/file", "label"})) << both.body;
  // The wrong role, and no token at all.
  EXPECT_EQ(upload(service, path, pdf("x"), "application/pdf", wrong_role).status, 403);
  EXPECT_EQ(upload(service, path, pdf("x"), "application/pdf", "").status, 401);
  EXPECT_EQ(rows(service, owner_id), rows_before) << "no row kept";
  EXPECT_EQ(store.count(service + "/"), objects_before) << "no object kept";

  // Kept.
  const auto bytes = pdf("signed " + e2e::fresh("doc"));
  auto kept =
      upload(service, path + "?label=Pi%C3%A8ce%20jointe", bytes, "application/pdf", bearer);
  EXPECT_EQ(kept.status, 201) << kept.body;
  auto doc = body_of(kept).contains("document") ? body_of(kept)["document"] : body_of(kept);
  EXPECT_EQ(doc["media_type"], "application/pdf");
  EXPECT_EQ(doc["size_bytes"], bytes.size());
  EXPECT_EQ(doc["label"], "Pièce jointe");
  EXPECT_EQ(doc.dump().find(service + "/"), std::string::npos) << "the store's key is never shown";
  EXPECT_EQ(rows(service, owner_id), rows_before + 1);
  EXPECT_EQ(store.count(service + "/"), objects_before + 1);

  // Read back through the signed link: the same bytes, as an attachment.
  const std::string url = doc["url"];
  auto read = e2e::get(service, url);
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(read.body, bytes);
  EXPECT_EQ(read.headers["content-type"], "application/pdf");
  EXPECT_EQ(read.headers["content-disposition"].rfind("attachment", 0), 0u);
  EXPECT_EQ(read.headers["x-content-type-options"], "nosniff");

  // Tampered: another signature, another expiry, another document.
  auto tampered = url;
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  EXPECT_EQ(e2e::get(service, tampered).status, 403);
  const std::string id = doc["id"];
  const auto at = url.find("expires=") + 8;
  auto later = url;
  later.replace(at, url.find('&', at) - at, std::to_string(std::time(nullptr) + 999999));
  EXPECT_EQ(e2e::get(service, later).status, 403);
  EXPECT_EQ(
      e2e::get(service, "/v1/documents/" + e2e::fresh("x") + url.substr(url.find('?'))).status,
      403);
  // Expired: a link signed under the service's own key (derived from the store's secret, as the
  // service derives it) but past its expiry.
  const auto key =
      assembly::documents::sigv4::hmac_sha256(e2e::bucket_secret(), "assembly document links");
  const auto past = static_cast<std::int64_t>(std::time(nullptr)) - 5;
  const auto expired = "/v1/documents/" + id + "?expires=" + std::to_string(past) +
                       "&signature=" + assembly::documents::link_signature(key, id, past);
  auto refused = e2e::get(service, expired);
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("expired"), std::string::npos) << refused.body;
  // The same key with a future expiry is accepted: the expired one was refused for its time only.
  const auto future = past + 600;
  EXPECT_EQ(
      e2e::get(service, "/v1/documents/" + id + "?expires=" + std::to_string(future) +
                            "&signature=" + assembly::documents::link_signature(key, id, future))
          .status,
      200);
  return doc;
}

// A commitment of the DAC (`dac`: its token) on the recommendation of a motion the Council
// adopted: its id.
std::string dac_commitment(const std::string& staff, const std::string& dac,
                           const std::string& title, e2e::CouncilMotion* motion = nullptr) {
  const auto clerk = e2e::token("council-clerk", "clerk-documents");
  auto m = e2e::motion_sent_to_council(staff, title);
  if (motion) *motion = m;
  const auto day = assembly::core::utc_date(std::time(nullptr) + 9 * 86400L);
  auto session = e2e::post("followup", "/v1/council-sessions",
                           {{"name", "Conseil de Paris"}, {"held_on", day}}, clerk);
  EXPECT_EQ(session.status, 201) << session.body;
  const std::string agenda = "/v1/council-sessions/" + body_of(session)["id"].get<std::string>();
  auto placed =
      e2e::post("followup", agenda + "/agenda-items", {{"dossier_id", m.dossier_id}}, clerk);
  EXPECT_EQ(placed.status / 100, 2) << placed.body;
  EXPECT_EQ(
      e2e::post(
          "followup", "/v1/agenda-items/" + body_of(placed)["id"].get<std::string>() + "/decision",
          {{"decision", "adopted"}, {"votes_for", 100}, {"votes_against", 10}, {"abstentions", 3}},
          clerk)
          .status,
      200);
  auto made = e2e::post("followup", "/v1/commitments",
                        {{"recommendation_id", m.recommendation_id},
                         {"title", "Ouvrir les bibliothèques le dimanche"},
                         {"department", "DAC"}},
                        dac);
  EXPECT_EQ(made.status, 201) << made.body;
  return made.status == 201 ? body_of(made)["id"].get<std::string>() : "";
}

// The older sealing keys the stack's followup still reads (ops/rotate-keys), comma-separated.
std::string previous_keys(const std::string& root) {
  std::string out;
  const auto dir = root + "/var/secrets/pii-followup.previous";
  if (DIR* d = opendir(dir.c_str())) {
    while (auto* e = readdir(d)) {
      const std::string name = e->d_name;
      if (name.size() > 4 && name.substr(name.size() - 4) == ".key")
        out += (out.empty() ? "" : ",") + dir + "/" + name;
    }
    closedir(d);
  }
  return out;
}

// A second followup process of the built binary, on a free loopback port, as the stack starts the
// service (ops/lib/services.sh svc_env: its database role and schema, its Kafka certificate, the
// identity provider, the object store), with `extra` on top. It is one more replica of the
// service, not a service of its own: the same schema and the service's own consumer group, so
// the events it is handed while it runs (the group shares the partitions) are applied to the
// schema they would have been applied to anyway, and none is read twice into another schema or
// replayed from the start as a new group would; its outbox relay stays idle (the stack's process
// holds the schema's relay lock); it stops within a short grace, leaving the group at once.
std::unique_ptr<assembly::itest::ServiceProcess> followup_replica(
    std::map<std::string, std::string> extra) {
  const auto root = env("ROOT");
  extra.insert({{"SERVICE_NAME", "followup"},
                {"PG_CONNINFO", e2e::service_conninfo("followup")},
                {"PG_SCHEMA", "followup"},
                {"KAFKA_SSL_CERTIFICATE_FILE", env("KAFKA_FOLLOWUP_CERTIFICATE_FILE")},
                {"KAFKA_SSL_KEY_FILE", env("KAFKA_FOLLOWUP_KEY_FILE")},
                {"OIDC_JWKS_URI", env("OIDC_JWKS_URI")},
                {"JWT_AUDIENCE", "followup"},
                {"PII_KEY_FILE", root + "/var/secrets/pii-followup.key"},
                {"PII_PREVIOUS_KEY_FILES", previous_keys(root)},
                {"PII_PSEUDONYM_KEY_FILE", root + "/var/secrets/pseudonym-followup.key"},
                {"S3_ENDPOINT", env("S3_URL")},
                {"S3_REGION", env("S3_REGION")},
                {"S3_BUCKET", env("S3_BUCKET")},
                {"S3_ACCESS_KEY", env("S3_ACCESS_KEY")},
                {"S3_SECRET_KEY_FILE", env("S3_SECRET_KEY_FILE")},
                {"SHUTDOWN_GRACE_SECONDS", "2"},
                {"LOG_LEVEL", "error"}});
  const auto port = assembly::itest::free_port();
  extra["METRICS_PORT"] = std::to_string(assembly::itest::free_port());
  auto p = std::make_unique<assembly::itest::ServiceProcess>(FOLLOWUP_BINARY, port, extra);
  EXPECT_TRUE(p->wait_ready(60)) << "the second followup process did not get ready";
  return p;
}

}  // namespace

TEST(Documents, TheBailiffSignedRecordIsKeptWithTheDrawAndPublic) {
  const auto staff = e2e::token("secretariat", "staff-documents");
  const auto assembly_id = e2e::fresh("documents-draw");
  auto drawn = e2e::draw_selection_panel(
      assembly_id, 40, 30, 12, 4, "feature,value,min,max\ngender,F,2,2\ngender,M,2,2\n", [](int i) {
        return json{{"gender", i % 2 ? "F" : "M"}};
      });
  const std::string selection = "/v1/selections/" + drawn.selection_id;
  ASSERT_TRUE(
      e2e::eventually([&] { return e2e::get("sortition", selection + "/record").status == 200; },
                      std::chrono::seconds(120)))
      << "the draw is done";

  auto doc = check_upload("sortition", selection + "/signed-record", drawn.selection_id, staff,
                          e2e::token("city-service", "documents", "DAC"));
  // Public: listed without a token; its stable address redirects to a fresh link that reads it.
  auto listed = body_of(e2e::get("sortition", selection + "/signed-records"))["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], doc["id"]);
  const std::string stable = "/v1/documents/" + doc["id"].get<std::string>();
  auto moved = e2e::get("sortition", stable);
  EXPECT_EQ(moved.status, 302);
  const auto location = moved.headers["location"];
  EXPECT_EQ(location.rfind(doc["id"].get<std::string>() + "?expires=", 0), 0u) << location;
  EXPECT_EQ(e2e::get("sortition", "/v1/documents/" + location).status, 200);
  // The record's page says a signed record is kept and links to it.
  auto page = e2e::get("sortition", "/tirages/" + drawn.selection_id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("/api/sortition" + stable), std::string::npos);
  EXPECT_NE(page.body.find("signé par l’huissier"), std::string::npos);
}

TEST(Documents, EvidenceOfACommitmentAndASessionsMaterial) {
  const auto staff = e2e::token("secretariat", "staff-documents");
  const auto dac = e2e::token("city-service", "dac-documents", "DAC");
  e2e::CouncilMotion m;
  const auto commitment = dac_commitment(staff, dac, "Vœu pour les pièces jointes", &m);
  ASSERT_FALSE(commitment.empty());
  const auto day = assembly::core::utc_date(std::time(nullptr) + 9 * 86400L);
  const std::string path = "/v1/commitments/" + commitment;
  // Another department's staff is refused like a wrong role.
  EXPECT_EQ(upload("followup", path + "/evidence/file?label=x", pdf("x"), "application/pdf",
                   e2e::token("city-service", "dvd-documents", "DVD"))
                .status,
            403);
  auto doc = check_upload("followup", path + "/evidence/file", commitment, dac, staff);
  // Shown on the commitment as evidence at its stable address, which reads it without a token.
  auto shown = body_of(e2e::get("followup", path));
  const std::string stable = "/api/followup/v1/documents/" + doc["id"].get<std::string>();
  EXPECT_NE(shown["evidence"].dump().find(stable), std::string::npos) << shown["evidence"];
  EXPECT_EQ(e2e::get("followup", "/v1/documents/" + doc["id"].get<std::string>()).status, 302);

  // A session of the motion's workshop: its material, for the secretariat and the facilitators;
  // read by the members of the workshop through links that expire; not public.
  auto ws = e2e::post("workshops", "/v1/sessions",
                      {{"type", "working-session"},
                       {"workshop_id", m.workshop_id},
                       {"title", "Séance de travail"},
                       {"starts_at", day + "T18:00:00Z"},
                       {"ends_at", day + "T20:00:00Z"},
                       {"place", "Hôtel de Ville"}},
                      staff);
  ASSERT_EQ(ws.status, 201) << ws.body;
  const std::string session_id = body_of(ws)["id"];
  json member;
  for (const auto& x : m.members)
    if (x["workshop_theme"] == m.theme) member = x;
  ASSERT_FALSE(member.is_null());
  const auto member_token = e2e::token("member", member["id"]);
  auto material = check_upload("workshops", "/v1/sessions/" + session_id + "/documents/file",
                               session_id, staff, member_token);
  auto files =
      e2e::get("workshops", "/v1/sessions/" + session_id + "/documents/files", member_token);
  ASSERT_EQ(files.status, 200) << files.body;
  ASSERT_EQ(body_of(files)["items"].size(), 1u);
  EXPECT_EQ(e2e::get("workshops", body_of(files)["items"][0]["url"]).status, 200);
  EXPECT_EQ(e2e::get("workshops", "/v1/sessions/" + session_id + "/documents/files").status, 401);
  EXPECT_EQ(e2e::get("workshops", "/v1/documents/" + material["id"].get<std::string>()).status, 403)
      << "not public: no stable address";
}

TEST(Documents, AnInfectedFileAScanThatFailsAndAStoreThatDoesNotAnswerKeepNothing) {
  const auto staff = e2e::token("secretariat", "staff-documents");
  const auto dac = e2e::token("city-service", "dac-documents", "DAC");
  const auto commitment = dac_commitment(staff, dac, "Vœu pour les pannes des documents");
  ASSERT_FALSE(commitment.empty());
  const std::string path = "/v1/commitments/" + commitment + "/evidence/file?label=Pi%C3%A8ce";
  auto store = e2e::bucket();
  const auto objects_before = store.count("followup/");
  const auto rows_before = rows("followup", commitment);
  const auto evidence = [&] {
    return body_of(e2e::get("followup", "/v1/commitments/" + commitment))["evidence"].size();
  };
  const auto evidence_before = evidence();
  const auto nothing_kept = [&](const std::string& what) {
    EXPECT_EQ(rows("followup", commitment), rows_before) << what << ": no row kept";
    EXPECT_EQ(store.count("followup/"), objects_before) << what << ": no object kept";
    EXPECT_EQ(evidence(), evidence_before) << what << ": no evidence added";
  };

  {
    // The scanner reads the bytes and says: infected (clamdscan's exit 1).
    auto replica = followup_replica({{"DOCUMENTS_SCAN_COMMAND", "cat >/dev/null; exit 1"}});
    auto r = upload_to(replica->url(), path, pdf("infected"), "application/pdf", dac);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.headers["content-type"], "application/problem+json");
    EXPECT_EQ(e2e::pointers(r), std::set<std::string>{"/file"}) << r.body;
    EXPECT_NE(r.body.find("virus scan"), std::string::npos) << r.body;
    nothing_kept("an infected file");
    // The route's checks still come first: the wrong role is refused before any scan.
    auto wrong_role = upload_to(replica->url(), path, pdf("infected"), "application/pdf", staff);
    EXPECT_EQ(wrong_role.status, 403) << wrong_role.body;
  }
  {
    // The scanner cannot say (exit 2: clamdscan's error): unavailable, nothing kept.
    auto replica = followup_replica({{"DOCUMENTS_SCAN_COMMAND", "cat >/dev/null; exit 2"}});
    auto r = upload_to(replica->url(), path, pdf("unscanned"), "application/pdf", dac);
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_EQ(r.headers["content-type"], "application/problem+json");
    nothing_kept("a scan that failed");
  }
  {
    // The object store does not answer (a closed loopback port): unavailable, no row written.
    const auto closed = "http://127.0.0.1:" + std::to_string(assembly::itest::free_port());
    auto replica = followup_replica({{"S3_ENDPOINT", closed}});
    auto r = upload_to(replica->url(), path, pdf("unstored"), "application/pdf", dac);
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_EQ(r.headers["content-type"], "application/problem+json");
    EXPECT_NE(r.body.find("store"), std::string::npos) << r.body;
    nothing_kept("a store that does not answer");
  }
  // The stack's own followup keeps it all the same.
  auto kept = upload("followup", path, pdf("kept"), "application/pdf", dac);
  EXPECT_EQ(kept.status, 201) << kept.body;
  EXPECT_EQ(rows("followup", commitment), rows_before + 1);
  EXPECT_EQ(evidence(), evidence_before + 1);
}
