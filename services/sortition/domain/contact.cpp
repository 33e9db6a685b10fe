#include "domain/contact.h"

#include <algorithm>

namespace sortition::domain {

std::optional<std::string> email_problem(std::string_view email) {
  const auto at = email.find('@');
  const bool ok = email.size() >= 3 && email.size() <= 254 && at != std::string_view::npos &&
                  at > 0 && at <= 64 && email.find('@', at + 1) == std::string_view::npos &&
                  email.find('.', at + 2) != std::string_view::npos && email.back() != '.' &&
                  std::none_of(email.begin(), email.end(), [](char c) {
                    return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
                  });
  if (ok) return std::nullopt;
  return "an e-mail address such as prenom.nom@example.fr";
}

std::string normalise_phone(std::string_view phone) {
  std::string out;
  for (char c : phone)
    if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') out += c;
  return out;
}

std::optional<std::string> phone_problem(std::string_view phone) {
  const auto n = normalise_phone(phone);
  const std::string_view digits = !n.empty() && n[0] == '+' ? std::string_view(n).substr(1) : n;
  const bool ok =
      digits.size() >= 6 && digits.size() <= 15 &&
      std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (ok) return std::nullopt;
  return "a phone number of 6 to 15 digits, such as 06 12 34 56 78 or +33 6 12 34 56 78";
}

}  // namespace sortition::domain
