#include "e2e.h"

#include <sodium.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include "assembly/auth/auth.h"
#include "assembly/core/time.h"
#include "assembly/testing/stack.h"

namespace e2e {

std::string service_conninfo(const std::string& service) {
  std::ifstream f(assembly::itest::env("ROOT") + "/var/secrets/pg-" + service + ".password");
  std::string password;
  std::getline(f, password);
  return "host=127.0.0.1 port=" + assembly::itest::env("PG_PORT") +
         " dbname=assembly user=" + service + " password=" + password;
}

std::string url(const std::string& service) {
  std::string var = service;
  for (auto& c : var) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return assembly::itest::env(var + "_URL");
}

namespace {

std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// ops/token's answer (a token of the local Keycloak), kept for a few minutes per argument list:
// tokens live 5 minutes, and a member's first token makes their test account.
std::string keycloak_token(const std::vector<std::string>& args) {
  static std::mutex mutex;
  static std::map<std::vector<std::string>,
                  std::pair<std::string, std::chrono::steady_clock::time_point>>
      cache;
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(args);
  if (it != cache.end() && now - it->second.second < std::chrono::seconds(200))
    return it->second.first;
  std::string command = shell_quoted(assembly::itest::env("ROOT") + "/ops/token");
  for (const auto& a : args) command += " " + shell_quoted(a);
  std::string out;
  for (int attempt = 1; attempt <= 3 && out.empty(); ++attempt) {
    FILE* p = ::popen(command.c_str(), "r");
    if (p == nullptr) throw std::runtime_error("cannot run ops/token");
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    if (::pclose(p) != 0) out.clear();
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  }
  if (out.empty()) throw std::runtime_error("ops/token failed for " + command);
  cache[args] = {out, now};
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ",") + x;
  return out;
}

}  // namespace

std::string subject_of(const std::string& token) {
  auto first = token.find('.');
  auto second = token.find('.', first + 1);
  std::string part = token.substr(first + 1, second - first - 1);
  for (auto& c : part) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (part.size() % 4) part += '=';
  std::string decoded(part.size(), '\0');
  std::size_t n = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(),
                        part.c_str(), part.size(), nullptr, &n, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    throw std::runtime_error("not a JWT");
  decoded.resize(n);
  return nlohmann::json::parse(decoded).at("sub").get<std::string>();
}

std::string token(const std::string& role, const std::string& subject,
                  const std::string& department) {
  std::vector<std::string> args{role, subject};
  if (!department.empty()) args.push_back(department);
  return keycloak_token(args);
}

std::string scoped_token(const std::string& role, const std::vector<std::string>& assemblies,
                         const std::vector<std::string>& workshops, const std::string& department) {
  // The test user's name part: letters, digits and dashes only (Keycloak refuses "*" and ",").
  std::string name = "scoped-" + joined(assemblies) + "-" + joined(workshops) + "-" + department;
  for (auto& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '-';
  std::vector<std::string> args{role, name};
  if (!department.empty()) args.push_back(department);
  // ops/token wants a non-empty list; a facilitator without assemblies gets none that matches.
  args.insert(args.end(), {"--assemblies", assemblies.empty() ? "none" : joined(assemblies)});
  if (!workshops.empty()) args.insert(args.end(), {"--workshops", joined(workshops)});
  return keycloak_token(args);
}

assembly::itest::HttpResponse get(const std::string& service, const std::string& path,
                                  const std::string& bearer) {
  std::map<std::string, std::string> h;
  if (!bearer.empty()) h["Authorization"] = "Bearer " + bearer;
  return assembly::itest::http("GET", url(service) + path, {}, h);
}

std::string metrics(const std::string& service) {
  std::string var = service;
  for (auto& c : var) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const char* own = std::getenv((var + "_METRICS_URL").c_str());
  const std::string base = own != nullptr && *own != '\0' ? std::string(own) : url(service);
  return assembly::itest::http("GET", base + "/metrics").body;
}

double metric(const std::string& service, const std::string& sample) {
  const auto text = metrics(service);
  std::size_t at = 0;
  while ((at = text.find(sample + " ", at)) != std::string::npos) {
    if (at == 0 || text[at - 1] == '\n') return std::stod(text.substr(at + sample.size() + 1));
    at += sample.size();
  }
  return std::nan("");
}

assembly::itest::HttpResponse send(const std::string& method, const std::string& service,
                                   const std::string& path, const nlohmann::json& body,
                                   const std::string& bearer) {
  std::map<std::string, std::string> h{{"Content-Type", "application/json"}};
  if (!bearer.empty()) h["Authorization"] = "Bearer " + bearer;
  return assembly::itest::http(method, url(service) + path, body.dump(), h);
}

assembly::itest::HttpResponse post(const std::string& service, const std::string& path,
                                   const nlohmann::json& body, const std::string& bearer) {
  return send("POST", service, path, body, bearer);
}

assembly::itest::HttpResponse put(const std::string& service, const std::string& path,
                                  const nlohmann::json& body, const std::string& bearer) {
  return send("PUT", service, path, body, bearer);
}

nlohmann::json body_of(const assembly::itest::HttpResponse& r) {
  return nlohmann::json::parse(r.body);
}

std::set<std::string> pointers(const assembly::itest::HttpResponse& r) {
  std::set<std::string> out;
  const auto body = body_of(r);
  for (const auto& e : body.value("errors", nlohmann::json::array()))
    out.insert(e["pointer"].get<std::string>());
  return out;
}

nlohmann::json mails_to(const std::string& address) {
  std::ostringstream q;
  for (unsigned char c : "to:" + address) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      q << c;
    else
      q << '%' << std::uppercase << std::hex << (c >> 4) << (c & 15) << std::dec;
  }
  auto r = assembly::itest::http(
      "GET", assembly::itest::env("MAILPIT_URL") + "/api/v1/search?query=" + q.str());
  nlohmann::json out = nlohmann::json::array();
  if (r.status != 200) return out;
  const auto found = nlohmann::json::parse(r.body);  // named: a range-for over a temporary dangles
  for (const auto& m : found["messages"])
    for (const auto& to : m["To"])
      if (to["Address"] == address) out.push_back(m);
  return out;
}

std::string fresh(const std::string& prefix) {
  return prefix + "-" +
         std::to_string(std::chrono::system_clock::now().time_since_epoch().count() % 1000000000);
}

std::string sha256_hex(const std::string& data) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  static const char* hex = "0123456789abcdef";
  std::string h;
  for (unsigned char c : out) h += std::string{hex[c >> 4], hex[c & 15]};
  return h;
}

bool eventually(const std::function<bool()>& pred, std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return pred();
}

nlohmann::json panel_request(const std::string& assembly_id, int candidates, int seats) {
  nlohmann::json list = nlohmann::json::array();
  const char* sexes[] = {"female", "male"};
  for (int i = 0; i < candidates; ++i)
    list.push_back(
        {{"person_id", "person-" + std::to_string(i)},
         {"pool", "roll"},
         {"attributes", {{"sex", sexes[i % 2]}, {"arrondissement", std::to_string(1 + i % 20)}}}});
  return {{"assembly_id", assembly_id},
          {"seats", seats},
          {"seed", "e2e-public-seed-" + assembly_id},
          {"candidates", list}};
}

nlohmann::json panel_members(const std::string& assembly_id, int seats, const std::string& staff) {
  auto r =
      post("sortition", "/v1/panel-draws", panel_request(assembly_id, seats * 2, seats), staff);
  if (r.status != 201) throw std::runtime_error("panel draw: " + r.body);
  nlohmann::json members;
  if (!eventually(
          [&] {
            auto got = get("membership", "/v1/members?assembly_id=" + assembly_id, staff);
            if (got.status == 200) members = body_of(got)["items"];
            return members.size() == static_cast<size_t>(seats);
          },
          std::chrono::seconds(60)))
    throw std::runtime_error("the panel did not become members");
  return members;
}

SeatedSix seat_six(const std::string& prefix, const std::string& staff) {
  SeatedSix a{fresh(prefix), nlohmann::json()};
  auto drawn = post("sortition", "/v1/panel-draws", panel_request(a.assembly_id, 12, 6), staff);
  if (drawn.status != 201)
    throw std::runtime_error("panel draw: " + std::to_string(drawn.status) + " " + drawn.body);
  if (!eventually(
          [&] {
            return body_of(get("membership", "/v1/members?assembly_id=" + a.assembly_id,
                               staff))["items"]
                       .size() == 6;
          },
          std::chrono::seconds(60)))
    throw std::runtime_error("membership did not get the six members");
  seat_everyone(a.assembly_id, staff);
  a.members = body_of(get(
      "membership", "/v1/members?assembly_id=" + a.assembly_id + "&status=active", staff))["items"];
  if (!eventually(
          [&] {
            return body_of(get("recommendations", "/v1/electorate?assembly_id=" + a.assembly_id,
                               staff))["member_ids"]
                       .size() == 6;
          },
          std::chrono::seconds(60)))
    throw std::runtime_error("the recommendations service did not learn the members");
  return a;
}

MandatedWorkshop mandated_workshop(const std::string& prefix, const std::string& staff) {
  using nlohmann::json;
  auto must = [](const assembly::itest::HttpResponse& r, int status, const std::string& what) {
    if (r.status != status)
      throw std::runtime_error(what + ": " + std::to_string(r.status) + " " + r.body);
    return json::parse(r.body.empty() ? "{}" : r.body);
  };
  MandatedWorkshop w;
  auto seated = seat_six(prefix, staff);
  w.assembly_id = seated.assembly_id;
  w.members = seated.members;
  json motions;
  if (!eventually(
          [&] {
            return (motions = body_of(get("recommendations",
                                          "/v1/motions?assembly_id=" + w.assembly_id))["items"])
                       .size() == 3;
          },
          std::chrono::seconds(60)))
    throw std::runtime_error("no motions");
  w.motion_id = motions[0]["id"];
  w.workshop_id = motions[0]["workshop_id"];
  w.theme = motions[0]["theme"];

  const int notebook =
      submitted_notebook(w.workshop_id, "# Carnet de l'atelier " + w.theme + "\n", staff);
  name_departments(w.workshop_id, {"DAC"}, staff);
  auto mandate =
      must(post("workshops", "/v1/workshops/" + w.workshop_id + "/mandates",
                {{"text", "Le mandat de l'atelier " + w.theme}, {"notebook_version", notebook}},
                token("city-service", "executive", "DAC")),
           201, "mandate");
  auto plenary = must(post("workshops", "/v1/sessions",
                           {{"type", "plenary"},
                            {"assembly_id", w.assembly_id},
                            {"title", "Plénière"},
                            {"starts_at", "2022-06-18T09:00:00Z"},
                            {"ends_at", "2022-06-18T17:00:00Z"},
                            {"place", "Hôtel de Ville"}},
                           staff),
                      201, "plenary");
  w.plenary_id = plenary["id"];
  must(post("workshops", "/v1/mandates/" + std::string(mandate["id"]) + "/vote",
            {{"votes_for", 6},
             {"votes_against", 0},
             {"abstentions", 0},
             {"session_id", w.plenary_id}},
            staff),
       200, "mandate vote");
  return w;
}

CouncilMotion motion_sent_to_council(const std::string& staff, const std::string& title) {
  using nlohmann::json;
  auto must = [](const assembly::itest::HttpResponse& r, int status, const std::string& what) {
    if (r.status != status)
      throw std::runtime_error(what + ": " + std::to_string(r.status) + " " + r.body);
    return json::parse(r.body.empty() ? "{}" : r.body);
  };
  CouncilMotion m;
  auto w = mandated_workshop("council", staff);
  m.assembly_id = w.assembly_id;
  m.members = w.members;
  m.motion_id = w.motion_id;
  m.workshop_id = w.workshop_id;
  m.theme = w.theme;
  const json plenary = {{"id", w.plenary_id}};
  std::string author;
  for (const auto& member : m.members)
    if (member["workshop_theme"] == m.theme) author = member["id"];
  if (author.empty()) throw std::runtime_error("nobody in workshop " + m.theme);
  assembly::itest::HttpResponse drafted;
  const json draft = {{"workshop_id", m.workshop_id},
                      {"title", "Recommandation : " + title},
                      {"text", "Ce que la Ville devrait faire.\n"}};
  if (!eventually(
          [&] {
            return (drafted = post("recommendations", "/v1/recommendations", draft,
                                   token("member", author)))
                       .status == 201;
          },
          std::chrono::seconds(60)))
    throw std::runtime_error("draft: " + drafted.body);
  m.recommendation_id = body_of(drafted)["id"];
  for (const char* step : {"adopt", "hand-over", "co-construct"})
    must(post("recommendations", "/v1/recommendations/" + m.recommendation_id + "/" + step,
              {{"plenary_session_id", plenary["id"]}}, staff),
         200, step);
  must(assembly::itest::http(
           "PUT", url("recommendations") + "/v1/motions/" + m.motion_id,
           json{{"title", title},
                {"text", "L'Assemblée citoyenne demande que..."},
                {"spokespersons", {m.members[0]["id"], m.members[1]["id"]}},
                {"recommendation_ids", {m.recommendation_id}}}
               .dump(),
           {{"Authorization", "Bearer " + staff}, {"Content-Type", "application/json"}}),
       200, "motion text");
  // The workshop approves the motion's text unanimously before the plenary votes it.
  auto approval = must(post("recommendations", "/v1/ballots",
                            {{"assembly_id", m.assembly_id},
                             {"workshop", m.theme},
                             {"motion_id", m.motion_id},
                             {"question", "L'atelier approuve-t-il le vœu ?"},
                             {"rule", "unanimity-of-votes-cast"},
                             {"quorum", 0.5},
                             {"secret", false},
                             {"closes_at", assembly::core::utc_time(std::time(nullptr) + 3600)}},
                            staff),
                       201, "workshop ballot");
  for (const auto& member : m.members)
    if (member["workshop_theme"] == m.theme)
      must(post("recommendations", "/v1/ballots/" + std::string(approval["id"]) + "/votes",
                {{"choice", "for"}}, token("member", member["id"])),
           200, "workshop vote");
  must(post("recommendations", "/v1/ballots/" + std::string(approval["id"]) + "/close",
            json::object(), staff),
       200, "close the workshop ballot");
  auto ballot = must(post("recommendations", "/v1/ballots",
                          {{"assembly_id", m.assembly_id},
                           {"motion_id", m.motion_id},
                           {"plenary_session_id", plenary["id"]},
                           {"question", "Adoptez-vous le vœu ?"},
                           {"rule", "simple-majority"},
                           {"quorum", 0.5},
                           {"secret", false},
                           {"closes_at", assembly::core::utc_time(std::time(nullptr) + 3600)}},
                          staff),
                     201, "ballot");
  for (const auto& member : m.members)
    must(post("recommendations", "/v1/ballots/" + std::string(ballot["id"]) + "/votes",
              {{"choice", "for"}}, token("member", member["id"])),
         200, "vote");
  must(post("recommendations", "/v1/ballots/" + std::string(ballot["id"]) + "/close",
            json::object(), staff),
       200, "close");
  must(post("recommendations", "/v1/motions/" + m.motion_id + "/send-to-council", json::object(),
            staff),
       200, "send to council");
  if (!eventually(
          [&] {
            const auto list = body_of(get("followup", "/v1/dossiers?assembly_id=" + m.assembly_id));
            for (const auto& d : list["items"])
              if (d["motion_id"] == m.motion_id && !d["sent_to_council_at"].is_null())
                m.dossier_id = d["id"];
            return !m.dossier_id.empty();
          },
          std::chrono::seconds(60)))
    throw std::runtime_error("follow-up did not learn that the motion went to the Council");
  return m;
}

namespace {

// A call to the running sortition service as `staff`, which must answer `expected` (else throws
// naming the call); its JSON body (null when it has none or it is not an object).
nlohmann::json sortition_call(const std::string& staff, const std::string& method,
                              const std::string& path, const nlohmann::json& body, int expected) {
  auto r = assembly::itest::http(
      method, url("sortition") + path, body.is_null() ? "" : body.dump(),
      {{"Authorization", "Bearer " + staff}, {"Content-Type", "application/json"}});
  if (r.status != expected)
    throw std::runtime_error(method + " " + path + ": " + std::to_string(r.status) + " " + r.body);
  return r.body.empty() || r.body[0] != '{' ? nlohmann::json() : nlohmann::json::parse(r.body);
}

}  // namespace

InvitationCodes invitation_codes(const std::string& assembly_id, int roll, int invited,
                                 int per_address) {
  using nlohmann::json;
  const auto staff = token("secretariat", "secretariat-" + assembly_id);
  const auto sortition = url("sortition");
  const std::map<std::string, std::string> headers = {{"Authorization", "Bearer " + staff}};
  auto call = [&](const std::string& method, const std::string& path, const json& body,
                  int expected) { return sortition_call(staff, method, path, body, expected); };

  std::string csv =
      "voter_id,last_name,first_names,birth_date,sex,address,postcode,arrondissement\n";
  for (int i = 0; i < roll; ++i)
    csv += assembly_id + "-" + std::to_string(i) + ",Nom" + std::to_string(i) + ",Prénom,19" +
           std::to_string(40 + i % 50) + "-05-0" + std::to_string(1 + i % 9) + "," +
           (i % 2 ? "F" : "M") + "," + std::to_string(i / std::max(1, per_address)) +
           " rue de la Loire,75019,19\n";
  auto pool = call("POST", "/v1/pools", {{"name", assembly_id}, {"kind", "roll"}}, 201);
  std::string import_id = pool["import"]["id"];
  auto part =
      assembly::itest::http("PUT", sortition + "/v1/pool-imports/" + import_id + "/parts/1", csv,
                            {{"Authorization", "Bearer " + staff}, {"Content-Type", "text/csv"}});
  if (part.status != 200) throw std::runtime_error("pool part: " + part.body);
  std::string pool_id =
      call("POST", "/v1/pool-imports/" + import_id + "/complete", {{"parts", 1}}, 200)["pool_id"];

  InvitationCodes out;
  const std::string seed = "invitations-" + assembly_id;
  out.invitation_draw_id = call("POST", "/v1/invitation-draws",
                                {{"assembly_id", assembly_id},
                                 {"pool_id", pool_id},
                                 {"invited", invited},
                                 {"seed_commitment", sha256_hex(seed)}},
                                201)["id"];
  call("POST", "/v1/invitation-draws/" + out.invitation_draw_id + "/draw", {{"seed", seed}}, 200);
  auto mail =
      assembly::itest::http(
          "GET", sortition + "/v1/invitation-draws/" + out.invitation_draw_id + "/mailing-list", {},
          headers)
          .body;
  for (auto at = mail.find("\n\""); at != std::string::npos; at = mail.find("\n\"", at + 1))
    out.codes.push_back(mail.substr(at + 2, 11));
  if (static_cast<int>(out.codes.size()) != invited)
    throw std::runtime_error("mailing list: " + std::to_string(out.codes.size()));
  return out;
}

SelectionPanel draw_selection_panel(const std::string& assembly_id, int roll, int invited,
                                    int respondents, int seats, const std::string& quotas_csv,
                                    const std::function<nlohmann::json(int)>& criteria,
                                    int per_address, bool draw) {
  using nlohmann::json;
  const auto staff = token("secretariat", "secretariat-" + assembly_id);
  auto call = [&](const std::string& method, const std::string& path, const json& body,
                  int expected) { return sortition_call(staff, method, path, body, expected); };

  SelectionPanel out;
  const auto [draw_id, codes] = invitation_codes(assembly_id, roll, invited, per_address);
  out.invitation_draw_id = draw_id;
  for (int i = 0; i < respondents; ++i)
    call("POST", "/v1/invitation-draws/" + out.invitation_draw_id + "/respondents",
         {{"code", codes[i]},
          {"criteria", criteria(i)},
          {"consent", true},
          {"contact", {{"email", "respondent-" + std::to_string(i) + "@example.org"}}}},
         201);
  const auto listed =
      call("GET", "/v1/invitation-draws/" + out.invitation_draw_id + "/respondents", json(), 200);
  for (const auto& r : listed["items"]) out.criteria[r["person_id"]] = r["criteria"];

  auto qs =
      call("POST", "/v1/quota-sets",
           {{"assembly_id", assembly_id},
            {"name", "quotas"},
            {"seat_pools", {{{"pool", "roll"}, {"seats", seats}, {"quotas_csv", quotas_csv}}}}},
           201);
  const std::string panel_seed = "panel-" + assembly_id;
  out.panel_seed = panel_seed;
  out.selection_id = call("POST", "/v1/selections",
                          {{"assembly_id", assembly_id},
                           {"quota_set_id", qs["id"]},
                           {"invitation_draw_ids", {out.invitation_draw_id}},
                           {"seed_commitment", sha256_hex(panel_seed)}},
                          201)["id"];
  if (draw)
    call("POST", "/v1/selections/" + out.selection_id + "/draw", {{"seed", panel_seed}}, 202);
  return out;
}

int submitted_notebook(const std::string& workshop_id, const std::string& text,
                       const std::string& staff) {
  const std::string base = "/v1/workshops/" + workshop_id + "/notebook/versions";
  auto saved = post("workshops", base, {{"text", text}}, staff);
  if (saved.status != 201) throw std::runtime_error("notebook version: " + saved.body);
  const int version = body_of(saved)["version"];
  auto submitted = post("workshops", base + "/" + std::to_string(version) + "/submit",
                        nlohmann::json::object(), staff);
  if (submitted.status != 200) throw std::runtime_error("notebook submit: " + submitted.body);
  return version;
}

void name_departments(const std::string& workshop_id, const std::vector<std::string>& departments,
                      const std::string& staff) {
  auto r = put("workshops", "/v1/workshops/" + workshop_id + "/departments",
               {{"departments", departments}}, staff);
  if (r.status != 200) throw std::runtime_error("workshop departments: " + r.body);
}

void seat_everyone(const std::string& assembly_id, const std::string& staff,
                   const std::string& opening) {
  auto must = [](const assembly::itest::HttpResponse& r, const std::string& what) {
    if (r.status != 200)
      throw std::runtime_error(what + ": " + std::to_string(r.status) + " " + r.body);
    return nlohmann::json::parse(r.body);
  };
  must(post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions", {{"action", "invite"}},
            staff),
       "invite");
  const auto invited =
      must(get("membership", "/v1/members?assembly_id=" + assembly_id + "&status=invited", staff),
           "members");
  for (const auto& m : invited["items"])
    must(post("membership", "/v1/members/" + m["id"].get<std::string>() + "/confirm",
              nlohmann::json::object(), staff),
         "confirm");
  nlohmann::json activate = {{"action", "activate"}};
  if (!opening.empty()) activate["effective_on"] = opening;
  must(post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions", activate, staff),
       "activate");
}

Seated seated_in_workshops(const std::string& prefix, int seats, const std::string& staff,
                           const std::string& opening) {
  Seated out{fresh(prefix), nlohmann::json(), {}};
  panel_members(out.assembly_id, seats, staff);
  seat_everyone(out.assembly_id, staff, opening);
  out.members =
      body_of(get("membership", "/v1/members?assembly_id=" + out.assembly_id + "&status=active",
                  staff))["items"];
  if (!eventually(
          [&] {
            auto w = get("workshops", "/v1/workshops?assembly_id=" + out.assembly_id);
            if (w.status != 200) return false;
            int total = 0;
            const auto listed = body_of(w);  // named: a range-for over a temporary's member dangles
            for (const auto& x : listed["items"]) {
              total += x["roster_size"].get<int>();
              out.workshop[x["theme"]] = x["id"];
            }
            return total == seats;
          },
          std::chrono::seconds(60)))
    throw std::runtime_error("the rosters did not fill");
  return out;
}

std::vector<std::string> services() {
  std::ifstream in(assembly::itest::env("ROOT") + "/services/services.txt");
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string name;
    if (words >> name && name[0] != '#') out.push_back(name);
  }
  if (out.empty()) throw std::runtime_error("no service listed in services/services.txt");
  return out;
}

std::map<std::string, std::string> sortition_env(const std::string& schema,
                                                 const std::string& topic,
                                                 std::map<std::string, std::string> extra) {
  extra.insert({{"PG_SCHEMA", schema},
                {"PII_KEY_FILE", assembly::itest::env("ROOT") + "/var/secrets/pii-sortition.key"},
                {"CONSUMER_GROUP", "sortition-" + schema},
                {"PUBLISH_TOPIC", topic},
                {"LOG_LEVEL", "error"}});
  return extra;
}

std::string bucket_secret() {
  const char* file = std::getenv("S3_SECRET_KEY_FILE");
  std::ifstream in(file ? file : "");
  std::stringstream s;
  s << in.rdbuf();
  auto text = s.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

assembly::documents::S3Client bucket() {
  auto env = [](const char* name) {
    const char* v = std::getenv(name);
    return std::string(v ? v : "");
  };
  assembly::documents::S3Settings s;
  s.endpoint = env("S3_URL");
  s.bucket = env("S3_BUCKET");
  s.credentials = {env("S3_ACCESS_KEY"), bucket_secret(), env("S3_REGION"), "s3"};
  return assembly::documents::S3Client(s);
}

}  // namespace e2e
