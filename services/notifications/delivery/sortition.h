#pragma once
// What the service reads from sortition: an invitation draw (GET /v1/invitation-draws/{id},
// public), and its mailing list (GET /v1/invitation-draws/{id}/mailing-list, with the service's
// own token, role `notifier`; sortition records every export), read page by page when the letters
// are made, never stored.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "assembly/config/config.h"
#include "assembly/http/client_credentials.h"

namespace notifications::delivery {

// sortition did not answer, or answered with an error: `retry` when trying later may help (no
// answer, 5xx), not when it refused for good (the draw is not made, the pool was erased: 4xx).
class SortitionError : public std::runtime_error {
 public:
  SortitionError(const std::string& what, bool retry) : std::runtime_error(what), retry(retry) {}
  bool retry;
};

// What a draw is, as sortition shows it publicly.
struct Draw {
  std::string id, assembly_id, state;  // state: committed | drawn
  long invited = 0;
};

struct MailingListPage {
  std::string csv;
  std::string next_cursor;  // "" on the last page
};

class Sortition {
 public:
  Sortition(std::string sortition_url,
            std::shared_ptr<assembly::http::client::ClientCredentials> credentials);
  // From SORTITION_URL, with the service's own token; nullptr when either is missing (no letters
  // then).
  static std::shared_ptr<Sortition> from_env(
      assembly::config::Env& env,
      std::shared_ptr<assembly::http::client::ClientCredentials> credentials);
  // nullopt: sortition knows no such draw. SortitionError when it did not answer.
  std::optional<Draw> draw(const std::string& draw_id);
  // One page of up to 5,000 invitees from `cursor` ("" for the first).
  MailingListPage page(const std::string& draw_id, const std::string& cursor);

 private:
  std::string base_;
  std::shared_ptr<assembly::http::client::ClientCredentials> credentials_;
};

// The cursor of a Link header's rel="next" address ("" when there is none).
std::string next_cursor_of(const std::string& link_header);

}  // namespace notifications::delivery
