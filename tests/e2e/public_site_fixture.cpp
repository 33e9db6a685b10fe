// public-site-fixture: sets up, through the running services' APIs with real tokens, what the
// public site's browser test (tests/a11y/public-site.mjs) reads, and prints it as one JSON line:
// a new assembly of six members seated, its motion sent to the Council and adopted with
// amendments, a commitment of the DAC with one milestone overdue and one to come, and the
// members' evaluation answered and closed. Exit 1 (with the reason on stderr) on any error.
#include <cstdio>
#include <ctime>
#include <iostream>

#include "assembly/core/time.h"
#include "e2e.h"

using e2e::body_of;
using nlohmann::json;

namespace {

std::string day(int offset) {
  return assembly::core::utc_date(std::time(nullptr) + offset * 86400L);
}

json must(const assembly::itest::HttpResponse& r, int status, const std::string& what) {
  if (r.status != status)
    throw std::runtime_error(what + ": " + std::to_string(r.status) + " " + r.body);
  return r.body.empty() ? json::object() : json::parse(r.body);
}

}  // namespace

int main() try {
  const auto staff = e2e::token("secretariat", "staff-public-site");
  const auto clerk = e2e::token("council-clerk", "clerk-public-site");
  const auto dac = e2e::token("city-service", "dac-public-site", "DAC");
  const std::string title = "Vœu pour des rues aux écoles";
  auto m = e2e::motion_sent_to_council(staff, title);

  // The Council debates and adopts it with amendments (its session: the next one, this one).
  auto session = must(e2e::post("followup", "/v1/council-sessions",
                                {{"name", "Conseil de Paris"}, {"held_on", day(7)}}, clerk),
                      201, "council session");
  auto item = must(
      e2e::post("followup", "/v1/council-sessions/" + std::string(session["id"]) + "/agenda-items",
                {{"dossier_id", m.dossier_id}}, clerk),
      200, "agenda item");
  const std::string item_path = "/v1/agenda-items/" + std::string(item["id"]);
  must(e2e::send("PUT", "followup", item_path + "/debate",
                 {{"presentation", "Deux porte-parole présentent le vœu."},
                  {"summary", "Large soutien."},
                  {"positions", {{{"group", "Groupe A"}, {"position", "for"}}}}},
                 clerk),
       200, "debate");
  must(e2e::post("followup", item_path + "/decision",
                 {{"decision", "adopted-with-amendments"},
                  {"votes_for", 120},
                  {"votes_against", 20},
                  {"abstentions", 23},
                  {"amendments", "Calendrier resserré"}},
                 clerk),
       200, "decision");

  // The DAC's commitment: one milestone past due, one to come; the overdue check flags it.
  const std::string commitment_title = "Fermer à la circulation cent rues aux écoles";
  const std::string overdue_title = "Liste des rues concertée";
  auto commitment =
      must(e2e::post("followup", "/v1/commitments",
                     {{"recommendation_id", m.recommendation_id},
                      {"title", commitment_title},
                      {"department", "DAC"},
                      {"elected_official", "Adjoint chargé de l’espace public"},
                      {"deliverables", {"Liste des rues"}},
                      {"milestones",
                       {{{"title", overdue_title}, {"due_on", day(-3)}},
                        {{"title", "Cinquante rues fermées"}, {"due_on", day(120)}}}}},
                     dac),
           201, "commitment");
  must(e2e::post("followup", "/v1/overdue-checks", json::object(), staff), 200, "overdue check");

  // The members' evaluation, answered by each and closed: its results are public.
  auto evaluation = must(e2e::post("membership", "/v1/assemblies/" + m.assembly_id + "/evaluations",
                                   {{"title", "Bilan du mandat"},
                                    {"questions",
                                     {{{"id", "satisfaction"},
                                       {"text", "Êtes-vous satisfait de votre mandat ?"},
                                       {"kind", "rating"},
                                       {"min", 1},
                                       {"max", 5}}}}},
                                   staff),
                         201, "evaluation");
  const std::string ev = "/v1/evaluations/" + std::string(evaluation["id"]);
  must(e2e::post("membership", ev + "/open", json::object(), staff), 200, "open the evaluation");
  int rating = 3;
  for (const auto& member : m.members)
    must(e2e::post("membership", ev + "/responses",
                   {{"answers", {{"satisfaction", 3 + (rating++ % 3)}}}},
                   e2e::token("member", member["id"])),
         201, "an answer");
  must(e2e::post("membership", ev + "/close", json::object(), staff), 200, "close the evaluation");

  std::cout << json{{"assembly_id", m.assembly_id},       {"motion_title", title},
                    {"commitment_id", commitment["id"]},  {"commitment_title", commitment_title},
                    {"overdue_milestone", overdue_title}, {"members", m.members.size()}}
                   .dump()
            << std::endl;
  return 0;
} catch (const std::exception& e) {
  std::cerr << "public-site-fixture: " << e.what() << "\n";
  return 1;
}
