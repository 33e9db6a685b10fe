#pragma once
// Workshop themes and their public titles. Pure domain: no HTTP, SQL or Kafka here.
#include <optional>
#include <string>

namespace workshops::domain {

// The public title of a theme slug ("environment" -> "Environment"); nullopt for an unknown slug.
std::optional<std::string> title_of(const std::string& theme);
// A theme slug: lower-case letters, digits and '-', 1 to 64 characters.
bool is_valid_theme(const std::string& theme);

}  // namespace workshops::domain
