// A panel selection's progress and its cancellation, through the running sortition service and
// its worker: a running LEXIMIN reports how far it is (progress.fraction, never going back) and
// stops within a few seconds when the secretariat cancels it, drawing nothing (no panel, no
// PanelSelected, so no member in membership); one not yet drawn is cancelled at once and cannot
// be drawn afterwards; one finished cannot be cancelled (409); another assembly's staff cannot
// cancel it (403).
#include <gtest/gtest.h>

#include <thread>

#include "assembly/testing/http_client.h"
#include "e2e.h"

using nlohmann::json;

namespace {

json selection(const std::string& id, const std::string& staff) {
  auto r = e2e::get("sortition", "/v1/selections/" + id, staff);
  if (r.status != 200) throw std::runtime_error("selection: " + r.body);
  return json::parse(r.body);
}

// Four criteria (20 districts) and four voters per address: nearly every respondent shares their
// household with another, so that LEXIMIN works over people rather than types, for long enough
// (minutes on two cores) to be cancelled while it runs.
const char* kQuotas =
    "feature,value,min,max\n"
    "gender,F,73,77\ngender,M,73,77\n"
    "age,16-29,28,32\nage,30-44,28,32\nage,45-59,28,32\nage,60-74,28,32\nage,75+,28,32\n"
    "education,none,48,52\neducation,secondary,48,52\neducation,higher,48,52\n"
    "district,1,6,9\ndistrict,2,6,9\ndistrict,3,6,9\ndistrict,4,6,9\ndistrict,5,6,9\n"
    "district,6,6,9\ndistrict,7,6,9\ndistrict,8,6,9\ndistrict,9,6,9\ndistrict,10,6,9\n"
    "district,11,6,9\ndistrict,12,6,9\ndistrict,13,6,9\ndistrict,14,6,9\ndistrict,15,6,9\n"
    "district,16,6,9\ndistrict,17,6,9\ndistrict,18,6,9\ndistrict,19,6,9\ndistrict,20,6,9\n";

json criteria(int i) {
  static const char* ages[] = {"16-29", "30-44", "45-59", "60-74", "75+"};
  static const char* education[] = {"none", "secondary", "higher"};
  return {{"gender", i % 2 ? "F" : "M"},
          {"age", ages[(i / 2) % 5]},
          {"education", education[(i / 3) % 3]},
          {"district", std::to_string(1 + (i * 7) % 20)}};
}

}  // namespace

TEST(SelectionCancel, ARunningLeximinReportsItsProgressAndStopsWhenCancelledDrawingNothing) {
  const std::string assembly_id = e2e::fresh("cancel-run");
  const auto staff = e2e::token("secretariat", "secretariat-" + assembly_id);
  auto drawn = e2e::draw_selection_panel(assembly_id, 2000, 1000, 1000, 150, kQuotas, criteria,
                                         /*per_address=*/4);
  const std::string id = drawn.selection_id;

  // Running, with a progress report (written every second).
  json sel;
  std::vector<double> fractions;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        sel = selection(id, staff);
        if (sel["progress"].is_object()) fractions.push_back(sel["progress"]["fraction"]);
        return sel["state"] != "queued" && sel["state"] != "running" ? true : fractions.size() >= 2;
      },
      std::chrono::seconds(120)))
      << sel.dump();
  ASSERT_EQ(sel["state"], "running")
      << "the selection finished before it could be cancelled: make the instance larger ("
      << sel["state"] << ", " << sel["algorithm"] << ")";
  for (std::size_t i = 0; i < fractions.size(); ++i) {
    EXPECT_GE(fractions[i], 0.0);
    EXPECT_LE(fractions[i], 0.99);
    if (i > 0) {
      EXPECT_GE(fractions[i], fractions[i - 1]) << "the fraction never goes back";
    }
  }
  EXPECT_EQ(sel["progress"]["pool"], "roll");

  // Another assembly's staff cannot cancel it.
  const auto other = e2e::scoped_token("secretariat", {e2e::fresh("cancel-other")});
  EXPECT_EQ(
      e2e::post("sortition", "/v1/selections/" + id + "/cancel", json::object(), other).status,
      403);

  const auto asked =
      e2e::post("sortition", "/v1/selections/" + id + "/cancel", json::object(), staff);
  ASSERT_EQ(asked.status, 200) << asked.body;
  const auto answer = json::parse(asked.body);
  EXPECT_TRUE(answer["state"] == "running" || answer["state"] == "cancelled") << answer.dump();
  EXPECT_TRUE(answer["cancel_requested_at"].is_string()) << answer.dump();
  EXPECT_EQ(answer["cancelled_by"], e2e::subject_of(staff));

  const auto asked_at = std::chrono::steady_clock::now();
  ASSERT_TRUE(e2e::eventually([&] { return selection(id, staff)["state"] == "cancelled"; },
                              std::chrono::seconds(30)))
      << selection(id, staff).dump();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - asked_at).count();
  // At its next progress report: after each master LP solve or each panel priced (a few seconds
  // here on two cores).
  EXPECT_LT(seconds, 30.0) << "the worker stops at its next progress report";
  sel = selection(id, staff);
  EXPECT_TRUE(sel["panel"].empty()) << "nothing is drawn";
  EXPECT_TRUE(sel["reserve"].empty());
  EXPECT_TRUE(sel["progress"].is_null());
  EXPECT_TRUE(sel["finished_at"].is_string());
  EXPECT_TRUE(sel["algorithm"].is_null());

  // Asked again: the same answer.
  const auto again =
      e2e::post("sortition", "/v1/selections/" + id + "/cancel", json::object(), staff);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(json::parse(again.body)["state"], "cancelled");

  // No PanelSelected: membership makes no member of it (a drawn panel shows up there within a
  // few seconds; see the replacement loop's test).
  std::this_thread::sleep_for(std::chrono::seconds(5));
  auto members = e2e::get("membership", "/v1/members?assembly_id=" + assembly_id, staff);
  ASSERT_EQ(members.status, 200) << members.body;
  EXPECT_TRUE(json::parse(members.body)["items"].empty()) << members.body;

  // The public record says so.
  auto page = e2e::get("sortition", "/en/draws/" + id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Cancelled by the secretariat"), std::string::npos);
}

TEST(SelectionCancel, OneNotYetDrawnIsCancelledAtOnceAndOneFinishedCannotBe) {
  const std::string assembly_id = e2e::fresh("cancel-now");
  const auto staff = e2e::token("secretariat", "secretariat-" + assembly_id);
  const std::string parity = "feature,value,min,max\ngender,F,5,5\ngender,M,5,5\n";
  auto parity_of = [](int i) { return json{{"gender", i % 2 ? "F" : "M"}}; };

  // Created (its seed committed), not drawn: cancelled at once; drawing it afterwards is refused.
  auto waiting = e2e::draw_selection_panel(assembly_id, 80, 60, 40, 10, parity, parity_of,
                                           /*per_address=*/1, /*draw=*/false);
  auto cancelled = e2e::post("sortition", "/v1/selections/" + waiting.selection_id + "/cancel",
                             json::object(), staff);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(json::parse(cancelled.body)["state"], "cancelled");
  EXPECT_EQ(e2e::post("sortition", "/v1/selections/" + waiting.selection_id + "/draw",
                      {{"seed", waiting.panel_seed}}, staff)
                .status,
            409);
  EXPECT_EQ(selection(waiting.selection_id, staff)["state"], "cancelled");

  // Drawn to the end (in an assembly of its own: a roll of its own): cancelling is refused, and
  // changes nothing.
  auto done =
      e2e::draw_selection_panel(e2e::fresh("cancel-done"), 80, 60, 40, 10, parity, parity_of);
  ASSERT_TRUE(
      e2e::eventually([&] { return selection(done.selection_id, staff)["state"] == "done"; },
                      std::chrono::seconds(60)));
  auto refused = e2e::post("sortition", "/v1/selections/" + done.selection_id + "/cancel",
                           json::object(), staff);
  EXPECT_EQ(refused.status, 409) << refused.body;
  const auto after = selection(done.selection_id, staff);
  EXPECT_EQ(after["state"], "done");
  EXPECT_TRUE(after["cancel_requested_at"].is_null());
  EXPECT_EQ(after["panel"].size(), 10u);

  // An unknown selection, or an id that is none: 404.
  EXPECT_EQ(e2e::post("sortition", "/v1/selections/00000000-0000-4000-8000-000000000000/cancel",
                      json::object(), staff)
                .status,
            404);
  EXPECT_EQ(e2e::post("sortition", "/v1/selections/not-an-id/cancel", json::object(), staff).status,
            404);
}
