#include "delivery/directory.h"

#include <nlohmann/json.hpp>

#include "assembly/http/client.h"

namespace notifications::delivery {

namespace client = assembly::http::client;

std::shared_ptr<client::ClientCredentials> service_credentials(assembly::config::Env& env) {
  client::ClientCredentialsSettings cc;
  cc.token_url =
      env.str("OIDC_TOKEN_URL", "", "the realm's token endpoint, for the service's own token");
  cc.client_id = env.str("NOTIFY_CLIENT_ID", "notifications-sender", "the service's client");
  cc.secret_file = env.str("NOTIFY_CLIENT_SECRET_FILE", "", "a file holding its secret");
  if (cc.token_url.empty() || cc.secret_file.empty()) return nullptr;
  return std::make_shared<client::ClientCredentials>(cc);
}

Directory::Directory(std::string membership_url,
                     std::shared_ptr<client::ClientCredentials> credentials)
    : base_(std::move(membership_url)), credentials_(std::move(credentials)) {
  while (!base_.empty() && base_.back() == '/') base_.pop_back();
}

std::optional<Recipient> Directory::find(const std::string& member_id) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string token;
    try {
      token = credentials_->token();
    } catch (const client::TokenError& e) {
      throw DirectoryError(e.what());
    }
    client::Request r;
    r.url = base_ + "/v1/members/" + member_id + "/delivery";
    r.headers = {{"Authorization", "Bearer " + token}, {"Accept", "application/json"}};
    client::Response a;
    try {
      a = client::send(r);
    } catch (const client::Error&) {
      throw DirectoryError("membership: no answer");
    }
    if (a.status == 401 && attempt == 0) {
      credentials_->forget();
      continue;
    }
    if (a.status == 404) return std::nullopt;
    if (!a.ok()) throw DirectoryError("membership answered " + std::to_string(a.status));
    auto j = nlohmann::json::parse(a.body, nullptr, false);
    if (!j.is_object()) throw DirectoryError("membership's answer is not JSON");
    Recipient out;
    out.member_id = member_id;
    out.status = j.value("status", "");
    out.language = j.value("language", "fr");
    out.preferred_channel = j.value("preferred_channel", "");
    out.name = j.value("name", "");
    out.email = j.value("email", "");
    return out;
  }
  throw DirectoryError("membership refused the service's token");
}

}  // namespace notifications::delivery
