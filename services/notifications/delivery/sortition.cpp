#include "delivery/sortition.h"

#include <nlohmann/json.hpp>

#include "assembly/http/client.h"

namespace notifications::delivery {

namespace client = assembly::http::client;

Sortition::Sortition(std::string sortition_url,
                     std::shared_ptr<client::ClientCredentials> credentials)
    : base_(std::move(sortition_url)), credentials_(std::move(credentials)) {
  while (!base_.empty() && base_.back() == '/') base_.pop_back();
}

std::shared_ptr<Sortition> Sortition::from_env(
    assembly::config::Env& env, std::shared_ptr<client::ClientCredentials> credentials) {
  const auto url = env.str("SORTITION_URL", "", "sortition's address (the draws' mailing lists)");
  if (url.empty() || !credentials) return nullptr;
  return std::make_shared<Sortition>(url, std::move(credentials));
}

std::optional<Draw> Sortition::draw(const std::string& draw_id) {
  client::Request r;
  r.url = base_ + "/v1/invitation-draws/" + draw_id;
  r.headers = {{"Accept", "application/json"}};
  client::Response a;
  try {
    a = client::send(r);
  } catch (const client::Error&) {
    throw SortitionError("sortition: no answer", true);
  }
  if (a.status == 404) return std::nullopt;
  if (!a.ok())
    throw SortitionError("sortition answered " + std::to_string(a.status) + " for the draw",
                         a.status >= 500);
  auto j = nlohmann::json::parse(a.body, nullptr, false);
  if (!j.is_object()) throw SortitionError("sortition's answer is not JSON", true);
  Draw d;
  d.id = j.value("id", draw_id);
  d.assembly_id = j.value("assembly_id", "");
  d.state = j.value("state", "");
  d.invited = j.value("invited", 0L);
  return d;
}

MailingListPage Sortition::page(const std::string& draw_id, const std::string& cursor) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string token;
    try {
      token = credentials_->token();
    } catch (const client::TokenError& e) {
      throw SortitionError(e.what(), true);
    }
    client::Request r;
    r.url = base_ + "/v1/invitation-draws/" + draw_id + "/mailing-list?limit=5000" +
            (cursor.empty() ? "" : "&cursor=" + cursor);
    r.headers = {{"Authorization", "Bearer " + token}, {"Accept", "text/csv"}};
    client::Response a;
    try {
      a = client::send(r);
    } catch (const client::Error&) {
      throw SortitionError("sortition: no answer", true);
    }
    if (a.status == 401 && attempt == 0) {
      credentials_->forget();
      continue;
    }
    if (!a.ok())
      throw SortitionError(
          "sortition answered " + std::to_string(a.status) + " to the mailing list's request",
          a.status >= 500 || a.status == 401 || a.status == 429);
    return {std::move(a.body), next_cursor_of(a.header("link").value_or(""))};
  }
  throw SortitionError("sortition refused the service's token", true);
}

std::string next_cursor_of(const std::string& link) {
  // <...?limit=5000&cursor=123>; rel="next"
  if (link.find("rel=\"next\"") == std::string::npos) return "";
  auto open = link.find('<'), close = link.find('>');
  if (open == std::string::npos || close == std::string::npos || close < open) return "";
  auto url = link.substr(open + 1, close - open - 1);
  auto at = url.find("cursor=");
  while (at != std::string::npos && at > 0 && url[at - 1] != '?' && url[at - 1] != '&')
    at = url.find("cursor=", at + 1);
  if (at == std::string::npos) return "";
  auto value = url.substr(at + 7);
  return value.substr(0, value.find('&'));
}

}  // namespace notifications::delivery
