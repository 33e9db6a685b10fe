#pragma once
// Members' accounts in the identity provider: which change of a member calls for which work on
// their account, and how long a failed attempt waits before the next one. Pure domain: the work
// itself is done by workers/accounts through identity/.
//
//   invited (by the single route, the assembly-wide action or as a replacement) -> provision
//   declined, withdrawn                                                          -> disable
//   the assembly anonymised                                                      -> delete
//   an e-mail first set or changed while the member holds an account            -> provision
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/lifecycle.h"

namespace membership::domain {

enum class AccountAction { provision, disable, remove };

std::string_view to_string(AccountAction a);
std::optional<AccountAction> parse_account_action(std::string_view s);

// The work a member's new status calls for: provision when invited, disable when they leave
// (declined, withdrawn); nothing otherwise (the account stays as it is).
std::optional<AccountAction> account_action_after(Status to);

// Whether a member in this status holds (or is owed) an account: from the invitation on, until
// they leave.
bool holds_account(Status status);

// Whether new contact details call for a provision: the member holds an account and the e-mail
// is set and differs from the one before (empty when none). The provision sets it on the account
// and, the first time, sends the set-password e-mail.
bool contact_calls_for_provision(Status status, const std::string& email_before,
                                 const std::string& email_after);

// The wait before the next attempt after `attempts` failed ones (1, 2, ...): 1 s doubled after
// each failure, at most `cap`.
std::chrono::seconds retry_delay(int attempts, std::chrono::seconds cap = std::chrono::seconds(60));

}  // namespace membership::domain
