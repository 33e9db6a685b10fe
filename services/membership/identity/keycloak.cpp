#include "identity/keycloak.h"

#include <fstream>
#include <sstream>

#include "assembly/http/client.h"

namespace membership::identity {

namespace client = assembly::http::client;
using nlohmann::json;

namespace {

std::string read_secret(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw Failure("cannot read the client secret file", false);
  std::stringstream ss;
  ss << in.rdbuf();
  auto s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  if (s.empty()) throw Failure("the client secret file is empty", false);
  return s;
}

std::string trimmed_url(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// Keycloak's own words on a refusal ("User exists with same username"), never the request.
std::string reason_of(const std::string& body) {
  auto j = json::parse(body, nullptr, false);
  if (j.is_object())
    for (const char* k : {"errorMessage", "error_description", "error"})
      if (j.contains(k) && j[k].is_string()) return ": " + j[k].get<std::string>().substr(0, 120);
  return "";
}

}  // namespace

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string User::email() const {
  auto it = representation.find("email");
  return it != representation.end() && it->is_string() ? it->get<std::string>() : "";
}

bool User::enabled() const {
  auto it = representation.find("enabled");
  return it != representation.end() && it->is_boolean() && it->get<bool>();
}

std::string User::attribute(const std::string& name) const {
  auto a = representation.find("attributes");
  if (a == representation.end() || !a->is_object() || !a->contains(name)) return "";
  const auto& v = (*a)[name];
  if (v.is_array() && !v.empty() && v[0].is_string()) return v[0].get<std::string>();
  return v.is_string() ? v.get<std::string>() : "";
}

Keycloak::Keycloak(Settings settings) : settings_(std::move(settings)) {
  settings_.admin_url = trimmed_url(settings_.admin_url);
}

std::string Keycloak::token() {
  if (!token_.empty() && std::chrono::steady_clock::now() < token_until_) return token_;
  client::Request r;
  r.method = "POST";
  r.url = settings_.admin_url + "/realms/" + url_encode(settings_.realm) +
          "/protocol/openid-connect/token";
  r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  r.body = "grant_type=client_credentials&client_id=" + url_encode(settings_.client_id) +
           "&client_secret=" + url_encode(read_secret(settings_.secret_file));
  r.timeout = settings_.timeout;
  client::Response a;
  try {
    a = client::send(r);
  } catch (const client::Error&) {
    throw Failure("token: no answer from the identity provider", true);
  }
  if (!a.ok())
    throw Failure("token: answered " + std::to_string(a.status) + reason_of(a.body), false,
                  a.status);
  auto j = json::parse(a.body, nullptr, false);
  if (!j.is_object() || !j.contains("access_token") || !j["access_token"].is_string())
    throw Failure("token: the answer holds no access_token", false, a.status);
  token_ = j["access_token"].get<std::string>();
  const int expires = j.value("expires_in", 60);
  // Renewed 30 s before it expires (at least 5 s of use).
  token_until_ = std::chrono::steady_clock::now() + std::chrono::seconds(std::max(5, expires - 30));
  return token_;
}

Keycloak::Answer Keycloak::call(const std::string& method, const std::string& path,
                                const std::string& body) {
  client::Request r;
  r.method = method;
  r.url = settings_.admin_url + "/admin/realms/" + url_encode(settings_.realm) + path;
  r.headers = {{"Authorization", "Bearer " + token()}, {"Accept", "application/json"}};
  if (!body.empty()) r.headers.emplace_back("Content-Type", "application/json");
  r.body = body;
  r.timeout = settings_.timeout;
  client::Response a;
  try {
    a = client::send(r);
  } catch (const client::Error&) {
    throw Failure(
        method + " " + path.substr(0, path.find('?')) + ": no answer from the identity provider",
        true);
  }
  if (a.status == 401) token_.clear();  // revoked or expired early: a new one next time
  return {a.status, a.body, a.header("location").value_or("")};
}

namespace {
[[noreturn]] void refuse(const std::string& method, const std::string& path, long status,
                         const std::string& body) {
  throw Failure(method + " " + path.substr(0, path.find('?')) + " answered " +
                    std::to_string(status) + reason_of(body),
                false, status);
}
}  // namespace

std::optional<User> Keycloak::find_by_username(const std::string& username) {
  const std::string path =
      "/users?exact=true&briefRepresentation=false&username=" + url_encode(username);
  auto a = call("GET", path);
  if (a.status != 200) refuse("GET", path, a.status, a.body);
  auto users = json::parse(a.body, nullptr, false);
  if (!users.is_array()) refuse("GET", path, a.status, "");
  for (const auto& u : users) {
    // Keycloak keeps usernames in lower case; exact=true already matched, the check stays.
    auto name = u.value("username", "");
    std::string wanted = username;
    for (auto& c : wanted) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == wanted && u.contains("id")) return User{u["id"].get<std::string>(), u};
  }
  return std::nullopt;
}

std::optional<User> Keycloak::find(const std::string& id) {
  const std::string path = "/users/" + url_encode(id);
  auto a = call("GET", path);
  if (a.status == 404) return std::nullopt;
  if (a.status != 200) refuse("GET", path, a.status, a.body);
  auto u = json::parse(a.body, nullptr, false);
  if (!u.is_object()) refuse("GET", path, a.status, "");
  return User{id, u};
}

std::optional<std::string> Keycloak::create(const std::string& username, const json& attributes) {
  json rep = {{"username", username}, {"enabled", true}, {"attributes", attributes}};
  auto a = call("POST", "/users", rep.dump());
  if (a.status == 409) return std::nullopt;
  if (a.status != 201) refuse("POST", "/users", a.status, a.body);
  auto slash = a.location.rfind('/');
  if (slash == std::string::npos || slash + 1 >= a.location.size()) {
    auto u = find_by_username(username);  // no Location: look it up
    if (!u) refuse("POST", "/users", a.status, "");
    return u->id;
  }
  return a.location.substr(slash + 1);
}

void Keycloak::update(const User& user) {
  const std::string path = "/users/" + url_encode(user.id);
  auto a = call("PUT", path, user.representation.dump());
  if (a.status != 204 && a.status != 200) refuse("PUT", path, a.status, a.body);
}

void Keycloak::ensure_realm_role(const std::string& user_id, const std::string& role) {
  const std::string base = "/users/" + url_encode(user_id) + "/role-mappings/realm";
  auto have = call("GET", base);
  if (have.status != 200) refuse("GET", base, have.status, have.body);
  auto roles = json::parse(have.body, nullptr, false);
  if (roles.is_array())
    for (const auto& r : roles)
      if (r.value("name", "") == role) return;
  // The roles themselves (GET /roles) need view-realm, which the client does not have: the role
  // is taken from those the user may be given.
  auto avail = call("GET", base + "/available");
  if (avail.status != 200) refuse("GET", base + "/available", avail.status, avail.body);
  auto available = json::parse(avail.body, nullptr, false);
  json wanted;
  if (available.is_array())
    for (const auto& r : available)
      if (r.value("name", "") == role) wanted = {{"id", r.value("id", "")}, {"name", role}};
  if (wanted.is_null())
    throw Failure("the realm has no role " + role + " the client may give", false);
  auto a = call("POST", base, json::array({wanted}).dump());
  if (a.status != 204 && a.status != 200) refuse("POST", base, a.status, a.body);
}

void Keycloak::send_actions_email(const std::string& user_id,
                                  const std::vector<std::string>& actions) {
  std::string path = "/users/" + url_encode(user_id) + "/execute-actions-email?lifespan=" +
                     std::to_string(settings_.email_lifespan.count());
  if (!settings_.email_client_id.empty()) {
    path += "&client_id=" + url_encode(settings_.email_client_id);
    if (!settings_.email_redirect_uri.empty())
      path += "&redirect_uri=" + url_encode(settings_.email_redirect_uri);
  }
  auto a = call("PUT", path, json(actions).dump());
  if (a.status != 204 && a.status != 200) refuse("PUT", path, a.status, a.body);
}

bool Keycloak::remove(const std::string& user_id) {
  const std::string path = "/users/" + url_encode(user_id);
  auto a = call("DELETE", path);
  if (a.status == 404) return false;
  if (a.status != 204 && a.status != 200) refuse("DELETE", path, a.status, a.body);
  return true;
}

}  // namespace membership::identity
