#pragma once
// What membership says about how to reach a member (GET /v1/members/{id}/delivery, with the
// service's own token, role `notifier`): read at sending, used for that message, never stored.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "assembly/config/config.h"
#include "assembly/http/client_credentials.h"

namespace notifications::delivery {

struct Recipient {
  std::string member_id, status, language = "fr", preferred_channel, name, email;
};

// The service's own token (client credentials of NOTIFY_CLIENT_ID at OIDC_TOKEN_URL, its secret in
// NOTIFY_CLIENT_SECRET_FILE), one for every call it makes (membership, sortition); nullptr when
// one of them is missing.
std::shared_ptr<assembly::http::client::ClientCredentials> service_credentials(
    assembly::config::Env& env);

class DirectoryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Directory {
 public:
  Directory(std::string membership_url,
            std::shared_ptr<assembly::http::client::ClientCredentials> credentials);
  // nullopt: membership knows no such member (erased, or never told). DirectoryError: no answer
  // worth using now (try later).
  std::optional<Recipient> find(const std::string& member_id);

 private:
  std::string base_;
  std::shared_ptr<assembly::http::client::ClientCredentials> credentials_;
};

}  // namespace notifications::delivery
