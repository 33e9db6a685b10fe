#include "domain/accounts.h"

#include <algorithm>
#include <utility>

#include "assembly/core/names.h"

namespace membership::domain {

namespace {
constexpr std::pair<AccountAction, std::string_view> kAccountActions[] = {
    {AccountAction::provision, "provision"},
    {AccountAction::disable, "disable"},
    {AccountAction::remove, "delete"},
};
}  // namespace

std::string_view to_string(AccountAction a) {
  return assembly::core::name_of(kAccountActions, a, "?");
}

std::optional<AccountAction> parse_account_action(std::string_view s) {
  return assembly::core::value_of(kAccountActions, s);
}

std::optional<AccountAction> account_action_after(Status to) {
  switch (to) {
    case Status::invited:
      return AccountAction::provision;
    case Status::declined:
    case Status::withdrawn:
      return AccountAction::disable;
    default:
      return std::nullopt;
  }
}

bool holds_account(Status status) {
  return status == Status::invited || status == Status::confirmed || status == Status::active ||
         status == Status::completed;
}

bool contact_calls_for_provision(Status status, const std::string& email_before,
                                 const std::string& email_after) {
  return holds_account(status) && !email_after.empty() && email_after != email_before;
}

std::chrono::seconds retry_delay(int attempts, std::chrono::seconds cap) {
  if (attempts < 1) return std::chrono::seconds(0);
  const int shift = std::min(attempts - 1, 30);
  const long long delay = 1LL << shift;
  return std::chrono::seconds(std::min<long long>(delay, cap.count()));
}

}  // namespace membership::domain
