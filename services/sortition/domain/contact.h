#pragma once
// An invitee's contact details: what the secretariat needs to reach a resident who said yes and is
// drawn: an e-mail address, a phone number, or both. The postal address is not asked: the
// secretariat has it already (the roll's, on the mailing list the letter was sent to).
#include <optional>
#include <string>
#include <string_view>

namespace sortition::domain {

struct Contact {
  std::string email;  // "" when not given
  std::string phone;  // "" when not given; digits, with a leading + when international
};

// Why a typed e-mail address is not one (nullopt when it is): 3 to 254 characters, one @ with
// something before it (at most 64 characters) and a domain with a dot after it, no spaces.
std::optional<std::string> email_problem(std::string_view email);
// The number as stored: spaces, dots, dashes and brackets dropped ("06 12 34 56 78" ->
// "0612345678", "+33 6 12 34 56 78" -> "+33612345678").
std::string normalise_phone(std::string_view phone);
// Why a typed phone number is not one (nullopt when it is): once normalised, an optional leading
// + and 6 to 15 digits.
std::optional<std::string> phone_problem(std::string_view phone);

}  // namespace sortition::domain
