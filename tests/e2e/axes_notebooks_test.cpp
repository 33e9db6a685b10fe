// The workshops service through its HTTP API, with membership over the real Kafka and PostgreSQL:
// the members of a workshop propose priority axes, approve them in a choice the secretariat opens
// and closes, and the count's chosen proposals become the workshop's priority axes (corrected
// afterwards only with a reason); submitted notebooks are public (their text, their PDF read back
// by a real PDF reader); a mandate names the submitted notebook version it answers and its vote a
// plenary of the assembly.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>

#include "assembly/testing/http_client.h"
#include "e2e.h"

using e2e::body_of;
using e2e::fresh;
using e2e::pointers;
using e2e::put;
using nlohmann::json;

namespace {

// The members of the workshop of `theme`, as member tokens; `outsider` one of another workshop.
struct Members {
  std::vector<std::string> tokens;
  std::string outsider;
};

Members members_of(const e2e::Seated& s, const std::string& theme) {
  Members out;
  for (const auto& m : s.members) {
    if (m["workshop_theme"] == theme)
      out.tokens.push_back(e2e::token("member", m["id"]));
    else if (out.outsider.empty())
      out.outsider = e2e::token("member", m["id"]);
  }
  return out;
}

// The text poppler's pdftotext reads in `pdf` ("" when it cannot).
std::string pdftotext(const std::string& pdf) {
  char dir[] = "/tmp/axes_notebooks_XXXXXX";
  if (!mkdtemp(dir)) return "";
  const std::string in = std::string(dir) + "/in.pdf", out = std::string(dir) + "/out.txt";
  std::ofstream(in, std::ios::binary) << pdf;
  std::string text;
  if (std::system(("pdftotext -enc UTF-8 " + in + " " + out).c_str()) == 0) {
    std::ifstream f(out, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  }
  std::remove(in.c_str());
  std::remove(out.c_str());
  std::remove(dir);
  return text;
}

// The events of the workshops topic whose key (aggregate) is `key`, read by kcat: event type ->
// the records (envelope bytes) of that type.
std::map<std::string, std::vector<std::string>> workshop_events(const std::string& key) {
  const char* brokers = std::getenv("KAFKA_BROKERS");
  std::map<std::string, std::vector<std::string>> out;
  if (!brokers) return out;
  char path[] = "/tmp/axes_events_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return out;
  close(fd);
  const std::string cmd = std::string("kcat -q -b ") + brokers +
                          " -t assembly.workshops.v1 -C -e -o beginning -f '\\n@@%k@@%s' > " +
                          path + " 2>/dev/null";
  if (std::system(cmd.c_str()) == 0) {
    std::ifstream f(path, std::ios::binary);
    const std::string all((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    const std::string head = "\n@@" + key + "@@";
    for (auto at = all.find(head); at != std::string::npos;) {
      const auto next = all.find("\n@@", at + 1);
      const auto record =
          all.substr(at + head.size(),
                     next == std::string::npos ? std::string::npos : next - at - head.size());
      static const std::string prefix = "assembly.workshops.v1.";
      if (auto t = record.find(prefix); t != std::string::npos) {
        auto end = t + prefix.size();
        while (end < record.size() && std::isalpha(static_cast<unsigned char>(record[end]))) ++end;
        out[record.substr(t + prefix.size(), end - t - prefix.size())].push_back(record);
      }
      at = next == std::string::npos ? next : all.find(head, next);
    }
  }
  std::remove(path);
  return out;
}

}  // namespace

TEST(AxesNotebooks, MembersProposeApproveAndTheCountSetsThePriorityAxes) {
  const auto staff = e2e::token("secretariat", "staff-axes");
  auto s = e2e::seated_in_workshops("axes", 12, staff, "2021-11-20");
  const std::string ws = s.workshop.at("public-space");
  const std::string base = "/v1/workshops/" + ws;
  auto m = members_of(s, "public-space");
  ASSERT_EQ(m.tokens.size(), 4u);
  ASSERT_EQ(put("workshops", "/v1/assemblies/" + s.assembly_id + "/phases/discovery",
                {{"starts_on", "2021-11-20"}, {"ends_on", "2022-03-31"}}, staff)
                .status,
            200);

  // Proposals: two members and the secretariat; not a member of another workshop; every field at
  // fault named at once.
  auto propose = [&](const json& body, const std::string& token) {
    return e2e::post("workshops", base + "/axis-proposals", body, token);
  };
  auto p1 =
      propose({{"title", "Partage de la rue"}, {"text", "Des rues où l'on marche."}}, m.tokens[0]);
  ASSERT_EQ(p1.status, 201) << p1.body;
  EXPECT_EQ(body_of(p1)["proposer"], "member");
  auto p2 = propose({{"title", "Propreté des espaces"}}, staff);
  ASSERT_EQ(p2.status, 201) << p2.body;
  EXPECT_EQ(body_of(p2)["proposer"], "secretariat");
  auto p3 = propose({{"title", "Végétaliser les cours d'école"}}, m.tokens[1]);
  ASSERT_EQ(p3.status, 201) << p3.body;
  const std::string id1 = body_of(p1)["id"], id2 = body_of(p2)["id"], id3 = body_of(p3)["id"];
  EXPECT_EQ(propose({{"title", "Ailleurs"}}, m.outsider).status, 403);
  auto bad =
      propose({{"title", std::string(121, 'e')}, {"text", std::string(1001, 'x')}}, m.tokens[2]);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(pointers(bad), (std::set<std::string>{"/title", "/text"}));
  // 120 characters with accents (240 bytes) are fine.
  std::string accents;
  for (int i = 0; i < 120; ++i) accents += "é";
  auto long_title = propose({{"title", accents}}, m.tokens[2]);
  ASSERT_EQ(long_title.status, 201) << long_title.body;
  const std::string id4 = body_of(long_title)["id"];

  // Public proposals, without names.
  auto listed = e2e::get("workshops", base + "/axis-proposals");
  ASSERT_EQ(listed.status, 200);
  const auto items = body_of(listed)["items"];
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0]["id"], id1) << "in the order made";
  EXPECT_EQ(listed.body.find(std::string(s.members[0]["id"])), std::string::npos);
  for (const auto& p : items) EXPECT_FALSE(p.contains("proposed_by"));

  // No ballot before the choice opens; the secretariat opens it for two axes.
  auto ballot = [&](std::initializer_list<json> approve, const std::string& token) {
    json list = json::array();
    for (const auto& x : approve) list.push_back(x);
    return put("workshops", base + "/axes-choice/ballot", {{"approve", list}}, token);
  };
  EXPECT_EQ(ballot({id1}, m.tokens[0]).status, 409);
  EXPECT_EQ(e2e::get("workshops", base + "/axes-choice").status, 404);
  auto seats0 = e2e::post("workshops", base + "/axes-choice", {{"seats", 0}}, staff);
  EXPECT_EQ(seats0.status, 422);
  EXPECT_EQ(body_of(seats0)["field"], "/seats");
  EXPECT_EQ(e2e::post("workshops", base + "/axes-choice", {{"seats", 2}}, m.tokens[0]).status, 403);
  auto opened = e2e::post("workshops", base + "/axes-choice", {{"seats", 2}}, staff);
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(body_of(opened)["state"], "open");
  EXPECT_EQ(e2e::post("workshops", base + "/axes-choice", {{"seats", 3}}, staff).status, 409);
  EXPECT_EQ(propose({{"title", "Trop tard"}}, m.tokens[0]).status, 409);
  // The secretariat may not set the axes while the members choose them.
  EXPECT_EQ(put("workshops", base + "/priority-axes",
                {{"chosen_on", "2022-02-01"}, {"axes", {{{"title", "X"}}}}}, staff)
                .status,
            409);

  // Ballots: id2 3 approvals, id1 and id3 2 each (id1 proposed first wins the tie), id4 none; the
  // third member changes their ballot (counted once, as changed).
  ASSERT_EQ(ballot({id1, id2}, m.tokens[0]).status, 200);
  ASSERT_EQ(ballot({id2}, m.tokens[1]).status, 200);
  ASSERT_EQ(ballot({id4}, m.tokens[2]).status, 200);
  auto changed = ballot({id2, id3}, m.tokens[2]);
  ASSERT_EQ(changed.status, 200) << changed.body;
  ASSERT_EQ(ballot({id3, id1}, m.tokens[3]).status, 200);
  auto unknown = ballot({id1, "not-a-proposal", 7}, m.tokens[3]);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(pointers(unknown), (std::set<std::string>{"/approve/2"})) << unknown.body;
  auto unknown2 = ballot({id1, "not-a-proposal"}, m.tokens[3]);
  EXPECT_EQ(pointers(unknown2), (std::set<std::string>{"/approve/1"})) << unknown2.body;
  EXPECT_EQ(ballot({id1}, m.outsider).status, 403);
  EXPECT_EQ(ballot({id1}, staff).status, 403) << "the secretariat does not vote";
  auto mine = e2e::get("workshops", base + "/axes-choice/ballot", m.tokens[2]);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(body_of(mine)["approve"], json::array({id2, id3}));
  EXPECT_EQ(e2e::get("workshops", base + "/axes-choice/ballot", m.outsider).status, 404);
  EXPECT_TRUE(body_of(e2e::get("workshops", base + "/axes-choice"))["result"].is_null())
      << "no result before the close";

  // The close: in the discovery phase only; the result is public.
  auto late =
      e2e::post("workshops", base + "/axes-choice/close", {{"chosen_on", "2022-09-01"}}, staff);
  EXPECT_EQ(late.status, 422);
  EXPECT_EQ(body_of(late)["field"], "/chosen_on");
  auto closed =
      e2e::post("workshops", base + "/axes-choice/close", {{"chosen_on", "2022-02-15"}}, staff);
  ASSERT_EQ(closed.status, 200) << closed.body;
  auto choice = body_of(e2e::get("workshops", base + "/axes-choice"));
  EXPECT_EQ(choice["state"], "closed");
  const auto result = choice["result"];
  EXPECT_EQ(result["voters"], 4);
  EXPECT_EQ(result["seats"], 2);
  EXPECT_EQ(result["chosen"], json::array({id2, id1}));
  EXPECT_NE(result["method"].get<std::string>().find("approval"), std::string::npos);
  std::map<std::string, int> approvals;
  for (const auto& t : result["tallies"]) approvals[t["proposal_id"]] = t["approvals"];
  EXPECT_EQ(approvals[id1], 2);
  EXPECT_EQ(approvals[id2], 3);
  EXPECT_EQ(approvals[id3], 2);
  EXPECT_EQ(approvals[id4], 0) << "the changed ballot no longer approves it";
  EXPECT_EQ(ballot({id1}, m.tokens[0]).status, 409) << "closed";

  // The chosen proposals are the workshop's priority axes.
  auto axes = body_of(e2e::get("workshops", base + "/priority-axes"));
  ASSERT_EQ(axes["items"].size(), 2u);
  EXPECT_EQ(axes["items"][0]["title"], "Propreté des espaces");
  EXPECT_EQ(axes["items"][1]["title"], "Partage de la rue");
  EXPECT_EQ(axes["items"][1]["description"], "Des rues où l'on marche.");
  EXPECT_EQ(axes["items"][0]["chosen_on"], "2022-02-15");
  EXPECT_EQ(axes["chosen_by"], "members");

  // A correction by the secretariat gives its reason.
  const json corrected = {{"chosen_on", "2022-02-20"},
                          {"axes", {{{"title", "Propreté et partage de la rue"}}}}};
  auto no_reason = put("workshops", base + "/priority-axes", corrected, staff);
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(body_of(no_reason)["field"], "/reason");
  json with_reason = corrected;
  with_reason["reason"] = "les deux axes fusionnés à la demande de l'atelier";
  ASSERT_EQ(put("workshops", base + "/priority-axes", with_reason, staff).status, 200);
  axes = body_of(e2e::get("workshops", base + "/priority-axes"));
  ASSERT_EQ(axes["items"].size(), 1u);
  ASSERT_EQ(axes["corrections"].size(), 1u);
  EXPECT_EQ(axes["corrections"][0]["reason"], with_reason["reason"]);

  // Each step published its event, keyed by the workshop; proposals name no member.
  std::map<std::string, std::vector<std::string>> events;
  EXPECT_TRUE(e2e::eventually(
      [&] {
        events = workshop_events(ws);
        return events["AxesCorrected"].size() == 1;
      },
      std::chrono::seconds(30)));
  EXPECT_EQ(events["AxisProposed"].size(), 4u);
  EXPECT_EQ(events["AxesChoiceOpened"].size(), 1u);
  ASSERT_EQ(events["AxesChosen"].size(), 1u);
  EXPECT_NE(events["AxesChosen"][0].find(result["method"].get<std::string>()), std::string::npos)
      << "the method travels with the tallies";
  EXPECT_NE(events["AxesCorrected"][0].find(with_reason["reason"].get<std::string>()),
            std::string::npos);
  for (const auto& e : events["AxisProposed"])
    for (const auto& member : s.members)
      EXPECT_EQ(e.find(member["id"].get<std::string>()), std::string::npos);

  // Another workshop, where the members chose nothing: the secretariat sets axes as before.
  const std::string other = s.workshop.at("environment");
  EXPECT_EQ(put("workshops", "/v1/workshops/" + other + "/priority-axes",
                {{"chosen_on", "2022-02-15"}, {"axes", {{{"title", "Lire partout"}}}}}, staff)
                .status,
            200);
}

TEST(AxesNotebooks, AChoiceNobodyApprovedStaysOpen) {
  const auto staff = e2e::token("secretariat", "staff-axes");
  auto s = e2e::seated_in_workshops("axes", 12, staff, "2021-11-20");
  const std::string base = "/v1/workshops/" + s.workshop.at("environment");
  EXPECT_EQ(e2e::post("workshops", base + "/axes-choice", {{"seats", 2}}, staff).status, 409)
      << "nothing proposed yet";
  ASSERT_EQ(
      e2e::post("workshops", base + "/axis-proposals", {{"title", "Lire partout"}}, staff).status,
      201);
  ASSERT_EQ(e2e::post("workshops", base + "/axes-choice", {{"seats", 2}}, staff).status, 201);
  EXPECT_EQ(
      e2e::post("workshops", base + "/axes-choice/close", {{"chosen_on", "2022-02-15"}}, staff)
          .status,
      409);
  EXPECT_EQ(body_of(e2e::get("workshops", base + "/axes-choice"))["state"], "open");
}

TEST(AxesNotebooks, AMandateAnswersASubmittedNotebookAndIsVotedAtAPlenary) {
  const auto staff = e2e::token("secretariat", "staff-notebooks");
  const auto executive = e2e::token("city-service", "executive", "DAC");
  auto s = e2e::seated_in_workshops("axes", 12, staff, "2021-11-20");
  const std::string ws = s.workshop.at("environment");
  const std::string base = "/v1/workshops/" + ws;
  std::string long_text =
      "# État des travaux\n\nL'atelier a étudié la végétalisation des cours "
      "d'école et la propreté : « où en sommes-nous ? »\n\n";
  for (int i = 0; i < 400; ++i) long_text += "Séance " + std::to_string(i) + " : débat. ";
  long_text += "\n\n# Nos questionnements\nQuelle place pour la nature en ville ?\n";
  ASSERT_EQ(e2e::post("workshops", base + "/notebook/versions", {{"text", "# Brouillon\n"}}, staff)
                .status,
            201);
  ASSERT_EQ(
      e2e::post("workshops", base + "/notebook/versions", {{"text", long_text}}, staff).status,
      201);
  ASSERT_EQ(
      e2e::post("workshops", base + "/notebook/versions/2/submit", json::object(), staff).status,
      200);

  // Submitted versions are public; the others are not.
  auto listed = e2e::get("workshops", base + "/notebook/submitted");
  ASSERT_EQ(listed.status, 200);
  const auto items = body_of(listed)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["version"], 2);
  EXPECT_FALSE(items[0].contains("author"));
  auto text = e2e::get("workshops", base + "/notebook/submitted/2");
  ASSERT_EQ(text.status, 200);
  EXPECT_EQ(body_of(text)["text"], long_text);
  EXPECT_EQ(e2e::get("workshops", base + "/notebook/submitted/1").status, 404);
  EXPECT_EQ(e2e::get("workshops", base + "/notebook/versions/1/pdf").status, 404);

  // The PDF, read back by a real reader, accents included, over several pages.
  auto pdf = e2e::get("workshops", base + "/notebook/versions/2/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.headers["content-type"].rfind("application/pdf", 0), 0u);
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  const auto read = pdftotext(pdf.body);
  ASSERT_FALSE(read.empty()) << "pdftotext (poppler-utils, ops/packages.txt) reads the PDF";
  std::string flat = read;  // a wrapped line's end is a space again
  for (auto& c : flat)
    if (c == '\n') c = ' ';
  for (const char* w :
       {"Carnet de synthèse", "État des travaux", "végétalisation", "« où en sommes-nous ? »",
        "Séance 399 : débat.", "Quelle place pour la nature en ville ?"})
    EXPECT_NE(flat.find(w), std::string::npos) << w;
  EXPECT_NE(read.find('\f'), std::string::npos) << "several pages";

  // A mandate names a submitted version: every missing field at once, then the version's checks.
  e2e::name_departments(ws, {"DAC"}, staff);
  auto mandate = [&](const json& body) {
    return e2e::post("workshops", base + "/mandates", body, executive);
  };
  auto missing = mandate(json::object());
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(pointers(missing), (std::set<std::string>{"/text", "/notebook_version"}));
  auto unknown = mandate({{"text", "Mandat"}, {"notebook_version", 9}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(body_of(unknown)["field"], "/notebook_version");
  auto draft = mandate({{"text", "Mandat"}, {"notebook_version", 1}});
  EXPECT_EQ(draft.status, 422) << "version 1 was not submitted";
  EXPECT_EQ(body_of(draft)["field"], "/notebook_version");
  EXPECT_EQ(body_of(e2e::get("workshops", base + "/mandates"))["items"].size(), 0u)
      << "nothing was made";
  auto made = mandate(
      {{"text", "Végétaliser les cours d'école : proposer un plan."}, {"notebook_version", 2}});
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(body_of(made)["notebook_version"], 2);
  const std::string mandate_id = body_of(made)["id"];
  auto answered = e2e::get("workshops", "/v1/mandates/" + mandate_id + "/notebook");
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(body_of(answered)["version"], 2);
  EXPECT_EQ(body_of(answered)["text"], long_text);
  EXPECT_EQ(body_of(answered)["mandate_id"], mandate_id);

  // Its vote names a plenary of the same assembly.
  auto session = [&](const json& body) {
    auto r = e2e::post("workshops", "/v1/sessions", body, staff);
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(body_of(r)["id"]);
  };
  const json when = {{"starts_at", "2022-06-18T09:00:00Z"},
                     {"ends_at", "2022-06-18T17:00:00Z"},
                     {"place", "Hôtel de Ville"}};
  json working = when, plenary = when, elsewhere = when;
  working.update({{"type", "working-session"}, {"workshop_id", ws}, {"title", "Séance"}});
  plenary.update({{"type", "plenary"}, {"assembly_id", s.assembly_id}, {"title", "Plénière"}});
  elsewhere.update({{"type", "plenary"}, {"assembly_id", fresh("other")}, {"title", "Autre"}});
  const auto working_id = session(working), plenary_id = session(plenary),
             elsewhere_id = session(elsewhere);
  auto vote = [&](const std::string& session_id) {
    return e2e::post(
        "workshops", "/v1/mandates/" + mandate_id + "/vote",
        {{"votes_for", 30}, {"votes_against", 0}, {"abstentions", 1}, {"session_id", session_id}},
        staff);
  };
  for (const auto& wrong : {working_id, elsewhere_id, std::string("no-such-session")}) {
    auto r = vote(wrong);
    EXPECT_EQ(r.status, 422) << wrong;
    EXPECT_EQ(body_of(r)["field"], "/session_id");
  }
  auto voted = vote(plenary_id);
  ASSERT_EQ(voted.status, 200) << voted.body;
  EXPECT_EQ(body_of(voted)["state"], "adopted");
  EXPECT_EQ(body_of(voted)["session_id"], plenary_id);
  EXPECT_EQ(body_of(voted)["notebook_version"], 2);
}
