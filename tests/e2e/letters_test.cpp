// The invitation letters through the running stack: sortition's invitation draw, the job the
// secretariat starts in notifications, its progress to `done`, the files (every letter in one, the
// printer's batches) read back as PDFs holding each invitee's code, their objects sealed in the
// document store, the download on the audit trail, and the files erased on request (410 after).
// Bad input and other callers change nothing.
#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "assembly/core/pdf.h"
#include "assembly/core/time.h"
#include "e2e.h"

namespace {

using nlohmann::json;

// The PDF's text (pdftotext, poppler-utils: ops/packages.txt).
std::string text_of(const std::string& pdf) {
  auto path = std::filesystem::temp_directory_path() /
              ("letters_e2e_" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  std::string out;
  if (FILE* p = popen(("pdftotext -enc UTF-8 '" + path.string() + "' -").c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  std::filesystem::remove(path);
  return out;
}

std::string days_from_today(int days) {
  return assembly::core::utc_date(std::time(nullptr) + days * 86400L);
}

TEST(Letters, ADrawsLettersAreMadeSealedDownloadedOnTheTrailAndErased) {
  const auto assembly_id = e2e::fresh("letters");
  auto draw = e2e::invitation_codes(assembly_id, 600, 120);
  const auto staff = e2e::token("secretariat", "secretariat-" + assembly_id);
  const auto auditor = e2e::token("auditor", "letters-auditor");
  const auto start = "/v1/invitation-draws/" + draw.invitation_draw_id + "/letters";
  const auto jobs = "/v1/assemblies/" + assembly_id + "/letter-jobs";

  // Bad input: every field at fault named, nothing started.
  auto empty = e2e::post("notifications", start, json::object(), staff);
  EXPECT_EQ(empty.status, 422) << empty.body;
  EXPECT_EQ(e2e::pointers(empty), (std::set<std::string>{"/answer_by"}));
  auto wrong =
      e2e::post("notifications", start, {{"answer_by", "2020-01-01"}, {"batch_size", 10}}, staff);
  EXPECT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_EQ(e2e::pointers(wrong), (std::set<std::string>{"/answer_by", "/batch_size"}));
  const json good = {{"answer_by", days_from_today(28)}, {"batch_size", 50}};
  // Not the secretariat, the secretariat of another assembly, a draw that does not exist.
  EXPECT_EQ(e2e::post("notifications", start, good, e2e::token("member", "letters-member")).status,
            403);
  EXPECT_EQ(e2e::post("notifications", start, good,
                      e2e::scoped_token("secretariat", {e2e::fresh("elsewhere")}))
                .status,
            403);
  EXPECT_EQ(
      e2e::post("notifications",
                "/v1/invitation-draws/00000000-0000-4000-8000-000000000000/letters", good, staff)
          .status,
      404);
  auto none = e2e::get("notifications", jobs, staff);
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_TRUE(e2e::body_of(none)["items"].empty()) << "refused requests started nothing";

  // Started: 202 and the job's address; done within a minute.
  auto started = e2e::post("notifications", start, good, staff);
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string job_id = e2e::body_of(started)["id"];
  EXPECT_EQ(started.headers["location"], "/v1/letter-jobs/" + job_id);
  json job;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        job = e2e::body_of(e2e::get("notifications", "/v1/letter-jobs/" + job_id, staff));
        return job["state"] == "done" || job["state"] == "failed";
      },
      std::chrono::seconds(90)))
      << job.dump();
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["letters"], 120);
  EXPECT_EQ(job["progress_percent"], 100);
  EXPECT_EQ(job["assembly_id"], assembly_id);
  EXPECT_EQ(job["requested_by"], e2e::subject_of(staff));
  EXPECT_FALSE(job["expires_at"].is_null());
  // Every letter in one file, then the printer's batches of 50: 50, 50, 20.
  ASSERT_EQ(job["files"].size(), 4u) << job.dump();
  const std::vector<std::pair<int, int>> expected = {{1, 120}, {1, 50}, {51, 50}, {101, 20}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(job["files"][i]["part"], static_cast<int>(i));
    EXPECT_EQ(job["files"][i]["first_letter"], expected[i].first);
    EXPECT_EQ(job["files"][i]["letters"], expected[i].second);
  }

  // The whole file: a PDF of 120 pages, each invitee's code in the draw's order, its digest as
  // listed; the batches' pages add up.
  auto all = e2e::get("notifications", "/v1/letter-jobs/" + job_id + "/files/0", staff);
  ASSERT_EQ(all.status, 200) << all.body.substr(0, 300);
  EXPECT_EQ(all.headers["content-type"], "application/pdf");
  EXPECT_NE(all.headers["content-disposition"].find("attachment"), std::string::npos);
  ASSERT_EQ(all.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(assembly::core::pdf_page_count(all.body), 120u);
  EXPECT_EQ(e2e::sha256_hex(all.body), job["files"][0]["sha256"]);
  const auto text = text_of(all.body);
  std::size_t at = 0;
  for (const auto& code : draw.codes) {
    auto found = text.find(code, at);
    ASSERT_NE(found, std::string::npos) << "code " << code << " in order";
    at = found + code.size();
  }
  EXPECT_NE(text.find("Prénom Nom"), std::string::npos) << "the invitee's name";
  EXPECT_NE(text.find("/repondre"), std::string::npos) << "the answer address";
  std::size_t batch_pages = 0;
  for (int part = 1; part <= 3; ++part) {
    auto b = e2e::get("notifications",
                      "/v1/letter-jobs/" + job_id + "/files/" + std::to_string(part), staff);
    ASSERT_EQ(b.status, 200);
    batch_pages += assembly::core::pdf_page_count(b.body);
  }
  EXPECT_EQ(batch_pages, 120u);
  EXPECT_EQ(e2e::get("notifications", "/v1/letter-jobs/" + job_id + "/files/4", staff).status, 404);
  EXPECT_EQ(e2e::get("notifications", "/v1/letter-jobs/" + job_id + "/files/0",
                     e2e::scoped_token("secretariat", {e2e::fresh("elsewhere")}))
                .status,
            403);

  // In the document store the files are sealed: neither a PDF nor a name.
  auto store = e2e::bucket();
  const std::string prefix = "notifications/letters/" + job_id + "/";
  auto keys = store.keys(prefix);
  EXPECT_EQ(keys.size(), 4u);
  for (const auto& key : keys) {
    auto sealed = store.get(key);
    ASSERT_TRUE(sealed) << key;
    EXPECT_EQ(sealed->find("%PDF"), std::string::npos) << key;
    EXPECT_EQ(sealed->find(draw.codes[0]), std::string::npos) << key;
  }

  // The download is on notifications' audit trail, with who downloaded it.
  auto trail = e2e::get("notifications", "/v1/audit?actor=" + e2e::subject_of(staff), auditor);
  ASSERT_EQ(trail.status, 200) << trail.body;
  int downloads = 0;
  const auto entries = e2e::body_of(trail)["items"];
  for (const auto& e : entries)
    if (e["action"] == "GET /v1/letter-jobs/:id/files/:part" && e["object_id"] == job_id) {
      ++downloads;
      EXPECT_EQ(e["role"], "secretariat");
      EXPECT_EQ(e["status"], 200);
    }
  EXPECT_GE(downloads, 4) << trail.body;

  // Erased on request: the job says so, the files answer 410, the store holds none of them.
  auto erased = e2e::send("DELETE", "notifications", "/v1/letter-jobs/" + job_id + "/files",
                          json::object(), staff);
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_EQ(e2e::body_of(erased)["state"], "erased");
  EXPECT_TRUE(e2e::body_of(erased)["files"].empty());
  EXPECT_EQ(e2e::get("notifications", "/v1/letter-jobs/" + job_id + "/files/0", staff).status, 410);
  EXPECT_EQ(store.count(prefix), 0u);
  auto listed = e2e::body_of(e2e::get("notifications", jobs, staff))["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["state"], "erased");
}

}  // namespace
