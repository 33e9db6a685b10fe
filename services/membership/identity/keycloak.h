#pragma once
// The identity provider's admin API (Keycloak), as the confidential client of membership sees it
// (client credentials; its service account may manage, view and query users, nothing else). The
// only module of membership that talks to Keycloak. Calls block (one at a time, from the account
// worker). Nothing personal goes into an error's text: the method, the path (user ids only) and
// the status. Tokens and e-mails are never logged.
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace membership::identity {

struct Settings {
  std::string admin_url;    // http://127.0.0.1:8180 (no trailing slash needed)
  std::string realm;        // assembly
  std::string client_id;    // membership-provisioner
  std::string secret_file;  // the client's secret, read when a token is needed
  // The client and redirect URI the set-password e-mail leads back to (both optional).
  std::string email_client_id, email_redirect_uri;
  std::chrono::seconds email_lifespan{7 * 24 * 3600};
  std::chrono::milliseconds timeout{5000};
};

// A call that failed: `unreachable` when no answer came (Keycloak down), else the status.
class Failure : public std::runtime_error {
 public:
  Failure(const std::string& what, bool unreachable, long status = 0)
      : std::runtime_error(what), unreachable_(unreachable), status_(status) {}
  bool unreachable() const { return unreachable_; }
  long status() const { return status_; }

 private:
  bool unreachable_;
  long status_;
};

// A user as the admin API gives it (the whole representation, to send back when changing it).
struct User {
  std::string id;
  nlohmann::json representation;
  std::string email() const;
  bool enabled() const;
  std::string attribute(const std::string& name) const;  // the first value, "" when none
};

class Keycloak {
 public:
  explicit Keycloak(Settings settings);

  // The user of exactly this username, if any.
  std::optional<User> find_by_username(const std::string& username);
  // The user of this id, if it still exists.
  std::optional<User> find(const std::string& id);
  // Makes an enabled user with these attributes; nullopt when the username is taken (409).
  std::optional<std::string> create(const std::string& username, const nlohmann::json& attributes);
  // Writes the representation back (a changed e-mail, `enabled`, attributes).
  void update(const User& user);
  // The user holds the realm role (added from the roles the user may be given).
  void ensure_realm_role(const std::string& user_id, const std::string& role);
  // Keycloak's own e-mail asking the user to take these actions (UPDATE_PASSWORD).
  void send_actions_email(const std::string& user_id, const std::vector<std::string>& actions);
  // Deletes the user; false when it was gone already.
  bool remove(const std::string& user_id);

  const Settings& settings() const { return settings_; }

 private:
  struct Answer {
    long status;
    std::string body;
    std::string location;
  };
  Answer call(const std::string& method, const std::string& path, const std::string& body = {});
  std::string token();

  Settings settings_;
  std::string token_;
  std::chrono::steady_clock::time_point token_until_{};
};

// Percent-encoding of a query value or path segment (RFC 3986 unreserved characters kept).
std::string url_encode(const std::string& s);

}  // namespace membership::identity
